// What a scan still has to do: the domain list (compact, cli/scan/domain-table.ts) and one "done"
// bit per domain. Resume, the executors and the results stream all go through it, so a result
// counts once per input however often it arrives, and nothing here grows but the list itself.

import { parseDomainName } from '../../lib/scan/domain-name.ts';
import { createDomainTable, type DomainTable } from './domain-table.ts';

export interface WorkItem {
  /** As written in the list. */
  input: string;
  /** Normalised (IDNA, lower case). */
  domain: string;
}

/** A pending item with its place in the list (stable across runs of the same list). */
export interface PlacedWorkItem extends WorkItem {
  position: number;
}

export interface ScanWork {
  /** Domains in the list. */
  readonly total: number;
  /** Domains not finished yet. */
  remaining(): number;
  /** The unfinished inputs, in list order; each call walks them afresh. */
  unfinishedInputs(): Iterable<string>;
  /** The unfinished inputs that are valid domain names, in list order, afresh on each call. */
  pending(): Iterable<PlacedWorkItem>;
  /** Records an input as finished; false when it is not in the list or was finished already. */
  finish(input: string): boolean;
}

export function createScanWork(list: DomainTable): ScanWork {
  const done = new Uint8Array(Math.ceil(list.size / 8));
  let finished = 0;
  const isDone = (i: number) => ((done[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
  return {
    total: list.size,
    remaining: () => list.size - finished,
    *unfinishedInputs() {
      for (let i = 0; i < list.size; i++) if (!isDone(i)) yield list.nameAt(i);
    },
    *pending() {
      for (let position = 0; position < list.size; position++) {
        if (isDone(position)) continue;
        const input = list.nameAt(position);
        const parsed = parseDomainName(input);
        if (parsed.ok) yield { input, domain: parsed.domain, position };
      }
    },
    finish(input) {
      const i = list.indexOf(input);
      if (i < 0 || isDone(i)) return false;
      done[i >> 3] = (done[i >> 3] ?? 0) | (1 << (i & 7));
      finished++;
      return true;
    },
  };
}

/** Work over a list given in memory (tests, small callers). */
export function scanWorkOf(items: ReadonlyArray<WorkItem | string>): ScanWork {
  const table = createDomainTable();
  for (const item of items) table.add(typeof item === 'string' ? item : item.input);
  return createScanWork(table);
}
