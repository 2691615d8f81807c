// Sender profiles (lib/profile) in extension storage: one key per sender, so learning from one
// message writes one small record. Only domains, selectors, hashes, enums and day numbers.
import type { ProfileStorage, StoredSender } from '../profile/index.ts';
import type { StorageAreaLike } from './domain-cache.ts';

export const PROFILE_PREFIX = 'profile:';

export function profileStorage(area: StorageAreaLike): ProfileStorage {
  return {
    async loadAll() {
      const everything = await area.get(null);
      const senders: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(everything)) {
        if (!key.startsWith(PROFILE_PREFIX)) continue;
        // defineProperty: a sender named `__proto__` stays plain data.
        Object.defineProperty(senders, key.slice(PROFILE_PREFIX.length), {
          value,
          enumerable: true,
        });
      }
      return senders;
    },
    async saveSender(sender: string, stored: StoredSender | null) {
      const key = `${PROFILE_PREFIX}${sender}`;
      if (stored === null) await area.remove(key);
      else await area.set({ [key]: stored });
    },
  };
}
