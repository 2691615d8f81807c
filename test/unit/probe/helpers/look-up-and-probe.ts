// What lib/assess does for a local probe, for tests that probe a domain without the rest of an
// assessment: lib/checks looks the mail DNS facts up (MX, addresses, TLSA, the _mta-sts record),
// then lib/probe works from them.

import { lookupMailFacts } from '../../../../lib/checks/mail-facts.ts';
import { DEFAULT_PROBE_LIMITS } from '../../../../lib/probe/limits.ts';
import { type ProbeDeps, probeDomain } from '../../../../lib/probe/probe-domain.ts';
import type { DomainProbeReport } from '../../../../lib/probe/types.ts';

export function lookUpAndProbe(domain: string, deps: ProbeDeps): Promise<DomainProbeReport> {
  const maxHosts = deps.limits?.maxMxHosts ?? DEFAULT_PROBE_LIMITS.maxMxHosts;
  return probeDomain(lookupMailFacts(deps.dns, domain, { maxHosts }), deps);
}
