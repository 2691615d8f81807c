import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryBackends } from '../../../server/backends/memory-backends.ts';
import { createSqliteBackends } from '../../../server/backends/sqlite-backends.ts';
import { createAddressGuard } from '../../../server/core/address-policy.ts';
import { createAssessmentService } from '../../../server/core/assessment-service.ts';
import { type Backends, type Clock, systemClock } from '../../../server/core/backends.ts';
import { MECSA_TTLS } from '../../../server/core/ttl-policy.ts';
import { createFakeEngine, type FakeWorld } from './support/fake-engine.ts';
import { manualClock } from './support/manual-clock.ts';

const WORLD: FakeWorld = {
  mx: { 'ok.net': ['mx.shared.net'], 'flaky.net': ['mx.flaky.net'], 'broken.net': [] },
  addresses: { 'mx.shared.net': ['192.0.43.10'], 'mx.flaky.net': ['192.0.43.11'] },
};

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function service(backends: Backends, clock: Clock, engineOptions = {}) {
  const { engine, stats } = createFakeEngine(WORLD, engineOptions);
  const svc = createAssessmentService({
    engine,
    backends,
    clock,
    guard: createAddressGuard({ lab: false }),
  });
  return { svc, stats };
}

describe('cache lifetimes (MECSA: about an hour, failures much shorter)', () => {
  it('keeps a complete result for an hour', async () => {
    const clock = manualClock();
    const { svc, stats } = service(createMemoryBackends(clock), clock);
    const first = await svc.assess('ok.net');
    expect(Date.parse(first.expiresAt) - Date.parse(first.checkedAt)).toBe(MECSA_TTLS.completeMs);
    await clock.advance(MECSA_TTLS.completeMs - 1000);
    expect((await svc.assess('ok.net')).source).toBe('cached');
    await clock.advance(2000);
    expect((await svc.assess('ok.net')).source).toBe('fresh');
    expect(stats.runs).toEqual(['ok.net', 'ok.net']);
  });

  it('keeps an incomplete result five minutes and an engine failure one minute', async () => {
    const clock = manualClock();
    const { svc } = service(createMemoryBackends(clock), clock, {
      incomplete: (d: string) => d === 'flaky.net',
      fail: (d: string) => d === 'broken.net',
    });
    const flaky = await svc.assess('flaky.net');
    expect(Date.parse(flaky.expiresAt) - Date.parse(flaky.checkedAt)).toBe(MECSA_TTLS.incompleteMs);
    const broken = await svc.assess('broken.net');
    expect(broken.problems).toEqual([{ stage: 'probe', message: 'engine exploded on broken.net' }]);
    expect(broken.incomplete).toBe(true);
    expect(Date.parse(broken.expiresAt) - Date.parse(broken.checkedAt)).toBe(MECSA_TTLS.failureMs);
  });
});

describe('coalescing and dedupe', () => {
  it('runs the engine once for many simultaneous requests of one domain', async () => {
    const { svc, stats } = service(createMemoryBackends(), systemClock, { delayMs: 50 });
    const results = await Promise.all(Array.from({ length: 10 }, () => svc.assess('ok.net')));
    expect(stats.runs).toEqual(['ok.net']);
    expect(new Set(results.map((r) => r.checkedAt)).size).toBe(1);
  });

  it('drain waits for in-flight runs and refuses new ones', async () => {
    const { svc } = service(createMemoryBackends(), systemClock, { delayMs: 100 });
    const running = svc.assess('ok.net');
    await new Promise((r) => setTimeout(r, 10));
    await svc.drain();
    expect((await running).source).toBe('fresh');
    await expect(svc.assess('flaky.net')).rejects.toThrow(/shutting down/);
    expect((await svc.assess('ok.net')).source).toBe('cached');
  });
});

describe('SQLite embedded store', () => {
  it('shares results and MX host probes between two services on one data directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailseal-sqlite-'));
    dirs.push(dir);
    const clock = manualClock();
    const one = service(createSqliteBackends(dir, clock), clock);
    const two = service(createSqliteBackends(dir, clock), clock);
    await one.svc.assess('ok.net');
    expect((await two.svc.assess('ok.net')).source).toBe('cached');
    expect(two.stats.runs).toEqual([]);
    await clock.advance(MECSA_TTLS.completeMs + 1);
    await two.svc.assess('ok.net');
    expect(two.stats.hostProbes).toEqual(['mx.shared.net']);
  });

  it('hands a lock to one holder at a time and frees it on expiry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailseal-sqlite-'));
    dirs.push(dir);
    const clock = manualClock();
    const a = createSqliteBackends(dir, clock);
    const b = createSqliteBackends(dir, clock);
    const token = await a.locks.tryAcquire('addr:192.0.43.10', 1000);
    expect(token).not.toBeNull();
    expect(await b.locks.tryAcquire('addr:192.0.43.10', 1000)).toBeNull();
    await clock.advance(1001);
    const stolen = await b.locks.tryAcquire('addr:192.0.43.10', 1000);
    expect(stolen).not.toBeNull();
    await a.locks.release('addr:192.0.43.10', token ?? '');
    expect(await a.locks.tryAcquire('addr:192.0.43.10', 1000)).toBeNull(); // b still owns it
    await a.close();
    await b.close();
  });
});
