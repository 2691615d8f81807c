// The per-domain cache in extension storage (lib/ext/domain-cache.ts): an answer is given as soon
// as it is computed, not after the browser has stored it (issue 16: the recipient's probe answer,
// which the padlock waits for, waited for its storage write too), and a lookup stays coalesced
// until its answer is stored.
import { describe, expect, it } from 'vitest';
import { createDomainCache, type StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import { createMemoryArea } from './memory-area.ts';

/** A storage area whose writes wait until `release()`. */
function slowWritingArea() {
  const area = createMemoryArea();
  const held: (() => void)[] = [];
  const slow: StorageAreaLike = {
    get: (keys) => area.get(keys),
    remove: (keys) => area.remove(keys),
    set: (items) => new Promise<void>((resolve) => held.push(() => area.set(items).then(resolve))),
  };
  return {
    area: slow,
    data: area.data,
    writes: () => held.length,
    release: async () => {
      for (const go of held.splice(0)) go();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

const cacheOn = (area: StorageAreaLike) =>
  createDomainCache<string>({ area, prefix: 'dns:', ttlMs: () => 60_000, now: () => 0 });

describe('domain cache', () => {
  it('answers before the storage write is done', async () => {
    const storage = slowWritingArea();
    const cache = cacheOn(storage.area);
    const hit = await cache.lookup('Example.org', async () => 'answer');
    expect(hit).toEqual({ value: 'answer', cached: false });
    expect(storage.writes()).toBe(1);
    expect(storage.data.size).toBe(0);
    await storage.release();
    expect(storage.data.get('dns:example.org')).toEqual({ value: 'answer', expiresAt: 60_000 });
  });

  it('keeps a lookup in flight until it is stored: no second computation meanwhile', async () => {
    const storage = slowWritingArea();
    const cache = cacheOn(storage.area);
    let computed = 0;
    const compute = async () => `answer ${++computed}`;
    await cache.lookup('example.org', compute);
    expect(await cache.lookup('example.org', compute)).toEqual({
      value: 'answer 1',
      cached: false,
    });
    await storage.release();
    expect(await cache.lookup('example.org', compute)).toEqual({ value: 'answer 1', cached: true });
    expect(computed).toBe(1);
  });

  it('still answers when the result cannot be stored, and asks again next time', async () => {
    const area = createMemoryArea();
    const failing: StorageAreaLike = {
      ...area,
      set: async () => Promise.reject(new Error('full')),
    };
    const cache = cacheOn(failing);
    let computed = 0;
    const compute = async () => `answer ${++computed}`;
    expect((await cache.lookup('example.org', compute)).value).toBe('answer 1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await cache.lookup('example.org', compute)).value).toBe('answer 2');
  });

  it('answers from storage when the result is there', async () => {
    const area = createMemoryArea();
    area.data.set('dns:example.org', { value: 'kept', expiresAt: 1 });
    const cache = cacheOn(area);
    expect(await cache.lookup('example.org', async () => 'fresh')).toEqual({
      value: 'kept',
      cached: true,
    });
  });
});
