// lib/ext/tab-state.ts: a tab's verdict is known at once and mirrored in storage.session for a
// restarted worker. Each verdict is the whole report; while one write is in flight only the
// newest waiting verdict follows it (issue 16: a write per refinement ran on the worker's thread,
// where the padlock's next answers wait).
import { describe, expect, it } from 'vitest';
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import { createTabState } from '../../../lib/ext/tab-state.ts';
import type { TabVerdict } from '../../../lib/messaging/protocol.ts';
import { createMemoryArea } from './memory-area.ts';

const verdict = (summary: string) => ({ level: 'amber', summary }) as unknown as TabVerdict;

/** A storage area whose writes each wait for `release()`; it records what was written. */
function heldArea() {
  const area = createMemoryArea();
  const held: (() => void)[] = [];
  const written: unknown[] = [];
  const slow: StorageAreaLike = {
    get: (keys) => area.get(keys),
    remove: (keys) => area.remove(keys),
    set: (items) =>
      new Promise<void>((resolve) =>
        held.push(() => {
          written.push(...Object.values(items));
          void area.set(items).then(resolve);
        }),
      ),
  };
  const release = async () => {
    while (held.length > 0) {
      for (const go of held.splice(0)) go();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { area: slow, data: area.data, written, release };
}

describe('tab state', () => {
  it('knows a verdict at once, before its write is done', async () => {
    const storage = heldArea();
    const tabs = createTabState(storage.area);
    expect(await tabs.offer(1, 1, verdict('first'))).toBe(true);
    expect((await tabs.get(1))?.verdict.summary).toBe('first');
    expect(storage.data.size).toBe(0);
    await storage.release();
    expect(storage.data.get('tab:1')).toEqual({ seq: 1, verdict: verdict('first') });
  });

  it('writes only the newest of the verdicts that came while a write was in flight', async () => {
    const storage = heldArea();
    const tabs = createTabState(storage.area);
    for (const summary of ['first', 'second', 'third', 'fourth'])
      await tabs.offer(1, 1, verdict(summary));
    await storage.release();
    expect(storage.written).toEqual([
      { seq: 1, verdict: verdict('first') },
      { seq: 1, verdict: verdict('fourth') },
    ]);
    expect(storage.data.get('tab:1')).toEqual({ seq: 1, verdict: verdict('fourth') });
  });

  it('a restarted worker reads the newest verdict', async () => {
    const area = createMemoryArea();
    const before = createTabState(area);
    await before.offer(2, 3, verdict('older'));
    await before.offer(2, 3, verdict('newest'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const after = createTabState(area);
    expect((await after.get(2))?.verdict.summary).toBe('newest');
  });

  it('forgetting a tab is not undone by a write in flight', async () => {
    const storage = heldArea();
    const tabs = createTabState(storage.area);
    await tabs.offer(1, 1, verdict('first'));
    const forgotten = tabs.forget(1);
    await storage.release();
    await forgotten;
    expect(storage.data.has('tab:1')).toBe(false);
    expect(await tabs.get(1)).toBeNull();
  });
});
