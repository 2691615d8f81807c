// One pass over a header block (RFC 5322 §2.2.3): finds every field and its kind, and unfolds a
// field's value only when the caller keeps it. The engine keeps just the fields it reads, so the
// many it never reads (Subject, X-…, List-…) cost a line scan and no strings.
// Tolerates LF or CRLF, bare CR, 8-bit bytes and garbage lines; never throws.

import { charCodes, isSpaceCode } from './char-codes.ts';

/** At most this many header fields are kept; the rest are dropped with a warning. */
export const MAX_HEADERS = 1000;
/** A single unfolded field value is cut at this many characters. */
export const MAX_HEADER_CHARS = 32 * 1024;
/** The header block is read up to this many characters (a 1 MB block is accepted whole). */
export const MAX_BLOCK_CHARS = 2 * 1024 * 1024;

export interface HeaderField {
  /** Lower-cased field name. */
  name: string;
  /** Unfolded value: line breaks and the folding whitespace after them become one space. */
  value: string;
  /** Position in the block, 0 = topmost. */
  index: number;
}

/** Kinds of the fields the engine reads; every other field is OTHER. */
export const OTHER = 0;
export const RECEIVED = 1;
export const AUTH_RESULTS = 2;
export const ARC_AUTH_RESULTS = 3;
export const RECEIVED_SPF = 4;
export const DKIM_SIGNATURE = 5;
export const ARC_SEAL = 6;
export const FROM = 7;
export const RETURN_PATH = 8;
export const DELIVERED_TO = 9;
export const X_ORIGINAL_TO = 10;
export const TO = 11;

export interface ScannedBlock {
  /** The kept fields, topmost first: all of them, or only those of a kind other than OTHER. */
  fields: HeaderField[];
  /** Kind of every field read, by position (kinds.length is the number of fields). */
  kinds: number[];
  truncated: boolean;
  warnings: string[];
}

/**
 * Accepts a string (already decoded) or raw bytes. Bytes are the header block's only (up to its
 * empty line, or the block cap), decoded as UTF-8, which RFC 6532 makes the header charset
 * (`università`, not `universitÃ `); a block that is not valid UTF-8 is legacy 8-bit text and is
 * read as Latin-1, so every byte survives. A character cut at the cap is left out, not an error.
 */
export function toText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  const block = input.subarray(0, headerBytesEnd(input));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(block, { stream: true });
  } catch {
    try {
      return new TextDecoder('latin1').decode(block);
    } catch {
      return '';
    }
  }
}

/**
 * Bytes of the header block: up to and including its empty line, else at most one byte past
 * the block cap (so that the scan still sees that the block went on).
 */
function headerBytesEnd(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length, MAX_BLOCK_CHARS + 1);
  let i = bytes.indexOf(10);
  while (i !== -1 && i < limit) {
    const next = bytes[i + 1];
    if (next === 10) return i + 2;
    if (next === 13 && bytes[i + 2] === 10) return i + 3;
    i = bytes.indexOf(10, i + 1);
  }
  return limit;
}

interface KnownName {
  name: string;
  kind: number;
}

/** Field names the engine reads or that most messages carry, lower-case, indexed by length. */
const KNOWN_NAMES: readonly (readonly KnownName[])[] = (() => {
  const byLength: KnownName[][] = [];
  for (let n = 0; n <= 32; n++) byLength.push([]);
  const add = (name: string, kind: number): void => {
    (byLength[name.length] as KnownName[]).push({ name, kind });
  };
  add('received', RECEIVED);
  add('authentication-results', AUTH_RESULTS);
  add('arc-authentication-results', ARC_AUTH_RESULTS);
  add('arc-message-signature', OTHER);
  add('arc-seal', ARC_SEAL);
  add('received-spf', RECEIVED_SPF);
  add('dkim-signature', DKIM_SIGNATURE);
  add('from', FROM);
  add('to', TO);
  for (const name of ['cc', 'date', 'subject', 'sender', 'reply-to']) add(name, OTHER);
  add('return-path', RETURN_PATH);
  add('delivered-to', DELIVERED_TO);
  add('x-original-to', X_ORIGINAL_TO);
  for (const name of [
    'message-id',
    'mime-version',
    'content-type',
    'content-transfer-encoding',
    'x-received',
    'x-google-smtp-source',
    'list-unsubscribe',
  ])
    add(name, OTHER);
  return byLength;
})();

