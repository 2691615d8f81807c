// Lexer for Received values: words, top-level comments and `;` separators, as positions in the
// value. No per-token objects or substrings: the parser slices only the few words it keeps.
// The token buffers are module scratch, reused by every call (parsing is synchronous and not
// re-entrant), so a Received line costs no allocation until its fields are read.

import { commentEnd, pairComments, quotedEnd } from './cfws.ts';

export const MAX_TOKENS = 256;
const MAX_DEPTH = 64;

export const WORD = 0;
export const COMMENT = 1;
export const SEMI = 2;

/** Token kinds (WORD, COMMENT, SEMI). */
export const kindOf = new Uint8Array(MAX_TOKENS);
/** Start of the token's text: a comment's inner text, a quoted string's content. */
export const startOf = new Int32Array(MAX_TOKENS);
/** End (exclusive) of the token's text. */
export const endOf = new Int32Array(MAX_TOKENS);

/** Characters that end a plain word: space, tab, CR, LF, '(', ')' and ';'; and '"', which is checked. */
const ENDS_WORD = new Uint8Array(256);
for (const c of [32, 9, 10, 13, 40, 41, 59, 34]) ENDS_WORD[c] = 1;

/** Ends of comments once one '(' in the value is unclosed (pairComments), indexed by position. */
let pairs = new Int32Array(4096);

let unbalanced = false;

/** The value being lexed and what lex() learnt of it: module state, as the token buffers are. */
let lexCodes: Uint8Array = new Uint8Array(0);
let lexN = 0;
/** pairs[] is filled for positions >= pairsFrom. */
let pairsFrom = 0;
/** False once a quote was unclosed: later ones count as unclosed too (linear). */
let quotesClose = true;

/** The '"' closing the one at j, or n. */
function quoteAt(j: number): number {
  if (!quotesClose) return lexN;
  const q = quotedEnd(lexCodes, j, lexN);
  if (q === lexN) quotesClose = false;
  return q;
}

/** End of the comment opening at j, or -1 when nothing closes it. */
function commentAt(j: number): number {
  if (j >= pairsFrom) return pairs[j] as number;
  const end = commentEnd(lexCodes, j, lexN, MAX_DEPTH);
  if (end !== -1) return end;
  if (pairs.length < lexN) pairs = new Int32Array(Math.max(lexN, 2 * pairs.length));
  pairComments(lexCodes, j, lexN, MAX_DEPTH, pairs);
  pairsFrom = j;
  return pairs[j] as number;
}

/** A stray ')' or an unclosed '(' was seen by the last lex(). */
export function lexUnbalanced(): boolean {
  return unbalanced;
}

