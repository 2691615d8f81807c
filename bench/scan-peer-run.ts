// The DNS-only part of a scan beside checkdmarc, a peer admins use for bulk DNS posture checks,
// on the same population domains and the same lab resolver (Unbound: MailSeal asks it over DoH,
// checkdmarc over plain DNS on port 53, as each does by default). MailSeal runs in this process
// (`assessDomain` without a probe, as `mailseal check --dns-only`), one domain at a time and 16 at
// a time; checkdmarc runs as its own CLI (`--skip-tls`: no SMTP), which checks one domain at a
// time. Used by `npm run bench:scan` and `node bench/scan-peer.ts`.
//
// checkdmarc is not part of MailSeal: the bench runs the command given, else the runner built from
// checkdmarc's public repository beside the clone, `../shared/checkdmarc-run/checkdmarc.sh`
// (docs/benchmarks.md says how it was built), else it installs checkdmarc from PyPI into a cached
// venv (checkdmarc-install.ts), and says why when none of these can be had.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assessDomain } from '../lib/assess/index.ts';
import { createNodeProbeDeps } from '../lib/probe/node-deps.ts';
import type { LabInfo } from '../test/lab/lab-info.ts';
import { installCheckdmarc } from './checkdmarc-install.ts';

/** Where CI and the shared machine keep the checkdmarc runner: beside the repository. */
export const DEFAULT_CHECKDMARC = resolve(
  import.meta.dirname,
  '../../shared/checkdmarc-run/checkdmarc.sh',
);

/** The checkdmarc command to run, or why there is none. */
export type PeerCommand = { command: string } | { missing: string };

/**
 * The command from `--checkdmarc` (an empty flag: from `MAILSEAL_CHECKDMARC`, else the default
 * runner path). A command given explicitly is taken as is (it may be `python3 /x/checkdmarc`);
 * the default path must exist and be executable, else the reason is returned.
 */
export function findCheckdmarc(
  flag: string,
  env: NodeJS.ProcessEnv = process.env,
  defaultPath = DEFAULT_CHECKDMARC,
): PeerCommand {
  const given = flag || env.MAILSEAL_CHECKDMARC || '';
  if (given) return { command: given };
  try {
    accessSync(defaultPath, constants.X_OK);
    return { command: defaultPath };
  } catch {
    return {
      missing: `no checkdmarc runner at ${defaultPath} (not installed by the project: PyPI is not reachable here; build the runner as docs/benchmarks.md says, or pass --checkdmarc "<command>" or MAILSEAL_CHECKDMARC)`,
    };
  }
}

/** `findCheckdmarc`, then PyPI: the peer command, or every reason there is none. */
export function findOrInstallCheckdmarc(
  flag: string,
  install: () => PeerCommand = () => installCheckdmarc(),
  env: NodeJS.ProcessEnv = process.env,
  defaultPath = DEFAULT_CHECKDMARC,
): PeerCommand {
  const found = findCheckdmarc(flag, env, defaultPath);
  if ('command' in found) return found;
  const installed = install();
  if ('command' in installed) return installed;
  return { missing: `${found.missing}; and from PyPI: ${installed.missing}` };
}

export interface Timed {
  seconds: number;
  cpuSeconds: number;
  failed: number;
}

