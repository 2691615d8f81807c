// Small helpers shared by the DNS checks.
import type { DnsAnswer, RecordType } from '../dns/types.ts';
import type { CheckOutcome, Finding } from '../outcome.ts';
import { text } from '../score/text.ts';
import { issue } from './finding-codes.ts';

/** The resolver could not give an answer (timeout, SERVFAIL, malformed reply). */
export function didNotResolve(answer: DnsAnswer): boolean {
  return answer.status === 'temperror' || answer.status === 'servfail';
}

/** NXDOMAIN or NODATA: the name or type is absent (RFC 7208's "void lookup"). */
export function isVoid(answer: DnsAnswer): boolean {
  return answer.status === 'nxdomain' || answer.status === 'nodata';
}

export function lookupFailedFinding(answer: DnsAnswer): Finding {
  const why = answer.error ?? answer.status.toUpperCase();
  return issue('dns.lookup-failed', text('chk_lookup_failed', answer.type, answer.name, why), {
    evidence: `${answer.name} ${answer.type} → ${answer.status}${answer.resolver ? ` via ${answer.resolver}` : ''}`,
  });
}

/** The "could not test" outcome for a check whose lookup failed. */
export function untested<T>(check: string, answer: DnsAnswer): CheckOutcome<T> {
  return { check, status: 'temperror', findings: [lookupFailedFinding(answer)], records: [] };
}

/** TXT records whose text starts with a version tag, e.g. `v=spf1`, as RFCs select them. */
export function selectVersioned(
  records: readonly string[],
  matches: (text: string) => boolean,
): string[] {
  return records.filter(matches);
}

export function recordLine<T extends RecordType>(answer: DnsAnswer<T>, text: string): string {
  return `${answer.name} ${answer.type} ${text}`;
}

export function joinName(...labels: string[]): string {
  return labels.filter((l) => l.length > 0).join('.');
}