/** The known name codes[start, end) spells in any ASCII case, or undefined. */
function knownName(codes: Uint8Array, start: number, end: number): KnownName | undefined {
  const len = end - start;
  if (len >= KNOWN_NAMES.length) return undefined;
  const candidates = KNOWN_NAMES[len] as readonly KnownName[];
  for (let c = 0; c < candidates.length; c++) {
    const known = candidates[c] as KnownName;
    const name = known.name;
    let k = 0;
    for (; k < len; k++) {
      const a = codes[start + k] as number;
      const b = name.charCodeAt(k);
      if (a !== b && !(a >= 65 && a <= 90 && a + 32 === b)) break;
    }
    if (k === len) return known;
  }
  return undefined;
}

/**
 * The scan's state between lines: the result so far and the field being read, with its name and
 * its trimmed lines (joined by one space in emit(); a join gives a flat string, which the lexers
 * read faster than a chain of concatenations). A field not kept tracks only the length its
 * unfolded value would have.
 */
interface Scan {
  text: string;
  codes: Uint8Array;
  keepAll: boolean;
  fields: HeaderField[];
  kinds: number[];
  truncated: boolean;
  junkLines: number;
  /** The next ':' at or after the last search position, or the scan's end. */
  colonAt: number;
  open: boolean;
  keep: boolean;
  name: string;
  kind: number;
  value: string;
  more: string[] | null;
  valueLen: number;
  skippedLen: number;
}

/** Records the open field, if any; a cap that cuts it marks the block truncated. */
function emit(st: Scan): void {
  if (!st.open) return;
  if (st.kinds.length >= MAX_HEADERS) {
    st.truncated = true;
    return;
  }
  st.kinds.push(st.kind);
  if (!st.keep) {
    if (st.skippedLen > MAX_HEADER_CHARS) st.truncated = true;
    return;
  }
  let v = st.more === null ? st.value : st.more.join(' ');
  if (v.length > MAX_HEADER_CHARS) {
    v = v.slice(0, MAX_HEADER_CHARS).trim();
    st.truncated = true;
  }
  st.fields.push({ name: st.name, value: v, index: st.kinds.length - 1 });
}

/** A continuation line [a, b): its text without surrounding white space (as `trim()` would). */
function readContinuation(st: Scan, pos: number, lineEnd: number): void {
  if (!st.open || st.valueLen >= MAX_HEADER_CHARS) return;
  const codes = st.codes;
  let a = pos;
  let b = lineEnd;
  while (a < b && isSpaceCode(codes[a] as number)) a++;
  while (b > a && isSpaceCode(codes[b - 1] as number)) b--;
  if (b === a) return;
  if (!st.keep) st.skippedLen = st.skippedLen === 0 ? b - a : st.skippedLen + 1 + (b - a);
  else if (st.value.length === 0) st.value = st.text.slice(a, b);
  else if (st.more === null) st.more = [st.value, st.text.slice(a, b)];
  else st.more.push(st.text.slice(a, b));
  st.valueLen += b - a + 1;
}

/**
 * The colon ending a field name on the line at pos, or -1. It must sit within the first 77
 * characters of the line. indexOf finds it at native speed; a colon found beyond this line is
 * remembered, so that lines without one do not search the same text again (linear overall).
 */
function nameColon(st: Scan, pos: number, lineEnd: number, end: number): number {
  if (st.colonAt < pos) {
    st.colonAt = st.text.indexOf(':', pos);
    if (st.colonAt === -1) st.colonAt = end;
  }
  return st.colonAt < Math.min(lineEnd, pos + 77) ? st.colonAt : -1;
}

