// Header values as a byte array for the lexers: reading a typed array costs a fraction of
// `charCodeAt` on a string (whose representation V8 re-checks on every call), and the lexers
// only ever compare against ASCII. The array is module scratch, refilled by every call, so a
// caller reads it before the next caller fills it (the parsers are synchronous, never re-entered).

import { isSpace } from './cfws.ts';

/** Stands for every non-ASCII character that is not white space: no lexer gives it a meaning. */
export const NON_ASCII = 0x80;
/** Stands for non-ASCII white space (NBSP, U+2000…, BOM …), which `trim` and `\s` also remove. */
export const NON_ASCII_SPACE = 0x81;

/** isSpace() for a code from charCodes(). */
export function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === NON_ASCII_SPACE;
}

const encoder = new TextEncoder();
/** Longer texts (rare: header blocks over 64 KiB) get an array of their own, not kept. */
const MAX_SCRATCH = 64 * 1024;
let scratch = new Uint8Array(4096);

/**
 * `v.charCodeAt(i)` for every i < n (default: all of v), with non-ASCII characters as
 * NON_ASCII_SPACE or NON_ASCII. The returned array is module scratch, valid until the next call.
 */
export function charCodes(v: string, n = v.length): Uint8Array {
  let codes = scratch;
  if (n > codes.length) {
    codes = new Uint8Array(n <= MAX_SCRATCH ? Math.max(n, 2 * codes.length) : n);
    if (n <= MAX_SCRATCH) scratch = codes;
  }
  // Pure ASCII (the usual case) encodes to one byte per character at native speed.
  const { read, written } = encoder.encodeInto(v, n < v.length ? codes.subarray(0, n) : codes);
  if (read === n && written === n) return codes;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    codes[i] = c < 0x80 ? c : isSpace(c) ? NON_ASCII_SPACE : NON_ASCII;
  }
  return codes;
}
