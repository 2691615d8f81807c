// Human report of a DomainDnsPosture: one line per check with the few facts that matter, then
// its findings, worst first, with the fix. "Could not test" is printed as such, never as a fail.
import type { DomainDnsPosture } from '../../lib/checks/domain-dns-posture.ts';
import type { CheckOutcome, CheckStatus, Severity } from '../../lib/outcome.ts';
import { type Paint, terminalPalette } from './terminal-palette.ts';

export interface DnsPostureFormatOptions {
  color?: boolean;
}

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

const STATUS_TEXT: Record<CheckStatus, string> = {
  pass: 'ok',
  fail: 'weak',
  none: 'absent',
  permerror: 'invalid',
  temperror: 'could not test',
};

function summary(posture: DomainDnsPosture, check: CheckOutcome<unknown>): string {
  switch (check.check) {
    case 'mx': {
      const d = posture.mx.details;
      if (!d) return '';
      if (d.nullMx && !d.nullMixed) return 'null MX: accepts no mail';
      return (
        d.hosts.map((h) => `${h.preference} ${h.exchange}`).join(', ') +
        (d.implicit ? ' (implicit)' : '') +
        (d.nullMixed ? ' and a null MX (conflicting, RFC 7505 §3)' : '')
      );
    }
    case 'spf': {
      const d = posture.spf.details;
      return d?.allPolicy
        ? `all=${d.allPolicy}, ${d.totalLookups}/10 lookups, ${d.voidLookups}/2 void`
        : '';
    }
    case 'dmarc': {
      const d = posture.dmarc.details;
      if (!d?.effectivePolicy) return '';
      const where =
        d.recordDomain && d.recordDomain !== posture.domain ? ` (from ${d.recordDomain})` : '';
      return `p=${d.effectivePolicy}${d.record && d.record.pct < 100 ? ` pct=${d.record.pct}` : ''}${where}`;
    }
    case 'mta-sts':
      return posture.mtaSts.details?.id ? `id=${posture.mtaSts.details.id}` : '';
    case 'tls-rpt':
      return posture.tlsRpt.details?.rua.join(', ') ?? '';
    case 'tlsa': {
      const hosts = posture.tlsa.details?.hosts ?? [];
      return hosts
        .filter((h) => h.records.length > 0)
        .map((h) => `${h.host}: ${h.records.length} record(s)${h.usable ? '' : ', unusable'}`)
        .join('; ');
    }
    case 'dnssec': {
      const d = posture.dnssec.details;
      if (!d) return '';
      return `domain ${d.domainSigned}, MX ${d.mxSecure}, MX zones ${d.mxHostZonesSigned}, MX addresses ${d.mxAddressesSecure}, TXT ${d.txtSecure}, TLSA ${d.tlsaSecure}`;
    }
    case 'dkim': {
      const d = posture.dkim.details;
      if (!d) return '';
      if (d.estimate) return 'estimate (no selector known)';
      return d.keys
        .map(
          (k) =>
            `${k.selector}: ${k.keyType}${k.bits ? ` ${k.bits} bits` : ''}${k.revoked ? ' revoked' : ''}`,
        )
        .join(', ');
    }
    default:
      return '';
  }
}

export function formatDnsPosture(
  posture: DomainDnsPosture,
  options: DnsPostureFormatOptions = {},
): string {
  const p = terminalPalette(options.color === true);
  const statusPaint: Record<CheckStatus, Paint> = {
    pass: p.green,
    fail: p.red,
    none: p.amber,
    permerror: p.red,
    temperror: p.dim,
  };
  const checks: CheckOutcome<unknown>[] = [
    posture.mx,
    posture.spf,
    posture.dmarc,
    posture.mtaSts,
    posture.tlsRpt,
    posture.bimi,
    posture.tlsa,
    posture.dnssec,
    posture.dkim,
  ];
  const lines = [
    p.bold(`${posture.domain}: DNS posture`) +
      p.dim(` (${posture.elapsedMs} ms, ${posture.assessedAt})`),
  ];
  for (const check of checks) {
    const status = statusPaint[check.status](STATUS_TEXT[check.status].padEnd(14));
    const facts = summary(posture, check);
    lines.push(`  ${check.check.padEnd(8)} ${status}${facts ? ` ${facts}` : ''}`);
    const findings = [...check.findings].sort(
      (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
    );
    for (const f of findings) {
      const sev =
        f.severity === 'critical' || f.severity === 'high'
          ? p.red
          : f.severity === 'medium'
            ? p.amber
            : p.dim;
      lines.push(`      ${sev(`[${f.severity}]`)} ${f.message} ${p.dim(`(${f.code})`)}`);
      if (f.fix) lines.push(`        ${p.dim(`fix: ${f.fix}`)}`);
    }
  }
  const resolvers = posture.dnssec.details?.resolvers ?? [];
  const trust = posture.dnssec.details?.trust;
  if (trust === 'validated-locally')
    lines.push(
      p.dim(
        `  DNSSEC validated locally from the trust anchor (${resolvers.join(', ')} only carried the records).`,
      ),
    );
  else if (resolvers.length > 0)
    lines.push(
      p.dim(
        `  DNSSEC as reported by ${resolvers.join(', ')} (AD flag, the resolver's word; ${trust === 'mixed' ? 'only partly' : 'not'} validated locally).`,
      ),
    );
  for (const r of posture.dnssec.details?.reasons ?? [])
    lines.push(p.dim(`  ${r.name} ${r.type}: ${r.state}: ${r.detail}`));
  return `${lines.join('\n')}\n`;
}
