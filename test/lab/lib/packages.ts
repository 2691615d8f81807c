import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { hasProgram, run, runOrThrow } from './run.ts';

/** Each program the lab runs or checks with, and the Debian 12 package that ships it. */
const PROGRAM_PACKAGES: ReadonlyArray<readonly [program: string, pkg: string]> = [
  ['openssl', 'openssl'],
  ['curl', 'curl'],
  ['knotd', 'knot'],
  ['keymgr', 'knot'],
  ['kdig', 'knot-dnsutils'],
  ['unbound', 'unbound'],
  ['postfix', 'postfix'],
  ['posttls-finger', 'postfix'],
  ['nginx', 'nginx'],
  ['ldns-signzone', 'ldnsutils'],
  ['ldns-keygen', 'ldnsutils'],
  // Reference tools and services the integration tests call (probe-reference, server/scan Redis).
  ['ldns-dane', 'ldnsutils'],
  ['mta-sts-query', 'postfix-mta-sts-resolver'],
  ['redis-server', 'redis-server'],
  ['unshare', 'util-linux'],
  ['mount', 'mount'], // probe-reference binds the lab resolv.conf in a private namespace
  // Outside oracles (test/integration/oracle-agreement.test.ts): DMARC record parsing.
  ['opendmarc-check', 'opendmarc'],
  // Reference DNSSEC validators for test/integration/dnssec-reference.test.ts
  ['delv', 'bind9-dnsutils'],
  ['unbound-host', 'unbound-host'],
];

/** Python modules the reference helpers import, and the Debian package that ships each. */
const PYTHON_MODULES: ReadonlyArray<readonly [module: string, pkg: string]> = [
  ['spf', 'python3-spf'], // pyspf, the SPF oracle (test/lab/reference/pyspf.ts)
];

/** Debian's own interpreter: a python3 earlier on PATH (pyenv) does not see Debian's modules. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

const hasPythonModule = (module: string) =>
  run(DEBIAN_PYTHON, ['-c', `import ${module}`]).status === 0;

const POLICY_RC = '/usr/sbin/policy-rc.d';

/** Installs what is missing, and only that; returns the packages it installed. */
export function ensurePackages(log: (line: string) => void): string[] {
  const missing = [
    ...new Set([
      ...PROGRAM_PACKAGES.filter(([prog]) => !hasProgram(prog)).map(([, pkg]) => pkg),
      ...PYTHON_MODULES.filter(([module]) => !hasPythonModule(module)).map(([, pkg]) => pkg),
    ]),
  ];
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0) {
    throw new Error(`lab: missing packages ${missing.join(' ')}; run as root to install them`);
  }
  aptInstall(missing, log);
  return missing;
}

/** Installs packages with apt-get, unconfigured and without starting their services. */
export function aptInstall(packages: readonly string[], log: (line: string) => void): void {
  log(`installing ${packages.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Postfix asks questions on install; answer them so it installs unconfigured.
  runOrThrow('debconf-set-selections', [], {
    input:
      'postfix postfix/main_mailer_type select No configuration\n' +
      'postfix postfix/mailname string lab.invalid\n' +
      // opendmarc-check needs no database; the milter's dbconfig set-up is declined.
      'opendmarc opendmarc/dbconfig-install boolean false\n' +
      // Roundcube gets the lab's own sqlite database (test/lab/webmail/roundcube.ts).
      'roundcube-core roundcube/dbconfig-install boolean false\n',
  });
  // Packages must not start their services system-wide (nginx would bind 0.0.0.0:80).
  const addedPolicy = !existsSync(POLICY_RC);
  if (addedPolicy) writeFileSync(POLICY_RC, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const install = () =>
      run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
        env,
        timeoutMs: 900_000,
      });
    let result = install();
    if (result.status !== 0) {
      runOrThrow('apt-get', ['update'], { env, timeoutMs: 600_000 });
      result = install();
    }
    if (result.status !== 0) {
      throw new Error(`lab: apt-get install failed\n${result.stderr}${result.stdout}`);
    }
  } finally {
    if (addedPolicy) rmSync(POLICY_RC, { force: true });
  }
}

/** True when dpkg has the package installed (for packages without one program to look for). */
export function hasPackage(pkg: string): boolean {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
  const result = run('dpkg-query', ['-W', '-f=${Status}', pkg]);
  return result.status === 0 && result.stdout.trim() === 'install ok installed';
}
