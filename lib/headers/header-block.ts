// Splits a raw message (or a bare header block) into unfolded header fields (RFC 5322 §2.2.3).
// Browser-safe and allocation-light: one pass over the input, one string per field.
// Tolerates LF or CRLF, bare CR, 8-bit bytes and garbage lines; never throws.

import { isSpace } from './cfws.ts';

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

export interface HeaderBlock {
  fields: HeaderField[];
  /** True when a cap was hit and some input was not read. */
  truncated: boolean;
  warnings: string[];
}

/** Accepts a string (already decoded) or raw bytes (read as Latin-1, so 8-bit bytes survive). */
export function toText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('latin1').decode(input);
  } catch {
    return '';
  }
}

/** Field names the engine reads or that most messages carry, lower-case, by length. */
const KNOWN_NAMES: ReadonlyMap<number, readonly string[]> = (() => {
  const byLength = new Map<number, string[]>();
  for (const name of [
    'received',
    'authentication-results',
    'arc-authentication-results',
    'arc-message-signature',
    'arc-seal',
    'received-spf',
    'dkim-signature',
    'from',
    'to',
    'cc',
    'date',
    'subject',
    'sender',
    'reply-to',
    'return-path',
    'delivered-to',
    'x-original-to',
    'message-id',
    'mime-version',
    'content-type',
    'content-transfer-encoding',
    'x-received',
    'x-google-smtp-source',
    'list-unsubscribe',
  ]) {
    const list = byLength.get(name.length) ?? [];
    list.push(name);
    byLength.set(name.length, list);
  }
  return byLength;
})();

/** Lower-cased name of text[start, end) (printable ASCII): a shared constant for common names. */
function fieldName(text: string, start: number, end: number): string {
  const candidates = KNOWN_NAMES.get(end - start);
  if (candidates !== undefined) {
    for (const name of candidates) {
      let k = 0;
      for (; k < name.length; k++) {
        const a = text.charCodeAt(start + k);
        const b = name.charCodeAt(k);
        if (a !== b && !(a >= 65 && a <= 90 && a + 32 === b)) break;
      }
      if (k === name.length) return name;
    }
  }
  return text.slice(start, end).toLowerCase();
}

/** text[start, end) without surrounding white space (as `trim()` would), or '' when blank. */
function trimmedSlice(text: string, start: number, end: number): string {
  let a = start;
  let b = end;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return a === b ? '' : text.slice(a, b);
}

/**
 * Reads header fields up to the first empty line. A leading mbox "From " line is skipped.
 * Lines that are neither a field nor a continuation are skipped with one warning.
 */
export function splitHeaderBlock(input: string | Uint8Array): HeaderBlock {
  const text = toText(input);
  const fields: HeaderField[] = [];
  const warnings: string[] = [];
  let truncated = false;
  const end = Math.min(text.length, MAX_BLOCK_CHARS);
  let pos = 0;
  // The field being read: its name and its trimmed lines (joined by one space on flush; a join
  // gives a flat string, which the lexers read faster than a chain of concatenations).
  let name = '';
  let value = '';
  let more: string[] | null = null;
  let valueLen = 0;
  let junkLines = 0;

  const flush = (): void => {
    if (name === '') return;
    if (fields.length >= MAX_HEADERS) {
      truncated = true;
    } else {
      let v = value;
      if (more !== null) v = more.join(' ');
      if (v.length > MAX_HEADER_CHARS) {
        v = v.slice(0, MAX_HEADER_CHARS).trim();
        truncated = true;
      }
      fields.push({ name, value: v, index: fields.length });
    }
    name = '';
    value = '';
    more = null;
    valueLen = 0;
  };

  let first = true;
  let sawEnd = false;
  while (pos < end) {
    if (truncated && fields.length >= MAX_HEADERS) break; // cap reached: stop reading
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
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (lineEnd === pos) {
      sawEnd = true;
      break; // empty line: end of the header block
    }
    const c0 = text.charCodeAt(pos);
    if (c0 === 32 || c0 === 9) {
      // continuation
      if (name !== '' && valueLen < MAX_HEADER_CHARS) {
        const piece = trimmedSlice(text, pos, lineEnd);
        if (piece.length > 0) {
          if (value.length === 0) value = piece;
          else if (more === null) more = [value, piece];
          else more.push(piece);
          valueLen += piece.length + 1;
        }
      }
    } else if (first && text.startsWith('From ', pos)) {
      // mbox separator line
    } else {
      // Look for the colon within the first 77 characters of this line only (linear overall).
      let colon = -1;
      const limit = Math.min(lineEnd, pos + 77);
      for (let k = pos; k < limit; k++) {
        if (text.charCodeAt(k) === 58) {
          colon = k;
          break;
        }
      }
      if (colon > pos) {
        let nameEnd = colon;
        while (
          nameEnd > pos &&
          (text.charCodeAt(nameEnd - 1) === 32 || text.charCodeAt(nameEnd - 1) === 9)
        )
          nameEnd--;
        let ok = nameEnd > pos;
        for (let k = pos; ok && k < nameEnd; k++) {
          const ch = text.charCodeAt(k);
          ok = ch >= 33 && ch <= 126; // RFC 5322 ftext (the colon is excluded by construction)
        }
        if (ok) {
          flush();
          name = fieldName(text, pos, nameEnd);
          value = trimmedSlice(text, colon + 1, lineEnd);
          valueLen = value.length;
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
  flush();
  if (!sawEnd && end < text.length) truncated = true;
  if (truncated) warnings.push('header-block-truncated');
  if (junkLines > 0) warnings.push(`skipped ${junkLines} malformed header line(s)`);
  return { fields, truncated, warnings };
}

/** First field with this (lower-case) name, or undefined. */
export function firstField(block: HeaderBlock, name: string): HeaderField | undefined {
  for (const f of block.fields) if (f.name === name) return f;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// RFC 2047 encoded words, for display names. Unknown charsets fall back to Latin-1.

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  try {
    // Whitespace between adjacent encoded words is dropped (RFC 2047 §6.2).
    const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
    return joined.replace(ENCODED_WORD, (whole, charset: string, enc: string, text: string) => {
      const bytes = enc.toUpperCase() === 'B' ? decodeBase64(text) : decodeQ(text);
      if (bytes === null) return whole;
      const cs = charset.split('*')[0]?.toLowerCase() ?? 'utf-8';
      try {
        return new TextDecoder(cs).decode(bytes);
      } catch {
        return new TextDecoder('latin1').decode(bytes);
      }
    });
  } catch {
    return value;
  }
}

function decodeQ(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 95) out.push(32);
    else if (c === 61 && i + 2 < text.length) {
      const h = Number.parseInt(text.slice(i + 1, i + 3), 16);
      if (Number.isNaN(h)) out.push(c);
      else {
        out.push(h);
        i += 2;
      }
    } else out.push(c & 0xff);
  }
  return Uint8Array.from(out);
}

function decodeBase64(text: string): Uint8Array | null {
  try {
    const bin = atob(text.replace(/[^A-Za-z0-9+/=]/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
