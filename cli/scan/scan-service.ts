// The assessment service a scan or worker runs on: the real engine, and the cache shared with
// the probe service (SQLite in the data directory, or Redis when given), with its cost counted.

import { loadServiceConfig } from '../../server/config.ts';
import { createAddressGuard } from '../../server/core/address-policy.ts';
import {
  type AssessmentService,
  createAssessmentService,
} from '../../server/core/assessment-service.ts';
import type { AssessEngine } from '../../server/core/engine-types.ts';
import { MetricsRegistry } from '../../server/core/metrics.ts';
import { createBackends, createEngineFromConfig } from '../../server/service.ts';

export interface ScanServiceOptions {
  redisUrl?: string | undefined;
  dataDir?: string | undefined;
  lab?: boolean | undefined;
  resolvers?: string[] | undefined;
  concurrency: number;
  /** Tests inject an engine; otherwise the real one. */
  engine?: AssessEngine;
}

/** What a scan cost this process: MX host probes (fresh and from the cache) and DoH requests. */
export interface ScanCost {
  mxHostProbes: number;
  mxHostCached: number;
  dohRequests: number;
}

const counterValue = (text: string, name: string, outcome: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{outcome="${outcome}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
};

export function createScanService(options: ScanServiceOptions): {
  service: AssessmentService;
  cost(): ScanCost;
  close(): Promise<void>;
} {
  const config = loadServiceConfig([]);
  const lab = options.lab ?? config.lab;
  const backends = createBackends({
    redisUrl: options.redisUrl ?? config.redisUrl,
    cache: 'sqlite',
    dataDir: options.dataDir ?? config.dataDir,
  });
  const real = options.engine
    ? null
    : createEngineFromConfig({
        lab,
        resolvers: options.resolvers ?? config.resolvers,
        ehloName: config.ehloName,
      });
  const engine = options.engine ?? real?.engine;
  if (!engine) throw new Error('no engine');
  const metrics = new MetricsRegistry();
  const service = createAssessmentService({
    metrics,
    engine,
    backends,
    guard: createAddressGuard({ lab }),
    lab,
    maxConcurrentProbes: options.concurrency,
    // A scan feeds the service itself: it never needs to refuse work for being busy.
    maxQueuedProbes: Number.MAX_SAFE_INTEGER,
    probeTimeoutMs: config.probeTimeoutMs,
  });
  return {
    service,
    cost() {
      const text = metrics.render();
      return {
        mxHostProbes: counterValue(text, 'mailseal_mx_host_probes_total', 'probed'),
        mxHostCached: counterValue(text, 'mailseal_mx_host_probes_total', 'cached'),
        dohRequests: real?.dns.stats().requests ?? 0,
      };
    },
    async close() {
      await service.drain();
      await real?.close();
      await backends.close();
    },
  };
}

export function describeCost(cost: ScanCost, domains: number): string {
  const perDomain = domains > 0 ? ` (${(cost.dohRequests / domains).toFixed(2)} per domain)` : '';
  return `${cost.mxHostProbes} MX host probes, ${cost.mxHostCached} MX host answers from the cache, ${cost.dohRequests} DoH requests${perDomain}`;
}
