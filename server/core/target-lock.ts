// Waiting for a per-target lock: poll until it is ours, the caller's shortcut says "done", or
// the wait runs out. Used for one probe per domain, one per MX host, one connection per address.
// A held lock is a renewed lease (lease.ts), so a dead holder blocks its target for one lease.

import type { Clock, LockBackend } from './backends.ts';
import { BusyError } from './busy-error.ts';
import { holdLease } from './lease.ts';

export { BusyError } from './busy-error.ts';
export { LeaseLostError } from './lease.ts';

export interface LockWait {
  /** Lease length: renewed every third of it while the work runs; a dead holder's runs out. */
  leaseMs: number;
  waitMs: number;
  pollMs: number;
}

/** Default lease: a few renewals' worth of slack for a slow backend, short for crash recovery. */
export const DEFAULT_LEASE_MS = 15_000;

/**
 * Runs `work` under the lock. While someone else holds it, `shortcut` is polled: when it yields a
 * value (typically the other holder's cached result) that value is returned without locking.
 * `work` gets a signal that aborts (reason: LeaseLostError) if the lease is lost mid-way; what
 * that means for its result is the work's call.
 */
export async function withTargetLock<T>(
  locks: LockBackend,
  clock: Clock,
  key: string,
  wait: LockWait,
  work: (lease: AbortSignal) => Promise<T>,
  shortcut: () => Promise<T | null> = async () => null,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = clock.now() + wait.waitMs;
  for (;;) {
    const acquiredAt = clock.now();
    const token = await locks.tryAcquire(key, wait.leaseMs);
    if (token !== null) {
      const lease = holdLease(locks, clock, key, token, wait.leaseMs, acquiredAt);
      try {
        return await work(lease.signal);
      } finally {
        await lease.end();
        await locks.release(key, token).catch(() => {});
      }
    }
    const shortcutValue = await shortcut();
    if (shortcutValue !== null) return shortcutValue;
    if (clock.now() >= deadline || signal?.aborted) {
      throw new BusyError(`${key} is busy`, wait.pollMs * 4);
    }
    await clock.sleep(wait.pollMs, signal);
  }
}
