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

  /**
   * The answer, and its write to storage. The answer is not held for the write: a DNS posture or
   * probe answer the padlock waits for would otherwise wait for the browser's storage too.
   */
  async function computeAndStore(
    domain: string,
    compute: () => Promise<T>,
  ): Promise<{ hit: CacheHit<T>; written: Promise<unknown> }> {
    const hit = await peek(domain);
    if (hit !== null) return { hit: { value: hit, cached: true }, written: Promise.resolve() };
    const value = await compute();
    const stored: Stored<T> = { value, expiresAt: now() + options.ttlMs(value) };
    // A result that cannot be stored costs only the cache, never the answer.
    const written = options.area.set({ [keyOf(domain)]: stored }).catch(() => {});
    return { hit: { value, cached: false }, written };
  }

  return {
    peek,
    lookup(domain, compute) {
      const key = keyOf(domain);
      const running = inflight.get(key);
      if (running) return running;
      const work = computeAndStore(domain, compute);
      const job = work.then(({ hit }) => hit);
      inflight.set(key, job);
      // In flight until stored: a second lookup meanwhile shares this one, it does not ask again.
      const done = () => {
        if (inflight.get(key) === job) inflight.delete(key);
      };
      work.then(({ written }) => written).then(done, done);
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
