// Where sender profiles live, and the operations every front end shares. The storage is
// injected: browser.storage in the extension (one key per sender, so learning one message
// writes one small record), a file in the CLI, memory in tests. All keep the encoded form of
// profile-codec.ts, so profiles export from one and import into another.
import {
  boundProfiles,
  decodeProfiles,
  decodeSender,
  encodeProfiles,
  encodeSender,
  PROFILE_FORMAT,
  PROFILE_FORMAT_VERSION,
  type StoredProfiles,
  type StoredSender,
} from './profile-codec.ts';
import { DEFAULT_PROFILE_LIMITS, type ProfileLimits, type SenderProfile } from './profile-types.ts';

export interface ProfileStorage {
  /** Every stored sender's encoded profile, by sender. */
  loadAll(): Promise<Readonly<Record<string, unknown>>>;
  /** Stores one sender's encoded profile; null removes it. */
  saveSender(sender: string, stored: StoredSender | null): Promise<void>;
}

export interface ProfileStore {
  all(): Promise<SenderProfile[]>;
  get(sender: string): Promise<SenderProfile | null>;
  put(profile: SenderProfile): Promise<void>;
  forget(sender: string): Promise<void>;
  clear(): Promise<void>;
  /** The portable JSON form. */
  exportAll(): Promise<StoredProfiles>;
  /** Merges imported profiles (validated) into the store; returns how many senders came in. */
  importAll(data: unknown): Promise<number>;
}

function merge(a: SenderProfile | undefined, b: SenderProfile): SenderProfile {
  if (a === undefined) return b;
  const ids = new Set(a.observations.map((o) => o.id));
  const observations = [...a.observations, ...b.observations.filter((o) => !ids.has(o.id))];
  return { sender: a.sender, observations: observations.sort((x, y) => x.day - y.day) };
}

const lastDay = (p: SenderProfile): number => p.observations.at(-1)?.day ?? 0;

/** The sender seen least recently (ties: the alphabetically last), to make room. */
function stalest(profiles: Iterable<SenderProfile>): SenderProfile | undefined {
  let pick: SenderProfile | undefined;
  for (const p of profiles) {
    if (pick === undefined || lastDay(p) < lastDay(pick)) pick = p;
    else if (lastDay(p) === lastDay(pick) && p.sender > pick.sender) pick = p;
  }
  return pick;
}

export function createProfileStore(
  storage: ProfileStorage,
  limits: ProfileLimits = DEFAULT_PROFILE_LIMITS,
): ProfileStore {
  // Decoded once and kept: this store is the storage's only writer in its process.
  let cache: Map<string, SenderProfile> | null = null;
  async function profiles(): Promise<Map<string, SenderProfile>> {
    if (cache !== null) return cache;
    const stored = {
      format: PROFILE_FORMAT,
      version: PROFILE_FORMAT_VERSION,
      senders: await storage.loadAll(),
    };
    cache = new Map(decodeProfiles(stored, limits).map((p) => [p.sender, p]));
    return cache;
  }
  async function put(profile: SenderProfile): Promise<void> {
    const map = await profiles();
    const [bounded] = boundProfiles([profile], { ...limits, senders: 1 });
    if (bounded === undefined) return;
    map.delete(bounded.sender);
    while (map.size >= limits.senders) {
      const drop = stalest(map.values());
      if (drop === undefined) break;
      map.delete(drop.sender);
      await storage.saveSender(drop.sender, null);
    }
    map.set(bounded.sender, bounded);
    await storage.saveSender(bounded.sender, encodeSender(bounded));
  }
  return {
    all: async () => [...(await profiles()).values()],
    get: async (sender) => (await profiles()).get(sender) ?? null,
    put,
    async forget(sender) {
      (await profiles()).delete(sender);
      await storage.saveSender(sender, null);
    },
    async clear() {
      const map = await profiles();
      for (const sender of [...map.keys()]) await storage.saveSender(sender, null);
      map.clear();
    },
    exportAll: async () => encodeProfiles(boundProfiles([...(await profiles()).values()], limits)),
    async importAll(data) {
      const incoming = decodeProfiles(data, limits);
      const map = await profiles();
      for (const p of incoming) await put(merge(map.get(p.sender), p));
      return incoming.length;
    },
  };
}

/** In-memory storage: tests, and one-shot CLI runs without history. */
export function createMemoryProfileStorage(): ProfileStorage & { stored(): StoredProfiles } {
  const senders: Record<string, StoredSender> = {};
  return {
    async loadAll() {
      return senders;
    },
    async saveSender(sender, stored) {
      setOwn(senders, sender, stored);
    },
    stored: () => ({ format: PROFILE_FORMAT, version: PROFILE_FORMAT_VERSION, senders }),
  };
}

export { decodeSender };

/**
 * Sets or (with null) deletes one sender's entry. defineProperty, so a sender named `__proto__`
 * is stored as plain data rather than changing the object's prototype.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T | null): void {
  if (value === null) delete record[key];
  else
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
}
