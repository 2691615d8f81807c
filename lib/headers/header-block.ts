// Splits a raw message (or a bare header block) into unfolded header fields (RFC 5322 §2.2.3),
// all of them, by the one-pass scan in header-scan.ts. Never throws.

import { type HeaderField, scanHeaderBlock } from './header-scan.ts';

export {
  type HeaderField,
  MAX_BLOCK_CHARS,
  MAX_HEADER_CHARS,
  MAX_HEADERS,
  toText,
} from './header-scan.ts';

export interface HeaderBlock {
  fields: HeaderField[];
  /** True when a cap was hit and some input was not read. */
  truncated: boolean;
  warnings: string[];
}

/**
 * Reads header fields up to the first empty line. A leading mbox "From " line is skipped.
 * Lines that are neither a field nor a continuation are skipped with one warning.
 */
export function splitHeaderBlock(input: string | Uint8Array): HeaderBlock {
  const { fields, truncated, warnings } = scanHeaderBlock(input, true);
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
