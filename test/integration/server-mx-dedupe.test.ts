// Issue 7's per-MX dedupe with the real engine against the lab's real Postfix: N domains whose
// MX is the same host cost one SMTP session per MX address, not one per domain, with each cache
// backend (memory, SQLite, Redis shared by two instances). Each domain still gets its own report.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBackends } from '../../server/backends/memory-backends.ts';
import { createRedisBackends } from '../../server/backends/redis-backends.ts';
import { createSqliteBackends } from '../../server/backends/sqlite-backends.ts';
import { createAddressGuard } from '../../server/core/address-policy.ts';
import { createAssessmentService } from '../../server/core/assessment-service.ts';
import type { Backends } from '../../server/core/backends.ts';
import type { DomainAssessment } from '../../server/core/engine-types.ts';
import { requireLab } from '../lab/lab-info.ts';
import { lookUpAndProbe } from '../unit/probe/helpers/look-up-and-probe.ts';
import { type RedisServer, startRedis } from './server-support/redis-server.ts';
import {
  aliasDomains,
  SHARED_MX,
  sharedMxAddress,
  sharedMxEngine,
} from './server-support/shared-mx-world.ts';

const lab = requireLab();
const address = sharedMxAddress(lab);
const cleanup: Array<() => Promise<unknown> | unknown> = [];
let redis: RedisServer | undefined;

afterAll(async () => {
  for (const close of cleanup.reverse()) await close();
  await redis?.stop();
});

function instance(backends: Backends, aliases: readonly string[]) {
  const world = sharedMxEngine(lab, aliases);
  const service = createAssessmentService({
    engine: world.engine,
    backends,
    guard: createAddressGuard({ lab: true }),
    lab: true,
  });
  cleanup.push(
    () => service.drain(),
    () => world.close(),
  );
  return { service, connects: world.connects };
}

/** What every domain on the shared MX must show: its own report, from one real session. */
function expectSharedMxReport(assessment: DomainAssessment, domain: string) {
  expect(assessment.problems).toEqual([]);
  const probe = assessment.probe;
  expect(probe?.domain).toBe(domain);
  expect(probe?.mx.map((m) => m.host)).toEqual([SHARED_MX]);
  const first = probe?.mx[0]?.addresses[0];
  expect(first?.address).toBe(address);
  expect(first?.starttls).toMatchObject({ offered: true, negotiated: true, version: 'TLSv1.3' });
  expect(first?.certificate).toMatchObject({ pkixValid: true, hostnameMatch: 'mx' });
  // The alias domain publishes no MTA-STS: judged per domain, not copied from allgood.lab.
  expect(probe?.mtaSts.mode).toBeNull();
}

function expectAll(results: DomainAssessment[], domains: readonly string[]) {
  for (const [i, result] of results.entries()) expectSharedMxReport(result, domains[i] ?? '');
}

describe('one SMTP session per MX address across domains (real engine, lab Postfix)', () => {
  it('control: without the service memo every domain opens its own session', {
    timeout: 120_000,
  }, async () => {
    const domains = aliasDomains(3, 'control');
    const world = sharedMxEngine(lab, domains);
    cleanup.push(() => world.close());
    const reports = [];
    for (const domain of domains) {
      reports.push(await lookUpAndProbe(domain, { ...world.probeDeps, lab: true }));
    }
    expect(reports.map((r) => r.mx[0]?.addresses[0]?.starttls.negotiated)).toEqual([
      true,
      true,
      true,
    ]);
    expect(world.connects.get(address)).toBe(3);
  });

  it('memory cache: 6 domains at once, 1 connection', { timeout: 120_000 }, async () => {
    const domains = aliasDomains(6, 'mem');
    const backends = createMemoryBackends();
    cleanup.push(() => backends.close());
    const { service, connects } = instance(backends, domains);
    const results = await Promise.all(domains.map((d) => service.assess(d)));
    expectAll(results, domains);
    expect(connects.get(address)).toBe(1);
    // The sessions are the same one: same transcript for every domain.
    const transcripts = results.map((r) => r.probe?.mx[0]?.addresses[0]?.transcript.join('\n'));
    expect(new Set(transcripts).size).toBe(1);
  });

  it('SQLite cache: a second instance on the same data directory connects no more', {
    timeout: 120_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailseal-dedupe-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const domains = aliasDomains(6, 'sqlite');
    const first = createSqliteBackends(dir);
    const second = createSqliteBackends(dir);
    cleanup.push(
      () => first.close(),
      () => second.close(),
    );
    const a = instance(first, domains);
    const b = instance(second, domains);
    const half = domains.slice(0, 3);
    const rest = domains.slice(3);
    const firstResults = await Promise.all(half.map((d) => a.service.assess(d)));
    const restResults = await Promise.all(rest.map((d) => b.service.assess(d)));
    expectAll([...firstResults, ...restResults], domains);
    expect(a.connects.get(address)).toBe(1);
    expect(b.connects.get(address) ?? 0).toBe(0);
  });

  describe('Redis shared by two instances', () => {
    beforeAll(async () => {
      redis = await startRedis();
    });

    it('8 domains asked of both instances at once: 1 connection in total', {
      timeout: 120_000,
    }, async () => {
      const url = redis?.url ?? '';
      const domains = aliasDomains(8, 'redis');
      const backendsA = createRedisBackends(url);
      const backendsB = createRedisBackends(url);
      cleanup.push(
        () => backendsA.close(),
        () => backendsB.close(),
      );
      const a = instance(backendsA, domains);
      const b = instance(backendsB, domains);
      const results = await Promise.all(
        domains.map((d, i) => (i % 2 === 0 ? a.service : b.service).assess(d)),
      );
      expectAll(results, domains);
      const total = (a.connects.get(address) ?? 0) + (b.connects.get(address) ?? 0);
      expect(total).toBe(1);
    });
  });
});
