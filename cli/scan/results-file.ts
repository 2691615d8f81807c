// The results stream: one JSON line per domain, appended as each finishes. Resume streams what is
// there (memory stays flat however long the file is), drops a torn last line (the process was
// killed mid-write), and skips finished inputs. An input that appears twice counts once.

import { createReadStream, existsSync } from 'node:fs';
import { appendFile, open } from 'node:fs/promises';
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
 * Streams an earlier run's results into `onLine`, once per input (the first line wins), and
 * returns the inputs that are done.
 */
export async function loadExistingResults(
  path: string,
  onLine: (line: ResultLine) => void = () => {},
): Promise<Set<string>> {
  const doneInputs = new Set<string>();
  if (!existsSync(path)) return doneInputs;
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
    if (typeof line.input !== 'string' || doneInputs.has(line.input)) continue;
    doneInputs.add(line.input);
    onLine(line);
  }
  return doneInputs;
}

/** Appends lines one write at a time, in completion order. */
export function createResultsWriter(path: string | null, stdout: (text: string) => void) {
  let chain = Promise.resolve();
  return {
    write(line: ResultLine): Promise<void> {
      const text = `${JSON.stringify(line)}\n`;
      chain = chain.then(() => (path ? appendFile(path, text) : stdout(text)));
      return chain;
    },
    flush: () => chain,
  };
}
