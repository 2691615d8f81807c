// Renewable leases on the per-target locks, on the memory and SQLite backends with a manual
// clock: a busy holder keeps its lock past the lease, a holder that stops renewing loses it within
// one lease, a lost lock aborts the work, and the end of the work stops renewing and releases.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryBackends, MemoryLocks } from '../../../server/backends/memory-backends.ts';
import { openCacheDatabase, SqliteLocks } from '../../../server/backends/sqlite-backends.ts';
import { createAddressGuard } from '../../../server/core/address-policy.ts';
import { createAssessmentService } from '../../../server/core/assessment-service.ts';
import type { Clock, LockBackend } from '../../../server/core/backends.ts';
import {
  BusyError,
  LeaseLostError,
  type LockWait,
  withTargetLock,
} from '../../../server/core/target-lock.ts';
import { type ManualClock, manualClock } from './support/manual-clock.ts';

const LEASE = 12_000;
const WAIT: LockWait = { leaseMs: LEASE, waitMs: 0, pollMs: 200 };

const dir = mkdtempSync(join(tmpdir(), 'mailseal-lease-'));
const db = openCacheDatabase(dir);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

let keyCounter = 0;
const freshKey = () => `domain:lease-${++keyCounter}.example`;

/** The backend under test, counting renewals and remembering the tokens it handed out. */
function spied(inner: LockBackend) {
  const tokens: string[] = [];
  let renewals = 0;
  let failRenewals = false;
  const locks: LockBackend = {
    async tryAcquire(key, ttlMs) {
      const token = await inner.tryAcquire(key, ttlMs);
      if (token) tokens.push(token);
      return token;
    },
    async renew(key, token, ttlMs) {
      renewals++;
      if (failRenewals) throw new Error('backend unreachable');
      return inner.renew(key, token, ttlMs);
    },
    release: (key, token) => inner.release(key, token),
  };
  return {
    locks,
    tokens,
    get renewals() {
      return renewals;
    },
    failRenewals(on: boolean) {
      failRenewals = on;
    },
  };
}

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const BACKENDS: Array<[string, (clock: Clock) => LockBackend]> = [
  ['memory', (clock) => new MemoryLocks(clock)],
  ['SQLite', (clock) => new SqliteLocks(db, clock)],
];

