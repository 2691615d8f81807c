// Per-tab verdicts and in-flight assessments, mirrored in storage.session so that a stopped and
// restarted MV3 service worker still knows what each tab shows and what it was assessing.

import type { AssessMessage, TabVerdict } from '../messaging/protocol.ts';
import type { StorageAreaLike } from './domain-cache.ts';

interface TabRecord {
  /** The newest view ticket seen for this tab; older answers must not repaint it. */
  seq: number;
  verdict: TabVerdict;
}

const tabKey = (tabId: number) => `tab:${tabId}`;
const jobKey = (tabId: number) => `job:${tabId}`;

export interface TabState {
  get(tabId: number): Promise<TabRecord | null>;
  /** Stores the verdict unless a newer view ticket already owns the tab; true when stored. */
  offer(tabId: number, seq: number, verdict: TabVerdict): Promise<boolean>;
  saveJob(tabId: number, job: AssessMessage): Promise<void>;
  finishJob(tabId: number, seq: number): Promise<void>;
  pendingJobs(): Promise<{ tabId: number; job: AssessMessage }[]>;
  forget(tabId: number): Promise<void>;
}

export function createTabState(area: StorageAreaLike): TabState {
  const memory = new Map<number, TabRecord>();
  // Serialises updates per tab so two answers cannot interleave their read and write.
  const queues = new Map<number, Promise<unknown>>();
  const serial = <T>(tabId: number, run: () => Promise<T>): Promise<T> => {
    const next = (queues.get(tabId) ?? Promise.resolve()).then(run, run);
    queues.set(
      tabId,
      next.catch(() => {}),
    );
    return next;
  };

  // The newest record of each tab goes to storage, one write at a time: a verdict that is
  // followed by another before its write began is never written (each is the whole report, and
  // its serialisation runs on the worker's thread, where the next answers wait).
  const writing = new Map<number, Promise<void>>();
  const stale = new Set<number>();
  function store(tabId: number): void {
    stale.add(tabId);
    if (writing.has(tabId)) return;
    const write = async () => {
      while (stale.delete(tabId)) {
        const record = memory.get(tabId);
        if (record) await area.set({ [tabKey(tabId)]: record }).catch(() => {});
      }
      writing.delete(tabId);
    };
    writing.set(tabId, write());
  }

  async function get(tabId: number): Promise<TabRecord | null> {
    const known = memory.get(tabId);
    if (known) return known;
    const stored = (await area.get(tabKey(tabId)))[tabKey(tabId)] as TabRecord | undefined;
    if (stored) memory.set(tabId, stored);
    return stored ?? null;
  }

  return {
    get,
    offer: (tabId, seq, verdict) =>
      serial(tabId, async () => {
        const current = await get(tabId);
        if (current && seq < current.seq) return false;
        memory.set(tabId, { seq, verdict });
        store(tabId);
        return true;
      }),
    saveJob: (tabId, job) => serial(tabId, () => area.set({ [jobKey(tabId)]: job })),
    finishJob: (tabId, seq) =>
      serial(tabId, async () => {
        const stored = (await area.get(jobKey(tabId)))[jobKey(tabId)] as AssessMessage | undefined;
        if (stored && stored.seq <= seq) await area.remove(jobKey(tabId));
      }),
    async pendingJobs() {
      const everything = await area.get(null);
      return Object.entries(everything)
        .filter(([key]) => key.startsWith('job:'))
        .map(([key, job]) => ({ tabId: Number(key.slice(4)), job: job as AssessMessage }));
    },
    async forget(tabId) {
      memory.delete(tabId);
      // A write in flight must not bring the record back after the removal.
      await writing.get(tabId);
      await area.remove([tabKey(tabId), jobKey(tabId)]);
    },
  };
}
