// The sender handoff history (lib/score/handoff-history.ts) kept in extension storage, one entry
// per sender domain. Only domains, hosts, TLS and verdicts are stored: nothing personal.

import type { HandoffObservation, HistoryStorage } from '../score/index.ts';
import type { StorageAreaLike } from './domain-cache.ts';

export const HISTORY_PREFIX = 'history:';

export function historyStorage(area: StorageAreaLike): HistoryStorage {
  const keyOf = (domain: string) => `${HISTORY_PREFIX}${domain.toLowerCase()}`;
  return {
    async read(domain) {
      const stored = (await area.get(keyOf(domain)))[keyOf(domain)];
      return Array.isArray(stored) ? (stored as HandoffObservation[]) : [];
    },
    write: (domain, observations) => area.set({ [keyOf(domain)]: [...observations] }),
  };
}
