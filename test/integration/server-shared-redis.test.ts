// Shared mode: two service instances on one real redis-server behave as one. Each MX host is
// probed once across both, each domain once, and rate limits count across instances.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app.ts';
import { createRedisBackends } from '../../server/backends/redis-backends.ts';
import { createAddressGuard } from '../../server/core/address-policy.ts';
import { createAssessmentService } from '../../server/core/assessment-service.ts';
import type { Backends } from '../../server/core/backends.ts';
import { createFakeEngine, type FakeWorld } from '../unit/server/support/fake-engine.ts';
import { type RedisServer, startRedis } from './server-support/redis-server.ts';

const WORLD: FakeWorld = {
  mx: {
    'alpha.example.net': ['mx1.bigmail.net', 'mx2.bigmail.net'],
    'beta.example.net': ['mx1.bigmail.net', 'mx2.bigmail.net'],
    'gamma.example.net': ['mx1.bigmail.net'],
    'delta.example.net': ['mx.small.net'],
  },
  addresses: {
    'mx1.bigmail.net': ['192.0.43.10'],
    'mx2.bigmail.net': ['192.0.43.10'], // two MX names on one address: one connection at a time
    'mx.small.net': ['193.0.0.2'],
  },
};

let redis: RedisServer;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const close of cleanup.reverse()) await close();
  await redis?.stop();
});

function instance(rateLimits = { requests: 1000, probes: 1000, windowMs: 60_000 }) {
  const backends: Backends = createRedisBackends(redis.url);
  const { engine, stats } = createFakeEngine(WORLD, { delayMs: 150 });
  const service = createAssessmentService({
    engine,
    backends,
    guard: createAddressGuard({ lab: false }),
  });
  const app = buildServer({ service, backends, rateLimits });
  cleanup.push(
    () => app.close(),
    () => backends.close(),
  );
  return { app, stats };
}

describe('two instances sharing one Redis', () => {
  it('probe each MX host once and each domain once, whichever instance is asked', async () => {
    const a = instance();
    const b = instance();
    const domains = Object.keys(WORLD.mx);
    // Every domain asked of both instances at the same time.
    const responses = await Promise.all(
      domains.flatMap((d) => [
        a.app.inject({ method: 'GET', url: `/v1/domains/${d}` }),
        b.app.inject({ method: 'GET', url: `/v1/domains/${d}` }),
      ]),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    const runs = [...a.stats.runs, ...b.stats.runs].sort();
    expect(runs).toEqual([...domains].sort());
    const hostProbes = [...a.stats.hostProbes, ...b.stats.hostProbes].sort();
    expect(hostProbes).toEqual(['mx.small.net', 'mx1.bigmail.net', 'mx2.bigmail.net']);
    expect(Math.max(a.stats.maxParallelPerAddress, b.stats.maxParallelPerAddress)).toBe(1);
    const sources = responses.map((r) => r.json().source);
    expect(sources.filter((s) => s === 'fresh').length).toBe(domains.length);
    // Asked again: both serve from the shared cache.
    const again = await b.app.inject({ method: 'GET', url: `/v1/domains/${domains[0]}` });
    expect(again.json().source).toBe('cached');
  });

  it('count rate limits across instances', async () => {
    const limits = { requests: 3, probes: 100, windowMs: 3_600_000 };
    const a = instance(limits);
    const b = instance(limits);
    const client = { remoteAddress: '198.51.100.7' };
    const codes = [];
    for (const app of [a.app, b.app, a.app, b.app]) {
      const response = await app.inject({
        method: 'GET',
        url: '/v1/domains/delta.example.net',
        ...client,
      });
      codes.push(response.statusCode);
      if (response.statusCode === 429)
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('report the Redis backend on /healthz', async () => {
    const a = instance();
    const response = await a.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toMatchObject({ status: 'ok', cache: 'redis' });
  });
});
