// A synthetic domain as zone-file lines relative to its parent (pops.lab or popu.lab): all
// domains of one parent live in that one zone, so 100,000 domains are two zone files, not
// 100,000 zones. Also the policy file its MTA-STS host serves.

import type { DomainFeatures } from './domains.ts';

/** Where the population's policy server listens, and an address where nothing does. */
export const POLICY_ADDRESS = '127.0.4.1';
export const DEAD_POLICY_ADDRESS = '127.0.4.2';

const SPF_ALL = { fail: ' -all', softfail: ' ~all', neutral: ' ?all', pass: ' +all', none: '' };

export function zoneLines(d: DomainFeatures): string[] {
  const label = d.domain.split('.')[0] ?? '';
  const lines = [`${label} MX 10 ${d.mx.host}.`];
  if (d.spf.state === 'valid') lines.push(`${label} TXT "v=spf1 mx${SPF_ALL[d.spf.all]}"`);
  // Two SPF records: a permerror (RFC 7208 §4.5).
  if (d.spf.state === 'invalid')
    lines.push(`${label} TXT "v=spf1 mx -all"`, `${label} TXT "v=spf1 a ~all"`);
  if (d.dmarc.state === 'valid')
    lines.push(`_dmarc.${label} TXT "v=DMARC1; p=${d.dmarc.policy}; rua=mailto:d@${d.domain}"`);
  // An unknown p= value: syntactically invalid (RFC 7489 §6.3).
  if (d.dmarc.state === 'invalid') lines.push(`_dmarc.${label} TXT "v=DMARC1; p=block"`);
  if (d.tlsRpt) lines.push(`_smtp._tls.${label} TXT "v=TLSRPTv1; rua=mailto:t@${d.domain}"`);
  if (d.mtaSts) {
    // RFC 8461 §3.1: id is 1–32 letters and digits; the dashes make it invalid.
    const id = d.mtaSts.recordIdInvalid ? '2026-01-01' : '20260101';
    lines.push(`_mta-sts.${label} TXT "v=STSv1; id=${id}"`);
    const address = d.mtaSts.policy === 'host-down' ? DEAD_POLICY_ADDRESS : POLICY_ADDRESS;
    lines.push(`mta-sts.${label} A ${address}`);
  }
  return lines;
}

/** The policy body, or null when the host serves none (down, or fails TLS first). */
export function policyBody(d: DomainFeatures): string | null {
  if (!d.mtaSts || d.mtaSts.policy === 'host-down') return null;
  const mode = d.mtaSts.policy === 'syntax' ? 'enforced' : d.mtaSts.mode;
  // A stale pattern left after a change of provider (IMC §4.4: 63% of the mismatches).
  const mx = d.mtaSts.policy === 'mx-mismatch' ? 'mail.oldprovider.lab' : d.mx.host;
  return ['version: STSv1', `mode: ${mode}`, `mx: ${mx}`, 'max_age: 86400', ''].join('\r\n');
}

/** Whether the policy host's certificate names mta-sts.<domain>. */
export function policyCertificateValid(d: DomainFeatures): boolean {
  return d.mtaSts !== null && d.mtaSts.policy !== 'bad-certificate';
}
