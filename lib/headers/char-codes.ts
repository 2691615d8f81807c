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
let codes = new Uint8Array(4096);

/**
 * `v.charCodeAt(i)` for every i < v.length, with non-ASCII characters as NON_ASCII_SPACE or
 * NON_ASCII. The returned array is valid until the next call.
 */
export function charCodes(v: string): Uint8Array {
  const n = v.length;
  if (n > codes.length) codes = new Uint8Array(Math.max(n, 2 * codes.length));
  // Pure ASCII (the usual case) encodes to one byte per character at native speed.
  const { read, written } = encoder.encodeInto(v, codes);
  if (read === n && written === n) return codes;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    codes[i] = c < 0x80 ? c : isSpace(c) ? NON_ASCII_SPACE : NON_ASCII;
  }
  return codes;
}
