// The coordinator takes the results that arrive together in one round trip (cli/scan/scan-queue.ts).
import { describe, expect, it } from 'vitest';
import { nextResults, type ResultsReader } from '../../../cli/scan/scan-queue.ts';

/** A Redis list the test pushes to on a timer, with LPOP count and BLPOP as Redis answers them. */
function fakeList() {
  const items: string[] = [];
  const waiters: Array<() => void> = [];
  let lpops = 0;
  const reader = {
    async lpop(_key: string, count: number) {
      lpops++;
      const taken = items.splice(0, count);
      return taken.length > 0 ? taken : null;
    },
    async blpop(key: string, timeoutSeconds: number) {
      if (items.length === 0)
        await new Promise<void>((arrived) => {
          waiters.push(arrived);
          setTimeout(arrived, timeoutSeconds * 1000);
        });
      const value = items.shift();
      return value === undefined ? null : [key, value];
    },
  } as unknown as ResultsReader;
  return {
    reader,
    push(value: string) {
      items.push(value);
      for (const arrived of waiters.splice(0)) arrived();
    },
    lpops: () => lpops,
  };
}

describe('nextResults', () => {
  it('takes every waiting line in one LPOP', async () => {
    const list = fakeList();
    for (const v of ['a', 'b', 'c']) list.push(v);
    expect(await nextResults(list.reader, 'k')).toEqual(['a', 'b', 'c']);
    expect(list.lpops()).toBe(1);
  });

  it('on an empty list, waits for the next line and gathers those that follow it', async () => {
    const list = fakeList();
    // Workers finish domains a few milliseconds apart.
    for (const [i, v] of ['a', 'b', 'c', 'd'].entries()) setTimeout(() => list.push(v), 5 + 5 * i);
    const got = await nextResults(list.reader, 'k', 60);
    expect(got).toEqual(['a', 'b', 'c', 'd']);
  });

  it('returns nothing when no line comes within the blocking wait', async () => {
    const list = fakeList();
    const reader = { lpop: list.reader.lpop, blpop: async () => null } as unknown as ResultsReader;
    expect(await nextResults(reader, 'k')).toEqual([]);
  });
});
