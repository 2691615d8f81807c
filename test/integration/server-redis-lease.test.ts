// Renewable leases on a real redis-server: a holder that works far longer than its lease keeps
// the lock, and a worker SIGKILLed while holding one frees the target within about one lease,
// not after the probe timeout (~130 s) that a fixed TTL had to cover.

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBackends } from '../../server/backends/redis-backends.ts';
import { type Backends, systemClock } from '../../server/core/backends.ts';
import { LeaseLostError, withTargetLock } from '../../server/core/target-lock.ts';
import { type RedisServer, startRedis } from './server-support/redis-server.ts';

const LEASE = 1_500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: RedisServer;
let raw: Redis;
let observer: Backends;
const children: ChildProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.url);
  observer = createRedisBackends(redis.url);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await observer?.close();
  raw?.disconnect();
  await redis?.stop();
});

/** Polls tryAcquire until the lock is ours; the time it took. */
async function timeUntilFree(key: string, limitMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    const token = await observer.locks.tryAcquire(key, LEASE);
    if (token) {
      await observer.locks.release(key, token);
      return Date.now() - started;
    }
    await sleep(25);
  }
  return Number.POSITIVE_INFINITY;
}

/** For `ms`, checks often that nobody else can take the lock and its TTL never exceeds a lease. */
async function expectHeldFor(key: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    expect(await observer.locks.tryAcquire(key, LEASE)).toBeNull();
    const ttl = await raw.pttl(`mailseal:v1:lock:${key}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(LEASE);
    await sleep(100);
  }
}

describe('renewable lock leases in Redis', () => {
  it('a holder working for several leases keeps its lock, and frees it at the end', async () => {
    const key = 'domain:long-probe.example';
    const holder = createRedisBackends(redis.url);
    let lease: AbortSignal | undefined;
    const run = withTargetLock(
      holder.locks,
      systemClock,
      key,
      { leaseMs: LEASE, waitMs: 0, pollMs: 50 },
      async (signal) => {
        lease = signal;
        await sleep(LEASE * 3);
        return 'done';
      },
    );
    await sleep(50);
    await expectHeldFor(key, LEASE * 2.5);
    expect(await run).toBe('done');
    expect(lease?.aborted).toBe(false);
    expect(await raw.exists(`mailseal:v1:lock:${key}`)).toBe(0);
    await holder.close();
  });

  it('a holder whose lock vanished is told through its signal within a third of a lease', async () => {
    const key = 'domain:lost.example';
    const holder = createRedisBackends(redis.url);
    const run = withTargetLock(
      holder.locks,
      systemClock,
      key,
      { leaseMs: LEASE, waitMs: 0, pollMs: 50 },
      (signal) =>
        new Promise((_, fail) => signal.addEventListener('abort', () => fail(signal.reason))),
    );
    await sleep(50);
    await raw.del(`mailseal:v1:lock:${key}`); // e.g. a failover that lost the key
    const stolen = await observer.locks.tryAcquire(key, 60_000);
    const started = Date.now();
    await expect(run).rejects.toBeInstanceOf(LeaseLostError);
    expect(Date.now() - started).toBeLessThan(LEASE / 3 + 500);
    // Release-if-owner: the loser left the new holder's lock in place.
    expect(await raw.get(`mailseal:v1:lock:${key}`)).toBe(stolen);
    await holder.close();
  });

  it('a worker SIGKILLed while holding a lock frees its target within about one lease', async () => {
    const key = 'mxhost:mx.killed-worker.example';
    const child = spawn(
      process.execPath,
      [
        resolve(import.meta.dirname, 'server-support/lease-holder.ts'),
        redis.url,
        key,
        String(LEASE),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(child);
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
    });
    await expect.poll(() => out, { timeout: 20_000 }).toContain('held');
    // Alive and renewing: the lock outlasts its lease several times over.
    await expectHeldFor(key, LEASE * 3);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const freedAfter = await timeUntilFree(key, 20_000);
    // At most one lease (plus polling slack), where a fixed TTL would have blocked ~130 s.
    expect(freedAfter).toBeLessThanOrEqual(LEASE + 500);
    expect(out).not.toContain('lost');
  });
});
