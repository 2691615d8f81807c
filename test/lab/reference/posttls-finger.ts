import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DaneOutcome, TlsLevel } from '../catalogue-types.ts';
import type { LabInfo } from '../lab-info.ts';
import { exec } from './exec.ts';

export interface SmtpObservation {
  readonly level: TlsLevel;
  readonly tlsVersion?: string;
  readonly dane?: DaneOutcome;
  readonly transcript: string;
}

/** posttls-finger reads main.cf from MAIL_CONFIG; the lab gives it its own, not /etc/postfix. */
function mailConfig(lab: LabInfo): string {
  const dir = join(lab.stateDir, 'posttls-finger');
  mkdirSync(dir, { recursive: true });
  writeStable(join(dir, 'main.cf'), 'compatibility_level = 3.6\nsmtp_dns_support_level = dnssec\n');
  writeStable(
    join(dir, 'resolv.conf'),
    `nameserver ${lab.resolverAddress}\noptions edns0 trust-ad\n`,
  );
  return dir;
}

/**
 * The self-test runs four checks at once, all reading these files. A plain rewrite truncates
 * first, and a posttls-finger reading resolv.conf in that instant asks no lab resolver at all
 * ("Host not found, try again"). So: write only when the content changes, and by rename.
 */
function writeStable(path: string, content: string): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return;
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

function parse(out: string): SmtpObservation {
  const established =
    /(Verified|Trusted|Untrusted|Anonymous) TLS connection established to [^:]+:\d+: (TLSv[\d.]+|SSLv3)/.exec(
      out,
    );
  let level: TlsLevel;
  if (established) level = (established[1] ?? '').toLowerCase() as TlsLevel;
  else if (!/Connected to /.test(out) && !/< 220/.test(out)) level = 'failed';
  else if (/< 250[- ]STARTTLS/i.test(out)) level = 'handshake-failed';
  else if (/< 250 /.test(out)) level = 'no-starttls';
  else level = 'failed';
  let dane: DaneOutcome = 'none';
  if (/Matched DANE/.test(out) && level === 'verified') dane = 'verified';
  else if (/no matching DANE TLSA|DANE TLSA .*fail/i.test(out)) dane = 'mismatch';
  else if (
    /TLSA lookup error|lookup error for|Host or domain name not found|not found: /i.test(out)
  )
    dane = 'dns-error';
  return {
    level,
    ...(established?.[2] ? { tlsVersion: established[2] } : {}),
    dane,
    transcript: out,
  };
}

// -T bounds SMTP commands; smtp_starttls_timeout bounds the TLS handshake (default 300s).
const TIMEOUTS = ['-t', '5', '-T', '10', '-o', 'smtp_starttls_timeout=5s'];

/** STARTTLS with the lab CA as the only trust anchor, matching the MX host name (level secure). */
export async function fingerSecure(
  lab: LabInfo,
  address: string,
  hostname: string,
): Promise<SmtpObservation> {
  const env = { ...process.env, MAIL_CONFIG: mailConfig(lab) };
  const out = await exec(
    'posttls-finger',
    [...TIMEOUTS, '-l', 'secure', '-F', lab.caCertPath, '-s', hostname, `[${address}]`, hostname],
    { env, timeoutMs: 60_000 },
  );
  return parse(out.stdout + out.stderr);
}

/** A client that accepts anything (SECLEVEL=0, TLS 1.0 and up): what the server negotiates. */
export async function fingerPermissive(lab: LabInfo, address: string): Promise<SmtpObservation> {
  const env = { ...process.env, MAIL_CONFIG: mailConfig(lab) };
  const out = await exec(
    'posttls-finger',
    [...TIMEOUTS, '-l', 'may', '-o', 'tls_medium_cipherlist=ALL:@SECLEVEL=0', `[${address}]`],
    { env, timeoutMs: 60_000 },
  );
  return parse(out.stdout + out.stderr);
}

/**
 * Level dane against the domain itself: posttls-finger looks up MX and TLSA through the lab
 * resolver. /etc/resolv.conf is swapped only inside a private mount namespace (needs root).
 */
export async function fingerDane(lab: LabInfo, domain: string): Promise<SmtpObservation> {
  const dir = mailConfig(lab);
  const env = { ...process.env, MAIL_CONFIG: dir };
  const script = 'mount --bind "$0" /etc/resolv.conf && exec posttls-finger "$@"';
  const args = [
    '-m',
    'sh',
    '-c',
    script,
    join(dir, 'resolv.conf'),
    ...TIMEOUTS,
    '-l',
    'dane',
    domain,
  ];
  let observation = parse('');
  // TRY_AGAIN is a temporary answer: Postfix itself defers and retries, so the reference verdict
  // is the one after a retry, as it would be for a real delivery.
  for (let attempt = 0; attempt < 3; attempt++) {
    const out = await exec('unshare', args, { env, timeoutMs: 90_000 });
    observation = parse(out.stdout + out.stderr);
    if (!/Host not found, try again/i.test(observation.transcript)) break;
  }
  return observation;
}