/** A line that starts a field (`name: value`): the previous field is emitted. */
function readFieldLine(st: Scan, pos: number, lineEnd: number, end: number): void {
  const codes = st.codes;
  const colon = nameColon(st, pos, lineEnd, end);
  let nameEnd = colon;
  while (nameEnd > pos && (codes[nameEnd - 1] === 32 || codes[nameEnd - 1] === 9)) nameEnd--;
  if (colon <= pos || nameEnd === pos) {
    st.junkLines++;
    return;
  }
  // A known name is valid ftext by construction; any other is checked char by char.
  const known = knownName(codes, pos, nameEnd);
  for (let k = pos; known === undefined && k < nameEnd; k++) {
    const ch = codes[k] as number;
    if (ch < 33 || ch > 126) {
      st.junkLines++; // not RFC 5322 ftext (the colon is excluded by construction)
      return;
    }
  }
  emit(st);
  st.more = null;
  st.kind = known === undefined ? OTHER : known.kind;
  st.keep = st.keepAll || st.kind !== OTHER;
  st.open = true;
  let a = colon + 1;
  let b = lineEnd;
  while (a < b && isSpaceCode(codes[a] as number)) a++;
  while (b > a && isSpaceCode(codes[b - 1] as number)) b--;
  if (st.keep) {
    st.name = known === undefined ? st.text.slice(pos, nameEnd).toLowerCase() : known.name;
    st.value = a === b ? '' : st.text.slice(a, b);
  } else st.skippedLen = b - a;
  st.valueLen = b - a;
}

/** Reads lines up to the first empty one (true) or the end of the text or a cap (false). */
function readLines(st: Scan, end: number): boolean {
  const text = st.text;
  let pos = 0;
  let first = true;
  while (pos < end) {
    if (st.truncated && st.kinds.length >= MAX_HEADERS) return false; // cap reached: stop
    const nl = text.indexOf('\n', pos);
    const next = nl === -1 || nl >= end ? end : nl + 1;
    let lineEnd = nl === -1 || nl >= end ? end : nl;
    if (lineEnd > pos && st.codes[lineEnd - 1] === 13) lineEnd--;
    if (lineEnd === pos) return true; // empty line: end of the header block
    const c0 = st.codes[pos];
    if (c0 === 32 || c0 === 9) readContinuation(st, pos, lineEnd);
    else if (!(first && text.startsWith('From ', pos))) readFieldLine(st, pos, lineEnd, end);
    // (a first line "From " is an mbox separator)
    first = false;
    pos = next;
  }
  return false;
}

/**
 * Reads header fields up to the first empty line. A leading mbox "From " line is skipped.
 * Lines that are neither a field nor a continuation are skipped with one warning. With
 * `keepAll` false only fields of a known kind are unfolded and returned; the caps, positions,
 * kinds and warnings are the same either way.
 */
export function scanHeaderBlock(input: string | Uint8Array, keepAll: boolean): ScannedBlock {
  const text = toText(input);
  const end = Math.min(text.length, MAX_BLOCK_CHARS);
  const st: Scan = {
    text,
    codes: charCodes(text, end),
    keepAll,
    fields: [],
    kinds: [],
    truncated: false,
    junkLines: 0,
    colonAt: -1,
    open: false,
    keep: false,
    name: '',
    kind: OTHER,
    value: '',
    more: null,
    valueLen: 0,
    skippedLen: 0,
  };
  const sawEnd = readLines(st, end);
  emit(st);
  if (!sawEnd && end < text.length) st.truncated = true;
  const warnings: string[] = [];
  if (st.truncated) warnings.push('header-block-truncated');
  if (st.junkLines > 0) warnings.push(`skipped ${st.junkLines} malformed header line(s)`);
  return { fields: st.fields, kinds: st.kinds, truncated: st.truncated, warnings };
}
