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
 * unclosed. Nesting-aware, with backslash escapes, and with one quoted string: the local part
 * in Exim's `(envelope-from <"(a"@b>)` or Sendmail's `(envelope-from "(a"@b)`, a valid address
 * whose quotes may hold parentheses.
 * Elsewhere a '"' is comment text (RFC 5322 §3.2.2 ctext): an Exim ident or HELO, a Postfix
 * SASL login or certificate name inside a comment may hold one; depth counts up to
 * `maxDepth` so that a flood of '(' cannot need as many ')'. `codes` comes from charCodes().
 */
export function commentEnd(codes: Uint8Array, i: number, n: number, maxDepth: number): number {
  let depth = 1;
  let j = i + 1;
  let inQuote = false;
  // Whether each open level is an envelope comment, as a bit per depth (the innermost decides,
  // as in pairComments, so that both pair the same comments); deeper levels count as not.
  let envelopes = isEnvelopeComment(codes, i + 1, n) ? 1 : 0;
  while (j < n) {
    const d = codes[j] as number;
    if (d === 92) {
      j += 2;
      continue;
    }
    if (inQuote) {
      if (d === 34) inQuote = false;
    } else if (d === 34 && isEnvelopeLevel(envelopes, depth) && opensLocalPart(codes, j)) {
      inQuote = true;
    } else if (d === 40) {
      if (depth < maxDepth) {
        depth++;
        if (depth <= 31 && isEnvelopeComment(codes, j + 1, n)) envelopes |= 1 << (depth - 1);
        else if (depth <= 31) envelopes &= ~(1 << (depth - 1));
      }
    } else if (d === 41 && --depth === 0) return j + 1;
    j++;
  }
  return -1;
}

/** The innermost open level (1-based `depth`) is an envelope comment. */
function isEnvelopeLevel(envelopes: number, depth: number): boolean {
  return depth <= 31 && (envelopes & (1 << (depth - 1))) !== 0;
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

/**
 * Comment ends for a lexer that meets an unclosed '(' (text the sender chose, such as a HELO of
 * `x(version=TLS1_3`): such a '(' must not turn the rest of the value into one comment, which
 * would hide what the receiving MTA wrote after it (its own clauses, Gmail's `dmarc=fail`).
 * `pairComments` fills `out[j]` for every j in [from, n): for a '(' the index just past its
 * matching ')', or -1 when nothing closes it (the lexer then reads that '(' as text), every other
 * entry -1. Every '(' gets an answer, also one inside a quoted local part this pass skipped: a
 * lexer that pairs the quotes differently (a HELO's `<"` closed by the envelope's quote) can
 * reach it, and an entry left from an earlier value would send it backwards. One pass with a
 * stack, so a value full of unclosed '(' stays linear. It follows commentEnd's rules: backslash escapes, quoted angle addresses inside comments
 * when a later '"' closes them (an unclosed quote is plain text, so it cannot hide the ')'), and at
 * most `maxDepth` open levels (a deeper '(' is text inside the comment).
 */
export function pairComments(
  codes: Uint8Array,
  from: number,
  n: number,
  maxDepth: number,
  out: Int32Array,
): void {
  const lastQuote = lastUnescapedQuote(codes, from, n);
  if (stack.length < n - from) stack = new Int32Array(n - from);
  out.fill(-1, from, n);
  let depth = 0;
  let j = from;
  while (j < n) {
    const d = codes[j] as number;
    if (d === 92) {
      j += 2; // an escaped '(' opens nothing: its entry stays -1
      continue;
    }
    if (d === 40) {
      if (depth < maxDepth) stack[depth++] = j;
    } else if (d === 41) {
      if (depth > 0) out[stack[--depth] as number] = j + 1;
    } else if (
      d === 34 &&
      depth > 0 &&
      opensLocalPart(codes, j) &&
      j < lastQuote &&
      isEnvelopeComment(codes, (stack[depth - 1] as number) + 1, n)
    ) {
      j = quotedEnd(codes, j, n);
    }
    j++;
  }
}

/** pairComments' stack of open positions: module scratch, reused by every call. */
let stack = new Int32Array(256);

/**
 * `envelope-from <"` or `envelope-from "` at codes[i]: an envelope comment whose address has a
 * quoted local part (Exim writes `<$sender_address>`, Sendmail `$g` bare, cf/m4/proto.m4).
 */
function isEnvelopeComment(codes: Uint8Array, i: number, n: number): boolean {
  const word = 'envelope-from ';
  if (n - i < word.length + 1) return false;
  for (let k = 0; k < word.length; k++) {
    const c = codes[i + k] as number;
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(k)) return false;
  }
  const next = codes[i + word.length];
  return next === 34 || (next === 60 && codes[i + word.length + 1] === 34);
}

/** The '"' at j opens the local part of an envelope comment's address: after '<' or the space. */
function opensLocalPart(codes: Uint8Array, j: number): boolean {
  const before = codes[j - 1];
  return before === 60 || before === 32;
}

/** Position of the last '"' in [from, n) not escaped by a backslash, or -1. */
function lastUnescapedQuote(codes: Uint8Array, from: number, n: number): number {
  let last = -1;
  for (let j = from; j < n; j++) {
    const d = codes[j] as number;
    if (d === 92) j++;
    else if (d === 34) last = j;
  }
  return last;
}
