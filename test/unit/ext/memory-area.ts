// An in-memory extension storage area (browser.storage.local's get/set/remove) for unit tests.
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';

export function createMemoryArea(): StorageAreaLike & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const keysOf = (keys: string | string[]) => (Array.isArray(keys) ? keys : [keys]);
  return {
    data,
    async get(keys) {
      const wanted = keys === null ? [...data.keys()] : keysOf(keys);
      return Object.fromEntries(
        wanted.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]),
      );
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of keysOf(keys)) data.delete(k);
    },
  };
}
