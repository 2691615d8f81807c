// "Could not test" anywhere in an assessment: a timeout now should not hide a working server for
// long, so front ends cache such results for a shorter time and say the report is partial.

import type { DomainDnsPosture } from '../checks/domain-dns-posture.ts';
import { type CheckTable, EVERY_DNS_CHECK } from '../checks/registry.ts';
import type { ProbeInput } from '../score/index.ts';

/** Some DNS check of the posture (every one in the registry) could not be made. */
export function postureUntested(
  posture: DomainDnsPosture,
  checks: CheckTable = EVERY_DNS_CHECK,
): boolean {
  const outcomes = posture as unknown as Record<string, { status?: unknown } | undefined>;
  return checks.some((check) => outcomes[check.key]?.status === 'temperror');
}

/** Some part of the probe could not be made: the MX lookup, the MTA-STS policy, an address. */
export function probeUntested(probe: ProbeInput): boolean {
  if (probe.mxStatus === 'temperror' || probe.mtaSts.status === 'temperror') return true;
  return probe.mx.some((mx) => mx.addresses.some((a) => a.status === 'temperror'));
}

export function isIncomplete(probe: ProbeInput | null, dns: DomainDnsPosture | null): boolean {
  if (!probe || !dns) return true;
  return probeUntested(probe) || postureUntested(dns);
}
