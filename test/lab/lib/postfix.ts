import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedMx } from '../lab-info.ts';
import type { IssuedCert } from './ca.ts';
import { writeIfChanged } from './files.ts';
import { run, runOrThrow, withSbinPath } from './run.ts';
import { ensureDir, statePath } from './state.ts';

const env = withSbinPath();
const ETC = '/etc/postfix';
const backupDir = () => statePath('postfix-backup');
const ABSENT = '.absent';

/** Keeps the system's own main.cf/master.cf once, so lab:stop can put them back. */
function backUpSystemConfig(): void {
  if (existsSync(backupDir())) return;
  mkdirSync(backupDir(), { recursive: true });
  for (const name of ['main.cf', 'master.cf']) {
    const src = join(ETC, name);
    if (existsSync(src)) copyFileSync(src, join(backupDir(), name));
    else writeFileSync(join(backupDir(), name + ABSENT), '');
  }
}

export function restoreSystemConfig(): boolean {
  if (!existsSync(backupDir())) return false;
  for (const name of ['main.cf', 'master.cf']) {
    const saved = join(backupDir(), name);
    if (existsSync(saved)) copyFileSync(saved, join(ETC, name));
    else if (existsSync(saved + ABSENT)) rmSync(join(ETC, name), { force: true });
  }
  rmSync(backupDir(), { recursive: true, force: true });
  return true;
}

function mainCf(logDir: string): string {
  return `# Written by the MailSeal lab (test/lab); lab:stop restores the original.
compatibility_level = 3.6
myhostname = mx.lab
mydomain = lab
myorigin = $myhostname
mydestination =
relay_domains =
local_recipient_maps =
alias_maps =
alias_database =
mynetworks = 127.0.0.0/8
inet_interfaces = all
inet_protocols = ipv4
# Postfix writes its log only under listed prefixes.
maillog_file_prefixes = /var, /dev/stdout, ${logDir}
maillog_file = ${join(logDir, 'postfix.log')}
smtpd_banner = $myhostname ESMTP MailSeal lab
smtpd_relay_restrictions = reject
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
smtpd_tls_received_header = no
`;
}

/** The stock services without any inet listener, then one smtpd per lab MX address. */
function masterCf(original: string, listeners: readonly string[]): string {
  const kept: string[] = [];
  let skipping = false;
  for (const line of original.split('\n')) {
    if (/^\S+\s+inet\s/.test(line)) skipping = true;
    else if (!/^\s/.test(line)) skipping = false;
    if (!skipping) kept.push(line);
  }
  return `${kept.join('\n').trimEnd()}\n# MailSeal lab listeners\n${listeners.join('\n')}\n`;
}

function listener(mx: ResolvedMx, cert: IssuedCert, seclevel0Conf: string): string {
  const tls = mx.tls ?? {};
  const o = [
    `myhostname=${mx.hostname}`,
    `smtpd_tls_security_level=${tls.starttls === false ? 'none' : 'may'}`,
    `smtpd_tls_cert_file=${cert.chainPath}`,
    `smtpd_tls_key_file=${cert.keyPath}`,
  ];
  if (tls.protocols) o.push(`smtpd_tls_protocols=${tls.protocols.replace(/\s+/g, '')}`);
  if (tls.ciphers) {
    o.push('smtpd_tls_ciphers=medium', `tls_medium_cipherlist=${tls.ciphers}`);
  }
  // Weak keys and SHA-1 signatures only load below OpenSSL's default security level.
  if (
    tls.ciphers?.includes('@SECLEVEL=0') ||
    mx.certificate === 'rsa1024' ||
    mx.certificate === 'sha1'
  ) {
    o.push(`tls_config_file=${seclevel0Conf}`, 'tls_config_name=lab_seclevel0');
  }
  return `${mx.address}:25 inet n - n - - smtpd\n${o.map((x) => `  -o ${x}`).join('\n')}`;
}

const SECLEVEL0 = `lab_seclevel0 = lab_seclevel0_settings
[lab_seclevel0_settings]
ssl_conf = lab_seclevel0_ssl
[lab_seclevel0_ssl]
server = lab_seclevel0_server
[lab_seclevel0_server]
CipherString = DEFAULT:@SECLEVEL=0
MinProtocol = TLSv1
`;

/**
 * Configures the system Postfix for the lab's MX listeners, plus `extra` master.cf entries (the
 * webmail's mail-flow paths), and (re)starts it when needed.
 */
export function startPostfix(
  mxs: ReadonlyArray<{ mx: ResolvedMx; cert: IssuedCert }>,
  extra: readonly string[] = [],
): void {
  const dir = ensureDir('postfix');
  backUpSystemConfig();
  const seclevel0Conf = join(dir, 'openssl-seclevel0.cnf');
  writeIfChanged(seclevel0Conf, SECLEVEL0);
  const originalMaster = join(backupDir(), 'master.cf');
  const stockMaster = existsSync(originalMaster)
    ? readFileSync(originalMaster, 'utf8')
    : readFileSync(join(ETC, 'master.cf.proto'), 'utf8');
  const mainChanged = writeIfChanged(join(ETC, 'main.cf'), mainCf(dir));
  const masterChanged = writeIfChanged(
    join(ETC, 'master.cf'),
    masterCf(stockMaster, [
      ...mxs.map(({ mx, cert }) => listener(mx, cert, seclevel0Conf)),
      ...extra,
    ]),
  );
  const running = run('postfix', ['status'], { env }).status === 0;
  if (!running) runOrThrow('postfix', ['start'], { env });
  else if (mainChanged || masterChanged) runOrThrow('postfix', ['reload'], { env });
}

export function stopPostfix(): boolean {
  const running = run('postfix', ['status'], { env }).status === 0;
  if (running) run('postfix', ['stop'], { env });
  return running;
}
