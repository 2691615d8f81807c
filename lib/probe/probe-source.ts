// The local probe as an assessment's probe source (lib/assess): the CLI and the probe service
// run lib/probe in-process, from the DNS facts lib/assess looked up (lib/checks/mail-facts.ts),
// on the assessment's shared DNS view.

import type { ProbeSource } from '../assess/assess-domain.ts';
import { DEFAULT_PROBE_LIMITS } from './limits.ts';
import { type ProbeDeps, probeDomain } from './probe-domain.ts';
import type { DomainProbeReport } from './types.ts';

export function localProbe(deps: Omit<ProbeDeps, 'dns'>): ProbeSource<DomainProbeReport> {
  return {
    probe: (_domain, dns, facts) => probeDomain(facts(), { ...deps, dns }),
    maxMxHosts: deps.limits?.maxMxHosts ?? DEFAULT_PROBE_LIMITS.maxMxHosts,
    scoreInput: (report) => report,
  };
}
