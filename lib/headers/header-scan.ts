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
 * Records the field just read; true when a cap cut it. A plain function, not a closure over the
 * scan's state, so that state stays in registers.
 */
function emit(
  fields: HeaderField[],
  kinds: number[],
  name: string,
  kind: number,
  keep: boolean,
  value: string,
  more: string[] | null,
  skippedLen: number,
): boolean {
  if (kinds.length >= MAX_HEADERS) return true;
  kinds.push(kind);
  if (!keep) return skippedLen > MAX_HEADER_CHARS;
  let v = more === null ? value : more.join(' ');
  let cut = false;
  if (v.length > MAX_HEADER_CHARS) {
    v = v.slice(0, MAX_HEADER_CHARS).trim();
    cut = true;
  }
  fields.push({ name, value: v, index: kinds.length - 1 });
  return cut;
}

/**
 * Reads header fields up to the first empty line. A leading mbox "From " line is skipped.
 * Lines that are neither a field nor a continuation are skipped with one warning. With
 * `keepAll` false only fields of a known kind are unfolded and returned; the caps, positions,
 * kinds and warnings are the same either way.
 */
export function scanHeaderBlock(input: string | Uint8Array, keepAll: boolean): ScannedBlock {
  const text = toText(input);
  const fields: HeaderField[] = [];
  const kinds: number[] = [];
  let truncated = false;
  const end = Math.min(text.length, MAX_BLOCK_CHARS);
  const codes = charCodes(text, end);
  let pos = 0;
  // The field being read: its name and its trimmed lines (joined by one space in emit(); a join
  // gives a flat string, which the lexers read faster than a chain of concatenations). A field
  // not kept tracks only the length its unfolded value would have.
  let open = false;
  let keep = false;
  let name = '';
  let kind = OTHER;
  let value = '';
  let more: string[] | null = null;
  let valueLen = 0;
  let skippedLen = 0;
  let junkLines = 0;
  let colonAt = -1; // the next ':' at or after the last search position, or `end`

  let first = true;
  let sawEnd = false;
  while (pos < end) {
    if (truncated && kinds.length >= MAX_HEADERS) break; // cap reached: stop reading
    const nl = text.indexOf('\n', pos);
    let lineEnd: number;
    let next: number;
    if (nl === -1 || nl >= end) {
      lineEnd = end;
      next = end;
    } else {
      lineEnd = nl;
      next = nl + 1;
    }
    if (lineEnd > pos && codes[lineEnd - 1] === 13) lineEnd--;
    if (lineEnd === pos) {
      sawEnd = true;
      break; // empty line: end of the header block
    }
    const c0 = codes[pos];
    if (c0 === 32 || c0 === 9) {
      // continuation: its text without surrounding white space (as `trim()` would)
      if (open && valueLen < MAX_HEADER_CHARS) {
        let a = pos;
        let b = lineEnd;
        while (a < b && isSpaceCode(codes[a] as number)) a++;
        while (b > a && isSpaceCode(codes[b - 1] as number)) b--;
        if (b > a) {
          if (!keep) skippedLen = skippedLen === 0 ? b - a : skippedLen + 1 + (b - a);
          else if (value.length === 0) value = text.slice(a, b);
          else if (more === null) more = [value, text.slice(a, b)];
          else more.push(text.slice(a, b));
          valueLen += b - a + 1;
        }
      }
    } else if (first && text.startsWith('From ', pos)) {
      // mbox separator line
    } else {
      // The colon must sit within the first 77 characters of the line. indexOf finds it at
      // native speed; a colon found beyond this line is remembered, so that lines without
      // one do not search the same text again (linear overall).
      if (colonAt < pos) {
        colonAt = text.indexOf(':', pos);
        if (colonAt === -1) colonAt = end;
      }
      const colon = colonAt < Math.min(lineEnd, pos + 77) ? colonAt : -1;
      if (colon > pos) {
        let nameEnd = colon;
        while (nameEnd > pos && (codes[nameEnd - 1] === 32 || codes[nameEnd - 1] === 9)) nameEnd--;
        // A known name is valid ftext by construction; any other is checked char by char.
        const known = nameEnd > pos ? knownName(codes, pos, nameEnd) : undefined;
        let ok = nameEnd > pos;
        for (let k = pos; ok && known === undefined && k < nameEnd; k++) {
          const ch = codes[k] as number;
          ok = ch >= 33 && ch <= 126; // RFC 5322 ftext (the colon is excluded by construction)
        }
        if (ok) {
          if (open && emit(fields, kinds, name, kind, keep, value, more, skippedLen)) {
            truncated = true;
          }
          more = null;
          kind = known === undefined ? OTHER : known.kind;
          keep = keepAll || kind !== OTHER;
          open = true;
          let a = colon + 1;
          let b = lineEnd;
          while (a < b && isSpaceCode(codes[a] as number)) a++;
          while (b > a && isSpaceCode(codes[b - 1] as number)) b--;
          if (keep) {
            name = known === undefined ? text.slice(pos, nameEnd).toLowerCase() : known.name;
            value = a === b ? '' : text.slice(a, b);
          } else skippedLen = b - a;
          valueLen = b - a;
        } else {
          junkLines++;
        }
      } else {
        junkLines++;
      }
    }
    first = false;
    pos = next;
  }
  if (open && emit(fields, kinds, name, kind, keep, value, more, skippedLen)) truncated = true;
  if (!sawEnd && end < text.length) truncated = true;
  const warnings: string[] = [];
  if (truncated) warnings.push('header-block-truncated');
  if (junkLines > 0) warnings.push(`skipped ${junkLines} malformed header line(s)`);
  return { fields, kinds, truncated, warnings };
}
