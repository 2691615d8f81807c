// The results stream: one JSON line per domain, appended as each finishes. Resume streams what is
// there (memory stays flat however long the file is) and drops a torn last line (the process
// was killed mid-write); the caller skips finished inputs, so one that appears twice counts once.

import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { type CheckTable, EVERY_DNS_CHECK } from '../../lib/checks/registry.ts';
import { readFactsHead, readResultText, type ScanRecord } from '../../lib/scan/result-line.ts';

export type { ResultLine, ScanRecord } from '../../lib/scan/result-line.ts';

const TAIL_CHUNK = 64 * 1024;

/** Cuts the file after its last newline, so appending stays valid JSONL. */
export async function repairTornTail(path: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    const buffer = Buffer.alloc(TAIL_CHUNK);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - TAIL_CHUNK);
      const { bytesRead } = await file.read(buffer, 0, end - start, start);
      const newline = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (newline >= 0) {
        if (start + newline + 1 < size) await file.truncate(start + newline + 1);
        return;
      }
      end = start;
    }
    if (size > 0) await file.truncate(0);
  } finally {
    await file.close();
  }
}

/** Bytes of a line decoded to look for its facts record (a record is a few hundred bytes). */
const HEAD_BYTES = 4096;
const READ_CHUNK = 1 << 20;

/**
 * What the summary counts of one line of the file: from the facts record at its head when it has
 * a usable one (only those bytes are decoded), else from the whole line parsed.
 */
function recordOf(line: Buffer, checks: CheckTable): Omit<ScanRecord, 'text'> | null {
  let end = line.length;
  while (end > 0 && (line[end - 1] === 0x0d || line[end - 1] === 0x20)) end--;
  if (end === 0 || line[end - 1] !== 0x7d) return null; // no closing brace: not a whole object
  const head = readFactsHead(line.toString('utf8', 0, Math.min(end, HEAD_BYTES)), checks);
  if (head) return { input: head.input, entry: { kind: 'assessed', facts: head.facts } };
  const whole = readResultText(line.toString('utf8', 0, end), checks);
  return whole && { input: whole.input, entry: whole.entry };
}

/** Every line of a file as bytes, read in large chunks; a line is copied only across chunks. */
async function* fileLines(path: string): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    let carry: Buffer | null = null;
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, READ_CHUNK, null);
      if (bytesRead === 0) break;
      const data = chunk.subarray(0, bytesRead);
      let start = 0;
      for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, start)) {
        const piece = data.subarray(start, nl);
        yield carry ? Buffer.concat([carry, piece]) : piece;
        carry = null;
        start = nl + 1;
      }
      // Copied: the chunk is overwritten by the next read.
      const rest = Buffer.from(data.subarray(start));
      carry = carry ? Buffer.concat([carry, rest]) : rest;
    }
    if (carry && carry.length > 0) yield carry;
  } finally {
    await file.close();
  }
}

/**
 * Streams an earlier run's results into `onRecord`: every whole line with an input, in file
 * order (the caller keeps the first of an input), as the summary counts it. Nothing is kept here,
 * however long the file, and a line's assessment is not parsed when its facts record fits.
 */
export async function streamExistingResults(
  path: string,
  onRecord: (record: Omit<ScanRecord, 'text'>) => void,
  checks: CheckTable = EVERY_DNS_CHECK,
): Promise<void> {
  if (!existsSync(path)) return;
  await repairTornTail(path);
  for await (const line of fileLines(path)) {
    // A corrupt line in the middle is skipped: that input is simply done again.
    const record = recordOf(line, checks);
    if (record) onRecord(record);
  }
}

/** The one call the writer makes on the open results file. */
export interface AppendTarget {
  appendFile(text: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Appends lines in the order written, through one open file (opening the file per line cost the
 * coordinator more CPU than anything else it does). Lines written while an append is in flight
 * go out together in the next one: a batch of results drained from Redis costs one write, not one
 * per line. A kill mid-append leaves at most a torn last line, which resume cuts off.
 */
export function createResultsWriter(
  path: string | null,
  stdout: (text: string) => void,
  openFile: (path: string) => Promise<AppendTarget> = (p) => open(p, 'a'),
) {
  const file = path ? openFile(path) : null;
  file?.catch(() => {}); // a failure to open surfaces at the first write
  let waiting: string[] = [];
  let next: Promise<void> | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  const append = async (text: string) => {
    if (file) await (await file).appendFile(text);
    else stdout(text);
  };
  return {
    /** Appends one serialised line (no newline; lib/scan/result-line.ts). */
    write(line: string): Promise<void> {
      waiting.push(line, '\n');
      if (next) return next;
      // Starts once the append before it is done, with every line written by then.
      const mine = chain.then(() => {
        next = null;
        const text = waiting.join('');
        waiting = [];
        return append(text);
      });
      next = mine;
      chain = mine;
      return mine;
    },
    async flush(): Promise<void> {
      await chain;
    },
    async close(): Promise<void> {
      await chain.catch(() => {});
      const handle = await file?.catch(() => null);
      await handle?.close();
    },
  };
}
