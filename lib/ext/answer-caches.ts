// What the extension keeps per domain in extension storage, with MECSA's rhythm: DNS facts and
// probe answers for about an hour, failures retried much sooner. DNS answers are kept apart per
// DNSSEC mode, so switching the setting never shows the other mode's label.

import type { Answer, PartMemo } from '../assess/index.ts';
import type { DkimSignerPosture } from '../checks/dkim-signers.ts';
import type { Settings } from '../settings/settings.ts';
import { createDomainCache, type DomainCache, type StorageAreaLike } from './domain-cache.ts';
import { HISTORY_PREFIX } from './history-storage.ts';

const HOUR = 3_600_000;
const DNS_TTL_MS = HOUR;
const PROBE_TTL_MS = HOUR;
const FAILURE_TTL_MS = 5 * 60_000;

/** Every storage prefix "Clear cache" empties. */
export const CACHE_PREFIXES = ['dns:', 'probe:', 'dkim:', HISTORY_PREFIX];

export interface AnswerCaches {
  dns: DomainCache<Answer<unknown>>;
  probe: DomainCache<Answer<unknown>>;
  dkim: DomainCache<Answer<DkimSignerPosture>>;
}

/** Cache key of a DNS result: local validation keeps the plain name, the AD-flag mode its own. */
export const dnssecKey = (settings: Settings, name: string) =>
  settings.dnssecValidation === 'resolver' ? `ad-flag|${name}` : name;

export function createAnswerCaches(area: StorageAreaLike, now: () => number): AnswerCaches {
  const ttl = (base: number) => (value: Answer<unknown>) => (value.ok ? base : FAILURE_TTL_MS);
  const cache = <T>(prefix: string, base: number) =>
    createDomainCache<Answer<T>>({ area, prefix, ttlMs: ttl(base), now });
  return {
    dns: cache('dns:', DNS_TTL_MS),
    probe: cache('probe:', PROBE_TTL_MS),
    dkim: cache<DkimSignerPosture>('dkim:', DNS_TTL_MS),
  };
}

/** An assessment's parts (lib/assess) kept in these caches, per domain. */
export function memoOf(caches: AnswerCaches, settings: Settings): PartMemo {
  return async <T>(part: 'dns' | 'probe', domain: string, compute: () => Promise<Answer<T>>) => {
    const cache = part === 'dns' ? caches.dns : caches.probe;
    const key = part === 'dns' ? dnssecKey(settings, domain) : domain;
    const { value } = await cache.lookup(key, compute);
    return value as Answer<T>;
  };
}
