// Distributed scan on a real redis-server: `scan --queue` enqueues on BullMQ, two workers (as on
// two machines) share the Redis cache, and the scanner writes every result and the summary.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, openRedis } from '../../cli/scan/redis-client.ts';
import type { ScanRecord } from '../../cli/scan/results-file.ts';
import { runScan } from '../../cli/scan/run-scan.ts';
import { queueExecutor, SCAN_QUEUE } from '../../cli/scan/scan-queue.ts';
import { scanWorkOf } from '../../cli/scan/scan-work.ts';
import { type ScanWorker, startScanWorker } from '../../cli/scan/scan-worker.ts';
import { createRedisBackends } from '../../server/backends/redis-backends.ts';
import { createAddressGuard } from '../../server/core/address-policy.ts';
import { createAssessmentService } from '../../server/core/assessment-service.ts';
import type { Backends } from '../../server/core/backends.ts';
import {
  createFakeEngine,
  type FakeEngineStats,
  type FakeWorld,
} from '../unit/server/support/fake-engine.ts';
import { type RedisServer, startRedis } from './server-support/redis-server.ts';

const DOMAINS = Array.from({ length: 24 }, (_, i) => `q${i}.example.org`);
const WORLD: FakeWorld = {
  mx: Object.fromEntries(DOMAINS.map((d, i) => [d, [`mx${i % 4}.hoster.net`]])),
  addresses: Object.fromEntries(
    [0, 1, 2, 3].map((i) => [`mx${i}.hoster.net`, [`192.0.43.${i + 1}`]]),
  ),
};

let redis: RedisServer;
const dir = mkdtempSync(join(tmpdir(), 'mailseal-queue-'));
const workers: Array<{ worker: ScanWorker; backends: Backends; stats: FakeEngineStats }> = [];

beforeAll(async () => {
  redis = await startRedis();
  for (let i = 0; i < 2; i++) {
    const backends = createRedisBackends(redis.url);
    const { engine, stats } = createFakeEngine(WORLD, { delayMs: 20 });
    const service = createAssessmentService({
      engine,
      backends,
      guard: createAddressGuard({ lab: false }),
    });
    workers.push({ worker: startScanWorker(redis.url, service, 4), backends, stats });
  }
});
afterAll(async () => {
  for (const w of workers) {
    await w.worker.close();
    await w.backends.close();
  }
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('mailseal scan --queue with two workers', () => {
  it('assesses every domain once, probes each MX host once, and streams results back', async () => {
    const source = join(dir, 'list.txt');
    writeFileSync(source, `${DOMAINS.join('\n')}\n`);
    const out = join(dir, 'results.jsonl');
    const outcome = await runScan(
      { source, out, progress: 'off', tty: false, io: { out: () => {}, err: () => {} } },
      queueExecutor(redis.url),
    );
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.input).sort()).toEqual([...DOMAINS].sort());
    expect(lines.every((l) => l.error === undefined)).toBe(true);
    const runs = workers.flatMap((w) => w.stats.runs);
    expect(runs.sort()).toEqual([...DOMAINS].sort());
    expect(workers.every((w) => w.stats.runs.length > 0)).toBe(true); // both machines worked
    expect(workers.flatMap((w) => w.stats.hostProbes).sort()).toEqual([
      'mx0.hoster.net',
      'mx1.hoster.net',
      'mx2.hoster.net',
      'mx3.hoster.net',
    ]);
    expect(outcome.summary.assessed).toBe(DOMAINS.length);
  });

  // A worker killed after pushing its result runs the job again (or a restarted coordinator
  // re-queues it): the same input arrives twice and must be counted once.
  it('counts an input once when its result arrives twice, and skips unreadable lines', async () => {
    const scanId = 'dupes-test';
    const key = `mailseal:scan:${scanId}:results`;
    const redisClient = openRedis(redis.url);
    const early = JSON.stringify({
      input: 'q1.example.org',
      domain: 'q1.example.org',
      early: true,
    });
    await redisClient.rpush(key, early, early, 'not json', JSON.stringify({ nope: 1 }));
    const work = DOMAINS.slice(0, 6).map((d) => ({ input: d, domain: d }));
    const emitted: ScanRecord[] = [];
    await queueExecutor(redis.url, { scanId })(
      scanWorkOf(work),
      async (line) => {
        emitted.push(line);
      },
      new AbortController().signal,
    );
    expect(emitted.map((l) => l.input).sort()).toEqual(work.map((w) => w.input).sort());
    const early1 = emitted.find((l) => l.input === 'q1.example.org');
    expect(JSON.parse(early1?.text ?? '{}').early).toBe(true);
    expect(await redisClient.exists(key)).toBe(0); // drained and removed once complete
    await closeRedis(redisClient);
  });

  it('drops what an earlier run left in Redis when the scan starts fresh', async () => {
    const scanId = 'fresh-test';
    const redisClient = openRedis(redis.url);
    const stale = { input: 'q2.example.org', domain: 'q2.example.org', stale: true };
    await redisClient.rpush(`mailseal:scan:${scanId}:results`, JSON.stringify(stale));
    const emitted: ScanRecord[] = [];
    await queueExecutor(redis.url, { scanId, fresh: true })(
      scanWorkOf(['q2.example.org']),
      async (line) => {
        emitted.push(line);
      },
      new AbortController().signal,
    );
    expect(emitted).toHaveLength(1);
    expect(JSON.parse(emitted[0]?.text ?? '{}').stale).toBeUndefined();
    await closeRedis(redisClient);
  });

  it('still runs a one-domain job queued by a coordinator from before jobs held blocks', async () => {
    const queue = new Queue(SCAN_QUEUE, { connection: openRedis(redis.url) });
    const resultsKey = 'mailseal:scan:legacy-test:results';
    const reader = openRedis(redis.url);
    // The job shape before blocks: one domain, its fields at the top of the job's data.
    await queue.add('assess', { input: 'q5.example.org', domain: 'q5.example.org', resultsKey });
    const popped = await reader.blpop(resultsKey, 10);
    expect(JSON.parse(popped?.[1] ?? '{}')).toMatchObject({ input: 'q5.example.org' });
    expect(JSON.parse(popped?.[1] ?? '{}').error).toBeUndefined();
    await queue.close();
    await closeRedis(reader);
  });
});
