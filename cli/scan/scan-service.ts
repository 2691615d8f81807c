// The assessment service a scan or worker runs on: the real engine, and the cache shared with
// the probe service (SQLite in the data directory, or Redis when given).

import { loadServiceConfig } from '../../server/config.ts';
import { createAddressGuard } from '../../server/core/address-policy.ts';
import {
  type AssessmentService,
  createAssessmentService,
} from '../../server/core/assessment-service.ts';
import type { AssessEngine } from '../../server/core/engine-types.ts';
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

export function createScanService(options: ScanServiceOptions): {
  service: AssessmentService;
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
  const service = createAssessmentService({
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
    async close() {
      await service.drain();
      await real?.close();
      await backends.close();
    },
  };
}
