// TTL-honouring answer cache. NXDOMAIN/NODATA are cached for their negative TTL (RFC 2308);
// SERVFAIL and temperror are never cached, so a retry can succeed.
import type { DnsAnswer, RecordType } from './types.ts';

export interface AnswerCacheOptions {
  maxEntries?: number;
  /** Upper bound on how long anything stays, seconds. */
  maxTtl?: number;
  now?: () => number;
}

interface Entry {
  answer: DnsAnswer;
  expiresAt: number;
}

export class AnswerCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #maxTtl: number;
  readonly #now: () => number;

  constructor(options: AnswerCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 5000;
    this.#maxTtl = options.maxTtl ?? 3600;
    this.#now = options.now ?? Date.now;
  }

  get<T extends RecordType>(key: string): DnsAnswer<T> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const remainingMs = entry.expiresAt - this.#now();
    if (remainingMs <= 0) {
      this.#entries.delete(key);
      return undefined;
    }
    return { ...entry.answer, ttl: Math.ceil(remainingMs / 1000) } as DnsAnswer<T>;
  }

  set(key: string, answer: DnsAnswer): void {
    const cacheable =
      answer.status === 'noerror' || answer.status === 'nxdomain' || answer.status === 'nodata';
    const ttl = Math.min(answer.ttl, this.#maxTtl);
    if (!cacheable || ttl <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { answer, expiresAt: this.#now() + ttl * 1000 });
    // Map iteration order is insertion order, so the first key is the oldest.
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
