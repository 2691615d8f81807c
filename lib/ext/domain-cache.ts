// Per-domain results kept in extension storage with a TTL, so they survive the MV3 service worker
// being stopped. Identical lookups in flight share one promise (coalescing).

export interface StorageAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

interface Stored<T> {
  value: T;
  expiresAt: number;
}

export interface DomainCacheOptions<T> {
  area: StorageAreaLike;
  /** Storage key prefix, e.g. `dns:`; one cache per kind of result. */
  prefix: string;
  ttlMs: (value: T) => number;
  now?: () => number;
}

export interface CacheHit<T> {
  value: T;
  cached: boolean;
}

export interface DomainCache<T> {
  lookup(domain: string, compute: () => Promise<T>): Promise<CacheHit<T>>;
  peek(domain: string): Promise<T | null>;
}

export function createDomainCache<T>(options: DomainCacheOptions<T>): DomainCache<T> {
  const now = options.now ?? Date.now;
  const inflight = new Map<string, Promise<CacheHit<T>>>();
  const keyOf = (domain: string) => `${options.prefix}${domain.toLowerCase()}`;

  async function peek(domain: string): Promise<T | null> {
    const key = keyOf(domain);
    const stored = (await options.area.get(key))[key] as Stored<T> | undefined;
    return stored && stored.expiresAt > now() ? stored.value : null;
  }

  async function computeAndStore(domain: string, compute: () => Promise<T>): Promise<CacheHit<T>> {
    const hit = await peek(domain);
    if (hit !== null) return { value: hit, cached: true };
    const value = await compute();
    const stored: Stored<T> = { value, expiresAt: now() + options.ttlMs(value) };
    await options.area.set({ [keyOf(domain)]: stored });
    return { value, cached: false };
  }

  return {
    peek,
    lookup(domain, compute) {
      const key = keyOf(domain);
      const running = inflight.get(key);
      if (running) return running;
      const job = computeAndStore(domain, compute).finally(() => inflight.delete(key));
      inflight.set(key, job);
      return job;
    },
  };
}

/** Removes every cached result (all prefixes given); returns how many entries went. */
export async function clearCaches(
  area: StorageAreaLike,
  prefixes: readonly string[],
): Promise<number> {
  const everything = await area.get(null);
  const keys = Object.keys(everything).filter((key) => prefixes.some((p) => key.startsWith(p)));
  if (keys.length > 0) await area.remove(keys);
  return keys.length;
}
