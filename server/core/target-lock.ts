// Waiting for a per-target lock: poll until it is ours, the caller's shortcut says "done", or
// the wait runs out. Used for one probe per domain, one per MX host, one connection per address.

import type { Clock, LockBackend } from './backends.ts';

export class BusyError extends Error {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.name = 'BusyError';
    this.retryAfterMs = retryAfterMs;
  }
}

export interface LockWait {
  /** Lock lifetime: longer than the slowest legitimate holder, short enough to recover a crash. */
  ttlMs: number;
  waitMs: number;
  pollMs: number;
}

/**
 * Runs `work` under the lock. While someone else holds it, `shortcut` is polled: when it yields a
 * value (typically the other holder's cached result) that value is returned without locking.
 */
export async function withTargetLock<T>(
  locks: LockBackend,
  clock: Clock,
  key: string,
  wait: LockWait,
  work: () => Promise<T>,
  shortcut: () => Promise<T | null> = async () => null,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = clock.now() + wait.waitMs;
  for (;;) {
    const token = await locks.tryAcquire(key, wait.ttlMs);
    if (token !== null) {
      try {
        return await work();
      } finally {
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
