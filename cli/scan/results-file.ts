// The results stream: one JSON line per domain, appended as each finishes. Resume streams what is
// there (memory stays flat however long the file is) and drops a torn last line (the process
// was killed mid-write); the caller skips finished inputs, so one that appears twice counts once.

import { createReadStream, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface ResultLine {
  /** The domain as written in the input list. */
  input: string;
  [field: string]: unknown;
}

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

/**
 * Streams an earlier run's results into `onLine`: every readable line with an input, in file
 * order (the caller keeps the first of an input). Nothing is kept here, however long the file.
 */
export async function streamExistingResults(
  path: string,
  onLine: (line: ResultLine) => void,
): Promise<void> {
  if (!existsSync(path)) return;
  await repairTornTail(path);
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const raw of lines) {
    if (raw.trim() === '') continue;
    let line: ResultLine;
    try {
      line = JSON.parse(raw) as ResultLine;
    } catch {
      continue; // A corrupt line in the middle: that input is simply done again.
    }
    if (typeof line.input === 'string') onLine(line);
  }
}

/**
 * Appends lines one write at a time, in completion order, through one open file (opening the
 * file per line cost the coordinator more CPU than anything else it does).
 */
export function createResultsWriter(path: string | null, stdout: (text: string) => void) {
  const file = path ? open(path, 'a') : null;
  file?.catch(() => {}); // a failure to open surfaces at the first write
  let chain: Promise<unknown> = Promise.resolve();
  return {
    write(line: ResultLine): Promise<void> {
      const text = `${JSON.stringify(line)}\n`;
      const next = chain.then(async () => {
        if (file) await (await file).appendFile(text);
        else stdout(text);
      });
      chain = next;
      return next;
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
