// In-process backends: the rate limiter and locks of a single embedded instance, and a cache for
// tests. Expired entries are dropped lazily and by a periodic sweep so memory stays flat.

import type {
  Backends,
  CacheEntry,
  CacheStore,
  Clock,
  LockBackend,
  RateLimiter,
} from '../core/backends.ts';
import { systemClock } from '../core/backends.ts';

export class MemoryCache implements CacheStore {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #clock: Clock;
  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }
  async get(key: string): Promise<CacheEntry | null> {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.#clock.now()) {
      this.#entries.delete(key);
      return null;
    }
    return entry;
  }
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#entries.set(key, { value, expiresAt: this.#clock.now() + ttlMs });
  }
  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
  sweep(): void {
    const now = this.#clock.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}

export class MemoryLocks implements LockBackend {
  readonly #held = new Map<string, { token: string; expiresAt: number }>();
  readonly #clock: Clock;
  #counter = 0;
  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }
  async tryAcquire(key: string, ttlMs: number): Promise<string | null> {
    const now = this.#clock.now();
    const current = this.#held.get(key);
    if (current && current.expiresAt > now) return null;
    const token = `${now}-${++this.#counter}`;
    this.#held.set(key, { token, expiresAt: now + ttlMs });
    return token;
  }
  async renew(key: string, token: string, ttlMs: number): Promise<boolean> {
    const now = this.#clock.now();
    const current = this.#held.get(key);
    // An expired lease is lost even if nobody took it yet, as in Redis where the key is gone.
    if (current?.token !== token || current.expiresAt <= now) return false;
    current.expiresAt = now + ttlMs;
    return true;
  }
  async release(key: string, token: string): Promise<void> {
    if (this.#held.get(key)?.token === token) this.#held.delete(key);
  }
  sweep(): void {
    const now = this.#clock.now();
    for (const [key, lock] of this.#held) if (lock.expiresAt <= now) this.#held.delete(key);
  }
}

export class MemoryRateLimiter implements RateLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #clock: Clock;
  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }
  async hit(key: string, cost: number, limit: number, windowMs: number) {
    const now = this.#clock.now();
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: (Math.floor(now / windowMs) + 1) * windowMs };
      this.#windows.set(key, window);
    }
    const retryAfterMs = window.resetAt - now;
    if (window.count + cost > limit) return { allowed: false, remaining: 0, retryAfterMs };
    window.count += cost;
    return { allowed: true, remaining: limit - window.count, retryAfterMs };
  }
  sweep(): void {
    const now = this.#clock.now();
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}

/** Everything in memory (tests, and `--cache memory`). */
export function createMemoryBackends(clock: Clock = systemClock): Backends {
  const cache = new MemoryCache(clock);
  const locks = new MemoryLocks(clock);
  const limiter = new MemoryRateLimiter(clock);
  const sweeper = setInterval(() => {
    cache.sweep();
    locks.sweep();
    limiter.sweep();
  }, 60_000);
  sweeper.unref();
  return {
    kind: 'memory',
    cache,
    locks,
    limiter,
    ping: async () => true,
    close: async () => clearInterval(sweeper),
  };
}