function push(count: number, kind: number, start: number, end: number): number {
  kindOf[count] = kind;
  startOf[count] = start;
  endOf[count] = end;
  return count + 1;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The '<' at i opens a word of its own: at the start of the value or after white space. */
function startsAngleWord(codes: Uint8Array, i: number): boolean {
  return i === 0 || isBlank(codes[i - 1] as number);
}

/**
 * End of a word starting at i: up to white space, '(', ')' or ';'; a closed quoted string inside
 * it is part of it. `quoteAt` gives the '"' closing the one at a position, or n.
 */
function wordEnd(codes: Uint8Array, i: number, n: number): number {
  let j = i + 1;
  while (j < n) {
    const d = codes[j] as number;
    if (ENDS_WORD[d] !== 1) {
      j++;
      continue;
    }
    if (d !== 34) break;
    // A quoted local part (`for <"a (b) c"@d>`, Postfix quote_822_local) is one word; an
    // unclosed quote, or one inside a word (`helo="x`, `helo=<"x`, `helo=(x)<"`), is an ordinary
    // character, so sender text cannot pair it with a later quote and swallow the MTA's clauses.
    const q = j === i + 1 && codes[i] === 60 && startsAngleWord(codes, i) ? quoteAt(j) : n;
    j = q < n ? q + 1 : j + 1;
  }
  return j;
}

/**
 * End of an address literal word starting at '[': to its ']' and on up to white space, '(' or
 * ';'. A '[' whose ']' is not in the same run of non-blank characters is an ordinary word.
 */
function literalEnd(codes: Uint8Array, i: number, n: number): number {
  let j = i + 1;
  while (j < n && codes[j] !== 93 && !isBlank(codes[j] as number)) j++;
  if (j >= n || codes[j] !== 93) return wordEnd(codes, i, n);
  j++;
  while (j < n) {
    const d = codes[j] as number;
    if (isBlank(d) || d === 40 || d === 59) break;
    j++;
  }
  return j;
}

/**
 * End of a raw word: up to white space, reading through a glued comment only when it is flat
 * (its ')' comes before any '(' or '"'): smap's `host(ip, HELO x)`, ecelerity's
 * `([ip]:port helo=x)`. A HELO's own '(' is never flat where the MTA's comment follows it
 * (`x( (rdns [ip])`), so it cannot swallow the MTA's record.
 */
function rawEnd(codes: Uint8Array, i: number, n: number): number {
  let j = i;
  while (j < n) {
    const d = codes[j] as number;
    if (isBlank(d)) break;
    if (d === 40) {
      let k = j + 1;
      while (k < n && codes[k] !== 40 && codes[k] !== 41 && codes[k] !== 34) k++;
      if (k < n && codes[k] === 41) {
        j = k + 1;
        continue;
      }
    }
    j++;
  }
  return j;
}

/**
 * Lexes `v` (`codes` is charCodes(v)) into the token buffers; returns the number of tokens.
 *
 * The word after `from` is read raw, up to white space, with the comments glued to it: it is
 * the client's name as the receiving MTA wrote it, which for Postfix, Sendmail, Gmail and Exchange
 * is the HELO argument, chosen by the sender (an RFC 5321 §4.1.1.1 EHLO argument is one token).
 * Read raw, a HELO such as `x(version=TLS1_3` or `(TLSv1.3:TLS_AES_256_GCM_SHA384:256)` stays
 * part of the name and never becomes a comment of the line; received-from.ts decides whether a
 * glued comment is an address record (smap `host(ip)`, ecelerity `from ([ip]:port)`). An
 * unclosed '(' is text (see pairComments), an unclosed quote too.
 */
export function lex(v: string, codes: Uint8Array): number {
  const n = v.length;
  let count = 0;
  let i = 0;
  let rawNext = false;
  unbalanced = false;
  lexCodes = codes;
  lexN = n;
  pairsFrom = n;
  quotesClose = true;
  while (i < n && count < MAX_TOKENS) {
    const c = codes[i] as number;
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (rawNext) {
      rawNext = false;
      const j = rawEnd(codes, i, n);
      count = push(count, WORD, i, j);
      i = j;
      continue;
    }
    if (c === 59) {
      count = push(count, SEMI, i, i + 1);
      i++;
      continue;
    }
    if (c === 41) {
      // stray ')'
      unbalanced = true;
      i++;
      continue;
    }
    if (c === 40) {
      const end = commentAt(i);
      if (end > i) {
        // (always past the '(' when it closes; the check keeps the lexer moving forward)
        count = push(count, COMMENT, i + 1, end - 1);
        i = end;
        continue;
      }
      unbalanced = true; // an unclosed '(' is read as the first character of a word
    } else if (c === 34 && (i === 0 || isBlank(codes[i - 1] as number))) {
      // A quoted string after white space is one word (its content): Exim's `for "a b"@x`.
      // Unclosed, or glued to what precedes it (`helo=;"`), the quote is an ordinary character.
      const j = quoteAt(i);
      if (j < n) {
        count = push(count, WORD, i + 1, j);
        i = j + 1;
        continue;
      }
    }
    const j = c === 91 ? literalEnd(codes, i, n) : wordEnd(codes, i, n);
    count = push(count, WORD, i, j);
    if (j - i === 4 && matches(codes, i, j, 'from')) rawNext = true;
    i = j;
  }
  return count;
}

export function tokenText(v: string, k: number): string {
  return v.slice(startOf[k] as number, endOf[k] as number);
}

/** Clause keywords, as indexes into per-clause tables. */
export const FROM = 0;
export const BY = 1;
export const VIA = 2;
export const WITH = 3;
export const ID = 4;
export const FOR = 5;
export const TLS = 6;
export const ENVELOPE_FROM = 7;
export const CLAUSES = 8;

/** ASCII case-insensitive match of codes[s, e) against a lower-case keyword. */
function matches(codes: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    const a = codes[s + k] as number;
    const b = word.charCodeAt(k);
    if (a !== b && !(b >= 97 && b <= 122 && a === b - 32)) return false;
  }
  return true;
}

/**
 * The clause keyword a word token spells (any case), or -1; `codes` is the lexed value's
 * charCodes. `tls` is returned as a candidate: the caller checks that a cipher name follows.
 */
export function keywordOf(codes: Uint8Array, k: number): number {
  const s = startOf[k] as number;
  const e = endOf[k] as number;
  switch (e - s) {
    case 2:
      return matches(codes, s, e, 'by') ? BY : matches(codes, s, e, 'id') ? ID : -1;
    case 3:
      if (matches(codes, s, e, 'via')) return VIA;
      if (matches(codes, s, e, 'for')) return FOR;
      return matches(codes, s, e, 'tls') ? TLS : -1;
    case 4:
      return matches(codes, s, e, 'from') ? FROM : matches(codes, s, e, 'with') ? WITH : -1;
    case 13:
      return matches(codes, s, e, 'envelope-from') ? ENVELOPE_FROM : -1;
    default:
      return -1;
  }
}

/** Where joinWords' last result sits in the value when it was one slice; start is -1 if not. */
export const joinedSpan = { start: -1, end: -1 };

/**
 * The word tokens in [from, to) joined by one space, as the parser reads a clause or a date.
 * When the words sit in the value separated by single spaces this is one slice.
 */
export function joinWords(v: string, from: number, to: number): string | null {
  joinedSpan.start = -1;
  let first = -1;
  let last = -1;
  let contiguous = true;
  for (let k = from; k < to; k++) {
    if (kindOf[k] !== WORD) continue;
    if (first === -1) first = k;
    else if (
      contiguous &&
      !(startOf[k] === (endOf[last] as number) + 1 && v.charCodeAt(endOf[last] as number) === 32)
    ) {
      contiguous = false;
    }
    last = k;
  }
  if (first === -1) return null;
  if (contiguous) {
    joinedSpan.start = startOf[first] as number;
    joinedSpan.end = endOf[last] as number;
    return v.slice(joinedSpan.start, joinedSpan.end);
  }
  const parts: string[] = [];
  for (let k = first; k <= last; k++) if (kindOf[k] === WORD) parts.push(tokenText(v, k));
  return parts.join(' ');
}
