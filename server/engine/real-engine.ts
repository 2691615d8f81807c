// The real engine: DNS posture (lib/checks) and the SMTP/TLS/DANE/MTA-STS probe (lib/probe) run
// side by side on one DoH client. Politeness locks come from the service (shared in Redis mode);
// the SSRF rule is enforced twice: by the probe (lab flag) and by a guarded transport here.

import tls from 'node:tls';
import { assessDomainDns } from '../../lib/checks/domain-dns-posture.ts';
import type { DnsClient } from '../../lib/dns/types.ts';
import type { ProbeLimits } from '../../lib/probe/limits.ts';
import { probeDomain } from '../../lib/probe/probe-domain.ts';
import type { FetchBytes } from '../../lib/probe/revocation.ts';
import { nodeTransport, type ProbeTransport } from '../../lib/probe/transport.ts';
import type { AssessEngine, EngineProblem, EngineResult } from '../core/engine-types.ts';
import { isIncomplete } from './completeness.ts';
import { scoreAssessment } from './engine-scores.ts';
import { guardTransport } from './guarded-transport.ts';
import { recordResolvers } from './resolver-recorder.ts';
import { memoSessions } from './session-memo.ts';

export interface RealEngineOptions {
  dns: DnsClient;
  /** Extra PEM roots (the lab CA in lab mode) on top of Node's Mozilla roots. */
  extraRoots?: readonly string[];
  ehloName?: string;
  probeLimits?: Partial<ProbeLimits>;
  smtpPort?: number;
  httpsPort?: number;
  transport?: ProbeTransport;
  /** CRL/OCSP fetcher for revocation; without it revocation is "unknown". */
  fetchBytes?: FetchBytes;
}

const message = (reason: unknown) => (reason instanceof Error ? reason.message : String(reason));

export function createRealEngine(options: RealEngineOptions): AssessEngine {
  const trustedRoots = [...tls.rootCertificates, ...(options.extraRoots ?? [])];
  return async (domain, context) => {
    const { dns, resolvers } = recordResolvers(options.dns);
    const [posture, probe] = await Promise.allSettled([
      assessDomainDns(domain, { dns, signal: context.signal }),
      probeDomain(domain, {
        dns,
        lab: context.lab,
        trustedRoots,
        transport: guardTransport(options.transport ?? nodeTransport, context.guard),
        lock: { run: (address, task) => context.withAddressLock(address, task) },
        // One SMTP session per MX address across all domains (and instances, in Redis mode).
        runSession: memoSessions(context),
        ...(options.fetchBytes ? { fetchBytes: options.fetchBytes } : {}),
        ...(options.ehloName ? { ehloName: options.ehloName } : {}),
        ...(options.probeLimits ? { limits: options.probeLimits } : {}),
        ...(options.smtpPort ? { smtpPort: options.smtpPort } : {}),
        ...(options.httpsPort ? { httpsPort: options.httpsPort } : {}),
      }),
    ]);
    const problems: EngineProblem[] = [];
    if (posture.status === 'rejected')
      problems.push({ stage: 'dns', message: message(posture.reason) });
    if (probe.status === 'rejected')
      problems.push({ stage: 'probe', message: message(probe.reason) });
    const dnsValue = posture.status === 'fulfilled' ? posture.value : null;
    const probeValue = probe.status === 'fulfilled' ? probe.value : null;
    let scores: EngineResult['scores'] = null;
    try {
      scores = scoreAssessment(domain, probeValue, dnsValue);
    } catch (error) {
      problems.push({ stage: 'score', message: message(error) });
    }
    const result: EngineResult = {
      probe: probeValue,
      dns: dnsValue as unknown as Record<string, unknown> | null,
      scores,
      resolver: [...resolvers].join(', ') || null,
      problems,
      incomplete: problems.length > 0 || isIncomplete(probeValue, dnsValue),
    };
    return result;
  };
}
