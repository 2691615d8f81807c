// Human report of a DomainDnsPosture: one line per check with the few facts that matter, then
// its findings, worst first, with the fix. "Could not test" is printed as such, never as a fail.
import type { DkimKeyProtection } from '../../lib/checks/dkim.ts';
import type { DomainDnsPosture } from '../../lib/checks/domain-dns-posture.ts';
import { type AnyDnsCheck, type CheckTable, EVERY_DNS_CHECK } from '../../lib/checks/registry.ts';
import type { CheckOutcome, CheckStatus, Severity } from '../../lib/outcome.ts';
import { dnssecTag } from './dnssec-label.ts';
import { type Paint, terminalPalette } from './terminal-palette.ts';

export interface DnsPostureFormatOptions {
  color?: boolean;
  /** The checks to print: the registry's unless a test brings its own table. */
  checks?: CheckTable;
}

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

const STATUS_TEXT: Record<CheckStatus, string> = {
  pass: 'ok',
  fail: 'weak',
  none: 'absent',
  permerror: 'invalid',
  temperror: 'could not test',
};

/** The DKIM key's protection, explicit: state, where the signer zone's chain ended, why, whose word. */
function keyProtection(k: DkimKeyProtection): string {
  const where = k.zone ? ` at ${k.zone}` : '';
  return `key DNSSEC ${k.state}${where} (${k.reason})${dnssecTag(k)}`;
}

/** Beside each DNSSEC verdict: who vouched (validated locally / resolver's word), and the DKIM key's protection. */
function dnssecNote(details: unknown): string {
  const protection = (details as { protection?: DkimKeyProtection } | undefined)?.protection;
  return protection ? `; ${keyProtection(protection)}` : dnssecTag(details);
}

/** The check's few facts on one line, as its registry entry words them. */
function summary(
  posture: DomainDnsPosture,
  check: AnyDnsCheck<string>,
  outcome: CheckOutcome<unknown>,
): string {
  return check.summary(outcome as never, posture) + dnssecNote(outcome.details);
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
  const lines = [
    p.bold(`${posture.domain}: DNS posture`) +
      p.dim(` (${posture.elapsedMs} ms, ${posture.assessedAt})`),
  ];
  const outcomes = posture as unknown as Record<string, CheckOutcome<unknown>>;
  for (const entry of options.checks ?? EVERY_DNS_CHECK) {
    const check = outcomes[entry.key];
    if (check === undefined) continue;
    const status = statusPaint[check.status](STATUS_TEXT[check.status].padEnd(14));
    const facts = summary(posture, entry, check);
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
  const fallbacks = posture.dnssec.details?.fallbacks ?? [];
  if (fallbacks.length > 0)
    lines.push(
      p.amber(
        `  Fell back to the resolver's word: local validation did not complete (${fallbacks.join('; ')}).`,
      ),
    );
  for (const r of posture.dnssec.details?.reasons ?? [])
    lines.push(p.dim(`  ${r.name} ${r.type}: ${r.state}: ${r.detail}`));
  return `${lines.join('\n')}\n`;
}