describe.each(BACKENDS)('%s locks', (_name, make) => {
  function setup() {
    const clock: ManualClock = manualClock();
    const backend = make(clock);
    return { clock, backend, spy: spied(backend) };
  }

  it('renew extends only the owner’s unexpired lock', async () => {
    const { clock, backend } = setup();
    const key = freshKey();
    const token = (await backend.tryAcquire(key, LEASE)) ?? '';
    expect(await backend.renew(key, 'someone-else', LEASE)).toBe(false);
    await clock.advance(LEASE - 1);
    expect(await backend.renew(key, token, LEASE)).toBe(true);
    await clock.advance(LEASE - 1); // past the first lease, inside the renewed one
    expect(await backend.tryAcquire(key, LEASE)).toBeNull();
    await clock.advance(2);
    expect(await backend.renew(key, token, LEASE)).toBe(false); // expired: lost for good
    expect(await backend.tryAcquire(key, LEASE)).not.toBeNull();
  });

  it('keeps a long-running holder’s lock well past the lease, then releases it', async () => {
    const { clock, backend, spy } = setup();
    const key = freshKey();
    const done = deferred();
    let lease: AbortSignal | undefined;
    const run = withTargetLock(spy.locks, clock, key, WAIT, async (signal) => {
      lease = signal;
      await done.promise;
      return 'probed';
    });
    await clock.advance(0);
    await clock.advance(LEASE * 5); // ten times the probe would outlive a bare lease
    expect(await backend.tryAcquire(key, LEASE)).toBeNull();
    expect(spy.renewals).toBe(15); // every lease/3
    expect(lease?.aborted).toBe(false);
    done.resolve();
    expect(await run).toBe('probed');
    expect(await backend.tryAcquire(key, LEASE)).not.toBeNull(); // released at the end
    await clock.advance(LEASE * 3);
    expect(spy.renewals).toBe(15); // and no renewal after the work ended
  });

  it('frees the target of a holder that stops renewing within one lease', async () => {
    const { clock, backend } = setup();
    const key = freshKey();
    // A holder that died: it acquired and then nothing, no renewal, no release.
    expect(await backend.tryAcquire(key, LEASE)).not.toBeNull();
    await clock.advance(LEASE - 1);
    expect(await backend.tryAcquire(key, LEASE)).toBeNull();
    await clock.advance(1);
    expect(await backend.tryAcquire(key, LEASE)).not.toBeNull();
  });

  it('aborts the work and stops renewing when the lock is lost', async () => {
    const { clock, backend, spy } = setup();
    const key = freshKey();
    const done = deferred();
    let lease: AbortSignal | undefined;
    const run = withTargetLock(spy.locks, clock, key, WAIT, async (signal) => {
      lease = signal;
      signal.addEventListener('abort', () => done.resolve());
      await done.promise;
      throw signal.reason;
    });
    run.catch(() => {}); // asserted below
    await clock.advance(LEASE / 3);
    expect(spy.renewals).toBe(1);
    // The lock moves on behind the holder's back (as after a stall longer than the lease).
    await backend.release(key, spy.tokens[0] ?? '');
    const thief = (await backend.tryAcquire(key, LEASE)) ?? '';
    expect(thief).not.toBe('');
    await clock.advance(LEASE / 3);
    expect(lease?.aborted).toBe(true);
    await expect(run).rejects.toBeInstanceOf(LeaseLostError);
    await expect(run).rejects.toBeInstanceOf(BusyError); // so the API answers 503 + Retry-After
    // Release-if-owner: the loser's release left the new holder's lock alone.
    expect(await backend.renew(key, thief, LEASE)).toBe(true);
    expect(spy.renewals).toBe(2);
    await clock.advance(LEASE * 2);
    expect(spy.renewals).toBe(2);
  });

  it('rides out a backend that fails to answer until the lease surely ran out', async () => {
    const { clock, spy } = setup();
    const key = freshKey();
    let lease: AbortSignal | undefined;
    const done = deferred();
    const run = withTargetLock(spy.locks, clock, key, WAIT, async (signal) => {
      lease = signal;
      await done.promise;
    });
    await clock.advance(LEASE / 3);
    spy.failRenewals(true);
    await clock.advance(LEASE / 3); // renewed last at lease/3: still ours
    expect(lease?.aborted).toBe(false);
    await clock.advance(LEASE / 3);
    expect(lease?.aborted).toBe(false);
    await clock.advance(LEASE / 3); // lease/3 + lease has passed since the last renewal
    expect(lease?.aborted).toBe(true);
    done.resolve();
    await run;
  });
});

describe('the service under a lost domain lease', () => {
  it('aborts the engine run, caches nothing and answers busy', async () => {
    const clock = manualClock();
    const backends = createMemoryBackends(clock);
    const spy = spied(backends.locks);
    let engineSignal: AbortSignal | undefined;
    const service = createAssessmentService({
      backends: { ...backends, locks: spy.locks },
      clock,
      guard: createAddressGuard({ lab: false }),
      lockLeaseMs: LEASE,
      engine: async (_domain, context) => {
        engineSignal = context.signal;
        await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
        return {
          probe: null,
          dns: null,
          scores: null,
          resolver: null,
          problems: [{ stage: 'probe', message: 'aborted' }],
          incomplete: true,
        };
      },
    });
    const run = service.assess('slow.example');
    run.catch(() => {});
    await clock.advance(LEASE * 2);
    expect(engineSignal?.aborted).toBe(false); // renewed, still running
    await backends.locks.release('domain:slow.example', spy.tokens[0] ?? '');
    await clock.advance(LEASE / 3);
    expect(engineSignal?.aborted).toBe(true);
    await expect(run).rejects.toBeInstanceOf(LeaseLostError);
    expect(await backends.cache.get('domain:slow.example')).toBeNull();
    await backends.close();
  });
});
