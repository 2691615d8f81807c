// The storage side effects of the service: cache, per-target locks and rate-limit counters.
// Embedded mode keeps them in SQLite and memory; shared mode keeps all three in Redis so any
// number of instances behave as one.

export interface CacheEntry {
  /** JSON text. */
  value: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface CacheStore {
  get(key: string): Promise<CacheEntry | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface LockBackend {
  /** A token when the lock was free, null when someone else holds it. Expires after ttlMs. */
  tryAcquire(key: string, ttlMs: number): Promise<string | null>;
  /**
   * Extends the lock to expire ttlMs from now, only while the token still owns it. False when it
   * expired or moved on: the holder must stop, someone else may be working on the target.
   */
  renew(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Releases only if the token still owns the lock (an expired lock may have moved on). */
  release(key: string, token: string): Promise<void>;
}

export interface RateDecision {
  allowed: boolean;
  /** Left in the current window after this hit (0 when refused). */
  remaining: number;
  /** Until the window resets. */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Counts `cost` against `key` in a fixed window of windowMs; refuses beyond `limit`. */
  hit(key: string, cost: number, limit: number, windowMs: number): Promise<RateDecision>;
}

export interface Backends {
  kind: 'memory' | 'sqlite' | 'redis';
  cache: CacheStore;
  locks: LockBackend;
  limiter: RateLimiter;
  /** True when the backend answers (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` once after ms; returns a cancel function. Lease renewals run on it. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      // Remove the listener when the timer wins: a long lock wait polls on one signal many times.
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  setTimer: (ms, fn) => {
    // Unref'd: a renewal must not keep a finished process alive; the work it guards does that.
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
