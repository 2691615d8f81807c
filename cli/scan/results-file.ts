// The results stream: one JSON line per domain, appended as each finishes. Resume reads what is
// there, drops a torn last line (the process was killed mid-write), and skips finished inputs.

import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';

export interface ResultLine {
  /** The domain as written in the input list. */
  input: string;
  [field: string]: unknown;
}

export interface ExistingResults {
  lines: ResultLine[];
  doneInputs: Set<string>;
}

/** Reads an earlier run's results; repairs a torn final line so appending stays valid JSONL. */
export function loadExistingResults(path: string): ExistingResults {
  const lines: ResultLine[] = [];
  const doneInputs = new Set<string>();
  if (!existsSync(path)) return { lines, doneInputs };
  const text = readFileSync(path, 'utf8');
  const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  if (complete.length !== text.length) truncateSync(path, Buffer.byteLength(complete));
  for (const raw of complete.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      const line = JSON.parse(raw) as ResultLine;
      if (typeof line.input === 'string') {
        lines.push(line);
        doneInputs.add(line.input);
      }
    } catch {
      // A corrupt line in the middle: that input is simply done again.
    }
  }
  return { lines, doneInputs };
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
