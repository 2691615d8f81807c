// Per-validation state (work budgets, trace) and the shared, TTL-bounded caches.
import type { Message } from './message.ts';
import type { Name } from './names.ts';
import type { HashBudget } from './nsec3.ts';
import type { Budget } from './rrsig.ts';
import type { SignatureMemo } from './signature-memo.ts';
import type { TrustAnchor } from './trust-anchor.ts';
import type { TraceStep } from './types.ts';

/** Raw DO=1, CD=1 exchange; rejects when there is no usable DNS message. */
export type RawFetch = (name: Name, type: number) => Promise<Message>;

/** Work allowed for one validation: bounded however hostile the answers are. */
export const LIMITS = { signatures: 64, hashes: 48, fetches: 48 } as const;

export interface Ctx {
  budget: Budget & HashBudget & { fetches: number };
  trace: TraceStep[];
  weak: boolean;
  nowMs: number;
  fetch: RawFetch;
  env: ChainEnv;
}

export interface ChainEnv {
  anchor: TrustAnchor;
  fetch: RawFetch;
  now: () => number;
  cache: TtlCache;
  /** Signatures this validator has checked: kept, and cleared, with `cache`. */
  signatures: SignatureMemo;
}

/** Promise cache with expiry; failed or uncacheable entries are dropped when they settle. */
export class TtlCache {
  private readonly entries = new Map<
    string,
    { value: Promise<unknown>; expires: number; settled: boolean }
  >();
  private readonly maxEntries: number;
  constructor(maxEntries = 5000) {
    this.maxEntries = maxEntries;
  }

  get<T>(key: string, nowMs: number): Promise<T> | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value as Promise<T>;
  }

  /** The entry is there and its value is in (not a lookup still in flight). */
  settled(key: string, nowMs: number): boolean {
    return this.get(key, nowMs) !== undefined && this.entries.get(key)?.settled === true;
  }

  /** Stores a pending value; `ttlOf` decides its lifetime (≤ 0: forget it) once it settles. */
  remember<T>(key: string, nowMs: number, value: Promise<T>, ttlOf: (v: T) => number): Promise<T> {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const entry = {
      value: value as Promise<unknown>,
      expires: Number.POSITIVE_INFINITY,
      settled: false,
    };
    this.entries.set(key, entry);
    value.then(
      (v) => {
        entry.settled = true;
        const ttl = ttlOf(v);
        if (ttl <= 0) {
          if (this.entries.get(key) === entry) this.entries.delete(key);
        } else entry.expires = nowMs + ttl * 1000;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export function newCtx(env: ChainEnv): Ctx {
  const ctx: Ctx = {
    budget: { ...LIMITS },
    trace: [],
    weak: false,
    nowMs: env.now(),
    env,
    fetch: async (name, type) => {
      if (ctx.budget.fetches <= 0) throw new Error('lookup budget exhausted');
      ctx.budget.fetches--;
      return env.fetch(name, type);
    },
  };
  return ctx;
}
