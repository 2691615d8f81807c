// The local probe as an assessment's probe source (lib/assess): the CLI and the probe service
// run lib/probe in-process, on the assessment's shared DNS view.

import type { ProbeSource } from '../assess/assess-domain.ts';
import { type ProbeDeps, probeDomain } from './probe-domain.ts';
import type { DomainProbeReport } from './types.ts';

export function localProbe(deps: Omit<ProbeDeps, 'dns'>): ProbeSource<DomainProbeReport> {
  return {
    probe: (domain, dns) => probeDomain(domain, { ...deps, dns }),
    scoreInput: (report) => report,
  };
}
