// Comment and quoted-string scanning (RFC 5322 §3.2.2–3.2.4), shared by the Received and
// Authentication-Results lexers: both read positions in the unfolded value, no substrings.

/**
 * Index just past the comment that opens at `v[i] === '('`, or -1 when it runs to `n` unclosed.
 * Nesting-aware, with quoted strings and backslash escapes inside; depth counts up to `maxDepth`
 * so that a flood of '(' cannot need as many ')'.
 */
export function commentEnd(v: string, i: number, n: number, maxDepth: number): number {
  let depth = 1;
  let j = i + 1;
  let inQuote = false;
  while (j < n) {
    const d = v.charCodeAt(j);
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

/** Index of the '"' closing the quoted string that opens at `v[i]`, or `n` when unclosed. */
export function quotedEnd(v: string, i: number, n: number): number {
  let j = i + 1;
  while (j < n) {
    const d = v.charCodeAt(j);
    if (d === 92) {
      j += 2;
      continue;
    }
    if (d === 34) return j;
    j++;
  }
  return n;
}
