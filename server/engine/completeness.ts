// "Could not test" anywhere in a result shortens its cache lifetime: a timeout now should not
// hide a working server for an hour.

import type { DomainDnsPosture } from '../../lib/checks/domain-dns-posture.ts';
import type { DomainProbeReport } from '../../lib/probe/types.ts';

export function isIncomplete(
  probe: DomainProbeReport | null,
  dns: DomainDnsPosture | null,
): boolean {
  if (!probe || !dns) return true;
  if (probe.mxStatus === 'temperror' || probe.mtaSts.status === 'temperror') return true;
  if (probe.mx.some((mx) => mx.addresses.some((a) => a.status === 'temperror'))) return true;
  const outcomes = [dns.mx, dns.spf, dns.dmarc, dns.mtaSts, dns.tlsRpt, dns.tlsa, dns.dnssec];
  return outcomes.some((outcome) => outcome.status === 'temperror');
}