/** MailSeal's DNS posture of every domain, `lanes` at a time, on one fresh DoH client. */
export async function mailsealDnsOnly(
  lab: LabInfo,
  domains: string[],
  lanes: number,
): Promise<Timed> {
  const deps = createNodeProbeDeps({
    resolvers: [lab.dohUrl],
    labCaPem: lab.caCertPem,
    labTrustAnchor: lab.trustAnchor,
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  let failed = 0;
  const lane = async () => {
    for (let d = domains[next++]; d !== undefined; d = domains[next++]) {
      const assessed = await assessDomain(d, { dns: deps.dns, probe: null });
      if (!assessed.dns.ok) failed++;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  const used = process.cpuUsage(cpu);
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    failed,
  };
}

export type PeerRun = (Timed & { reported: number }) | { error: string };

/** checkdmarc over the same list, timed by /usr/bin/time; counts the domains it reported. */
export function runCheckdmarc(lab: LabInfo, command: string, domains: string[]): PeerRun {
  const work = mkdtempSync(join(tmpdir(), 'mailseal-bench-peer-'));
  try {
    const list = join(work, 'domains.txt');
    const out = join(work, 'checkdmarc.json');
    writeFileSync(list, `${domains.join('\n')}\n`);
    const [program = '', ...args] = command.split(' ').filter((p) => p !== '');
    const started = performance.now();
    // The list first: -o and -n take several values each.
    const cli = [...args, list, '--skip-tls', '-n', lab.resolverAddress, '-o', out];
    const run = spawnSync('/usr/bin/time', ['-f', 'CPU_S %U %S', program, ...cli], {
      // The lab CA, so its MTA-STS policy fetch is judged as MailSeal's is.
      env: { ...process.env, REQUESTS_CA_BUNDLE: lab.caCertPath },
      encoding: 'utf8',
      timeout: 600_000,
    });
    const seconds = (performance.now() - started) / 1000;
    const complaints = run.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('CPU_S'));
    if (run.status !== 0)
      return {
        error: `\`${command}\` exited with ${run.status ?? run.signal ?? run.error?.message}: ${complaints.slice(-5).join(' / ')}`,
      };
    const cpu = /CPU_S ([\d.]+) ([\d.]+)/.exec(run.stderr);
    const results = JSON.parse(readFileSync(out, 'utf8')) as Array<{ domain: string }>;
    return {
      seconds,
      cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : 0,
      failed: complaints.filter((l) => /Traceback|Error/.test(l)).length,
      reported: results.length,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const perDomain = (t: Timed, n: number) =>
  `${(n / t.seconds).toFixed(1)} | ${t.seconds.toFixed(1)} | ${((t.cpuSeconds * 1000) / n).toFixed(1)}`;

/**
 * Runs both on `domains` and prints the table and the ratio with `say`; when checkdmarc cannot
 * run, says why. The population must already be loaded into the lab.
 */
export async function comparePeer(
  lab: LabInfo,
  peer: PeerCommand,
  domains: string[],
  say: (line: string) => void,
): Promise<void> {
  const n = domains.length;
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  say(`Peer (DNS-only part, the first ${n} population domains, load average ${load}):`);
  say('');
  say('| tool | domains/s | wall (s) | CPU ms/domain |');
  say('| --- | ---: | ---: | ---: |');
  const one = await mailsealDnsOnly(lab, domains, 1);
  say(`| MailSeal DNS-only, 1 at a time (DoH) | ${perDomain(one, n)} |`);
  const many = await mailsealDnsOnly(lab, domains, 16);
  say(`| MailSeal DNS-only, 16 at a time (DoH) | ${perDomain(many, n)} |`);
  if ('missing' in peer) {
    say('');
    say(`Peer ratio: not measured: ${peer.missing}.`);
    return;
  }
  const run = runCheckdmarc(lab, peer.command, domains);
  if ('error' in run) {
    say('');
    say(`Peer ratio: not measured: checkdmarc did not run: ${run.error}.`);
    return;
  }
  say(`| checkdmarc --skip-tls, 1 at a time (port 53) | ${perDomain(run, n)} |`);
  say('');
  say(
    `checkdmarc reported ${run.reported} of ${n} domains (${run.failed} error lines on its stderr); MailSeal's posture failed on ${one.failed + many.failed}.`,
  );
  if (run.reported !== n) {
    say(`Peer ratio: not measured: checkdmarc reported ${run.reported} of ${n} domains.`);
    return;
  }
  say(
    `Peer ratio (DNS-only, domains/s, MailSeal ÷ checkdmarc): ${(run.seconds / one.seconds).toFixed(2)}× one at a time, ${(run.seconds / many.seconds).toFixed(2)}× with 16 at a time; MailSeal's CPU per domain is ${(one.cpuSeconds / run.cpuSeconds).toFixed(2)}× checkdmarc's.`,
  );
}
