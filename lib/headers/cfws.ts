// Comment, quoted-string and whitespace scanning (RFC 5322 §3.2.2–3.2.4), shared by the header
// splitter and the Received and Authentication-Results lexers: positions, no substrings.

/** What `String.prototype.trim` and `\s` treat as white space: ASCII, NBSP, Unicode spaces, BOM. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Index just past the comment that opens at `codes[i] === '('`, or -1 when it runs to `n`
 * unclosed. Nesting-aware, with quoted strings and backslash escapes inside; depth counts up to
 * `maxDepth` so that a flood of '(' cannot need as many ')'. `codes` comes from charCodes().
 */
export function commentEnd(codes: Uint8Array, i: number, n: number, maxDepth: number): number {
  let depth = 1;
  let j = i + 1;
  let inQuote = false;
  while (j < n) {
    const d = codes[j] as number;
    if (d === 92) {
      j += 2;
      continue;
    }
    if (inQuote) {
      if (d === 34) inQuote = false;
    } else if (d === 34) inQuote = true;
    else if (d === 40) {
      if (depth < maxDepth) depth++;
    } else if (d === 41 && --depth === 0) return j + 1;
    j++;
  }
  return -1;
}

/** Index of the '"' closing the quoted string that opens at `codes[i]`, or `n` when unclosed. */
export function quotedEnd(codes: Uint8Array, i: number, n: number): number {
  let j = i + 1;
  while (j < n) {
    const d = codes[j] as number;
    if (d === 92) {
      j += 2;
      continue;
    }
    if (d === 34) return j;
    j++;
  }
  return n;
}
