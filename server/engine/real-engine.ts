// The real engine: lib/assess with the local probe (lib/probe) as its source, on one DoH client.
// This file keeps the service's own concerns: the resolver record, the politeness locks from the
// service (shared in Redis mode), the session memo, and the SSRF rule, enforced twice: by the
// probe (lab flag) and by a guarded transport here.

import tls from 'node:tls';
import { assessDomain } from '../../lib/assess/index.ts';
import type { DnsClient } from '../../lib/dns/types.ts';
import type { ProbeLimits } from '../../lib/probe/limits.ts';
import { localProbe } from '../../lib/probe/probe-source.ts';
import type { FetchBytes } from '../../lib/probe/revocation.ts';
import { nodeTransport, type ProbeTransport } from '../../lib/probe/transport.ts';
import type { AssessEngine, EngineProblem, EngineResult } from '../core/engine-types.ts';
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

export function createRealEngine(options: RealEngineOptions): AssessEngine {
  const trustedRoots = [...tls.rootCertificates, ...(options.extraRoots ?? [])];
  return async (domain, context) => {
    const { dns, resolvers } = recordResolvers(options.dns);
    const probe = localProbe({
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
    });
    const assessed = await assessDomain(domain, { dns, probe, signal: context.signal });
    const problems: EngineProblem[] = [];
    if (!assessed.dns.ok) problems.push({ stage: 'dns', message: assessed.dns.error });
    if (assessed.probe?.ok === false)
      problems.push({ stage: 'probe', message: assessed.probe.error });
    if (assessed.scores?.ok === false)
      problems.push({ stage: 'score', message: assessed.scores.error });
    const result: EngineResult = {
      probe: assessed.probe?.ok ? assessed.probe.value : null,
      dns: assessed.dns.ok ? (assessed.dns.value as unknown as Record<string, unknown>) : null,
      scores: assessed.scores?.ok ? assessed.scores.value : null,
      resolver: [...resolvers].join(', ') || null,
      problems,
      incomplete: assessed.incomplete,
    };
    return result;
  };
}
