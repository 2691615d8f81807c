// Wires a runnable service from its configuration: backends (SQLite or Redis), the DoH client,
// the real engine, the HTTP app; and a close() that finishes in-flight probes first.

import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { parseAnchorText } from '../lib/dns/dnssec/trust-anchor.ts';
import { createDohClient, createValidatingClient, type DohClient } from '../lib/dns/index.ts';
import { createUndiciTransport } from '../lib/dns/node/undici-transport.ts';
import { createRevocationFetcher } from '../lib/probe/revocation-fetch.ts';
import { buildServer } from './app.ts';
import { createMemoryBackends } from './backends/memory-backends.ts';
import { createRedisBackends } from './backends/redis-backends.ts';
import { createSqliteBackends } from './backends/sqlite-backends.ts';
import type { ServiceConfig } from './config.ts';
import { createAddressGuard } from './core/address-policy.ts';
import { type AssessmentService, createAssessmentService } from './core/assessment-service.ts';
import type { Backends } from './core/backends.ts';
import type { AssessEngine } from './core/engine-types.ts';
import { MetricsRegistry } from './core/metrics.ts';
import { createRealEngine } from './engine/real-engine.ts';
import { readLabSettings } from './lab-mode.ts';

export interface RunningService {
  app: FastifyInstance;
  service: AssessmentService;
  backends: Backends;
  /** Stop accepting, finish in-flight probes and requests, release connections. */
  close(): Promise<void>;
}

export function createBackends(
  config: Pick<ServiceConfig, 'redisUrl' | 'cache' | 'dataDir'>,
): Backends {
  if (config.redisUrl) return createRedisBackends(config.redisUrl);
  return config.cache === 'memory' ? createMemoryBackends() : createSqliteBackends(config.dataDir);
}

/** The real engine with its DoH client; `close` releases the HTTP/2 connections. */
export function createEngineFromConfig(
  config: Pick<ServiceConfig, 'lab' | 'resolvers' | 'ehloName'>,
  env: NodeJS.ProcessEnv = process.env,
): { engine: AssessEngine; dns: DohClient; close(): Promise<void> } {
  const lab = config.lab ? readLabSettings(env) : null;
  const undici = createUndiciTransport(lab ? { ca: lab.caCertPem } : {});
  const resolvers = config.resolvers.length > 0 ? config.resolvers : lab ? [lab.dohUrl] : undefined;
  const anchor = lab?.trustAnchor ? parseAnchorText(lab.trustAnchor) : undefined;
  // DNSSEC validated locally from the root (the lab's anchor in lab mode); AD flag as fallback.
  const dns = createValidatingClient(
    createDohClient({ transport: undici.transport, ...(resolvers ? { resolvers } : {}) }),
    anchor ? { anchor } : {},
  );
  // CRL/OCSP under the same SSRF rule as SMTP: public addresses only, unless --lab.
  const revocation = createRevocationFetcher({
    dns,
    allowLoopback: config.lab,
    ...(lab ? { ca: [lab.caCertPem] } : {}),
  });
  const engine = createRealEngine({
    dns,
    fetchBytes: revocation.fetchBytes,
    ...(lab ? { extraRoots: [lab.caCertPem] } : {}),
    ...(config.ehloName ? { ehloName: config.ehloName } : {}),
  });
  return {
    engine,
    dns,
    close: async () => {
      await undici.close();
      await revocation.close();
    },
  };
}

export function startService(
  config: ServiceConfig,
  options: { logger?: FastifyServerOptions['logger']; engine?: AssessEngine } = {},
): RunningService {
  const backends = createBackends(config);
  const real = options.engine ? null : createEngineFromConfig(config);
  const engine = options.engine ?? real?.engine;
  if (!engine) throw new Error('no engine');
  const metrics = new MetricsRegistry();
  const service = createAssessmentService({
    engine,
    backends,
    guard: createAddressGuard({ lab: config.lab }),
    lab: config.lab,
    maxConcurrentProbes: config.maxProbes,
    maxQueuedProbes: config.maxQueue,
    probeTimeoutMs: config.probeTimeoutMs,
    lockLeaseMs: config.lockLeaseMs,
    metrics,
  });
  const app = buildServer({
    logger: options.logger ?? { level: config.logLevel },
    service,
    backends,
    metrics,
    lab: config.lab,
    tokens: config.tokens,
    metricsTokens: config.metricsTokens,
    cors: {
      chromeExtensionIds: config.extensionIds,
      allowFirefox: config.allowFirefox,
      extraOrigins: config.corsOrigins,
    },
    rateLimits: { requests: config.rateLimit, probes: config.probeRateLimit, windowMs: 60_000 },
    maxDomainsPerRequest: config.maxDomainsPerRequest,
    trustProxy: config.trustProxy,
  });
  let closing: Promise<void> | null = null;
  return {
    app,
    service,
    backends,
    close() {
      closing ??= (async () => {
        await app.close(); // stops accepting; waits for in-flight requests (and their probes)
        await service.drain();
        await real?.close();
        await backends.close();
      })();
      return closing;
    },
  };
}
