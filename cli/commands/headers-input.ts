// The input of `mailseal headers`: a file or standard input, read as a stream and only up to a
// cap, so that a pipe that is not full yet (EAGAIN with a synchronous read) works and a 600 MB
// message costs 2 MiB of memory, not its size. The cap is the header engine's own block cap:
// nothing past it would be read anyway.

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { MAX_BLOCK_CHARS } from '../../lib/headers/index.ts';

/** Bytes read at most: the engine reads a header block up to this many characters. */
export const MAX_INPUT_BYTES = MAX_BLOCK_CHARS;

export interface MessageInput {
  bytes: Uint8Array;
  /** The input was longer than the cap and the rest was not read. */
  cut: boolean;
}

/** Reads `source` ("-" for `stdin`) up to `cap` bytes, never more into memory. */
export async function readMessageInput(
  source: string,
  stdin: Readable = process.stdin,
  cap: number = MAX_INPUT_BYTES,
): Promise<MessageInput> {
  // `end` is inclusive: one byte past the cap tells a cut input from one of exactly cap bytes.
  const stream = source === '-' ? stdin : createReadStream(source, { start: 0, end: cap });
  const chunks: Uint8Array[] = [];
  let total = 0;
  let cut = false;
  for await (const chunk of stream) {
    const bytes: Uint8Array = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    if (total + bytes.length > cap) {
      chunks.push(bytes.subarray(0, cap - total));
      total = cap;
      cut = true;
      break; // ends the iteration and destroys the stream: the rest is never read
    }
    chunks.push(bytes);
    total += bytes.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { bytes: out, cut };
}

/** Whether the bytes hold the end of a header block (an empty line). */
export function hasHeaderEnd(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 10) continue;
    const next = bytes[i + 1];
    if (next === 10 || (next === 13 && bytes[i + 2] === 10)) return true;
  }
  return false;
}
