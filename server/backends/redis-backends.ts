// Shared mode (REDIS_URL): cache, per-target locks and rate-limit counters live in Redis, so
// instances behind a load balancer share results, politeness and limits.

import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type {
  Backends,
  CacheEntry,
  CacheStore,
  LockBackend,
  RateLimiter,
} from '../core/backends.ts';

const PREFIX = 'mailseal:v1:';

// Release only when we still own the lock: an expired lock may belong to someone else by now.
const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

// Extend only while we still own the lock: once it expired, the key is gone or someone else's.
const RENEW_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;

// Fixed-window counter: add the cost only while under the limit; return count and time to reset.
const WINDOW_HIT = `
local count = tonumber(redis.call('get', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
if count + cost > limit then
  local ttl = redis.call('pttl', KEYS[1])
  return {0, count, ttl}
end
count = redis.call('incrby', KEYS[1], cost)
if count == cost then redis.call('pexpire', KEYS[1], ARGV[3]) end
return {1, count, redis.call('pttl', KEYS[1])}`;

class RedisCache implements CacheStore {
  readonly #redis: Redis;
  constructor(redis: Redis) {
    this.#redis = redis;
  }
  async get(key: string): Promise<CacheEntry | null> {
    const [[, value], [, ttl]] = (await this.#redis
      .multi()
      .get(PREFIX + key)
      .pttl(PREFIX + key)
      .exec()) as [[Error | null, string | null], [Error | null, number]];
    if (value === null || ttl < 0) return null;
    return { value, expiresAt: Date.now() + ttl };
  }
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#redis.set(PREFIX + key, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }
  async delete(key: string): Promise<void> {
    await this.#redis.del(PREFIX + key);
  }
}

class RedisLocks implements LockBackend {
  readonly #redis: Redis;
  constructor(redis: Redis) {
    this.#redis = redis;
  }
  async tryAcquire(key: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    const ok = await this.#redis.set(`${PREFIX}lock:${key}`, token, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? token : null;
  }
  async renew(key: string, token: string, ttlMs: number): Promise<boolean> {
    const ttl = Math.max(1, Math.round(ttlMs));
    return (await this.#redis.eval(RENEW_IF_OWNER, 1, `${PREFIX}lock:${key}`, token, ttl)) === 1;
  }
  async release(key: string, token: string): Promise<void> {
    await this.#redis.eval(RELEASE_IF_OWNER, 1, `${PREFIX}lock:${key}`, token);
  }
}

class RedisRateLimiter implements RateLimiter {
  readonly #redis: Redis;
  constructor(redis: Redis) {
    this.#redis = redis;
  }
  async hit(key: string, cost: number, limit: number, windowMs: number) {
    const window = Math.floor(Date.now() / windowMs);
    const [allowed, count, ttl] = (await this.#redis.eval(
      WINDOW_HIT,
      1,
      `${PREFIX}rl:${key}:${window}`,
      cost,
      limit,
      windowMs,
    )) as [number, number, number];
    const retryAfterMs = ttl > 0 ? ttl : windowMs;
    return { allowed: allowed === 1, remaining: Math.max(0, limit - count), retryAfterMs };
  }
}

export function createRedisBackends(url: string): Backends {
  // Fail fast instead of queueing commands forever when Redis is down: callers turn it into 503.
  const redis = new Redis(url, {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  redis.on('error', () => {}); // connection errors surface on the commands that hit them
  return {
    kind: 'redis',
    cache: new RedisCache(redis),
    locks: new RedisLocks(redis),
    limiter: new RedisRateLimiter(redis),
    ping: async () => (await redis.ping().catch(() => null)) === 'PONG',
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
