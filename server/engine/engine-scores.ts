// The provider score (lib/score) of one assessed domain, from its probe report and DNS posture.
// Inbound rests on what we measured; outbound needs observed messages, so it stays unknown here.

import type { DomainDnsPosture } from '../../lib/checks/domain-dns-posture.ts';
import type { DomainProbeReport } from '../../lib/probe/types.ts';
import { dnsFactsFromPosture, type ProviderScore, scoreProvider } from '../../lib/score/index.ts';

export function scoreAssessment(
  domain: string,
  probe: DomainProbeReport | null,
  dns: DomainDnsPosture | null,
): ProviderScore | null {
  if (probe === null && dns === null) return null;
  return scoreProvider({
    domain: probe?.domain ?? dns?.domain ?? domain,
    dns: dns ? dnsFactsFromPosture(dns) : null,
    probe,
  });
}
