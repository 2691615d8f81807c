// Authentication-Results / ARC-Authentication-Results (RFC 8601, ARC RFC 8617) and
// Received-SPF (RFC 7208 §9.1), in a relaxed mode: missing authserv-id (Outlook), several
// method=result pairs without ';' (Microsoft), `action=`/`compauth=`, SES pseudo-results
// (`client-ip=…; envelope-from=…`), x- methods, repeated methods, nested comments. Never throws.

import { commentEnd, isSpace, pairComments, quotedEnd } from './cfws.ts';
import { charCodes } from './char-codes.ts';
import type { AuthResult } from './message-facts.ts';

const MAX_RESULTS = 64;
const MAX_VALUE_CHARS = 512;
/** Comments nest without limit here (the value is capped at 16 KiB). */
const MAX_DEPTH = Number.POSITIVE_INFINITY;

interface Piece {
  /** 0 text, 1 comment, 2 ';' */
  k: 0 | 1 | 2;
  s: string;
}

/** Characters that end a run of ordinary text: '(', '"', ';', space, tab, LF and CR. */
const ENDS_RUN = new Uint8Array(256);
for (const c of [40, 34, 59, 32, 9, 10, 13]) ENDS_RUN[c] = 1;

/** The lexer's state over one value: the pieces so far and the text run being built. */
interface CfwsScan {
  v: string;
  codes: Uint8Array;
  n: number;
  out: Piece[];
  buf: string;
  /** Comments met inside a `key (c) = (c) value` pair, emitted after its text. */
  pending: string[];
  /** Ends of comments once one '(' is unclosed (pairComments), for positions >= pairsFrom. */
  pairs: Int32Array | null;
  pairsFrom: number;
  /** False once a quote was unclosed: later ones are text too (keeps the scan linear). */
  quotesClose: boolean;
}

function flushBuf(st: CfwsScan): void {
  if (st.buf.length > 0) {
    st.out.push({ k: 0, s: st.buf });
    st.buf = '';
  }
  // Pending comments are rare; emptying an array by `length = 0` is a slow store, so only then.
  if (st.pending.length > 0) {
    for (const c of st.pending) st.out.push({ k: 1, s: c });
    st.pending = [];
  }
}

/** End of the comment opening at i, or -1 when nothing closes it (then the '(' is text). */
function commentAt(st: CfwsScan, i: number): number {
  if (st.pairs !== null && i >= st.pairsFrom) return st.pairs[i] as number;
  const end = commentEnd(st.codes, i, st.n, MAX_DEPTH);
  if (end !== -1 || st.pairs !== null) return end;
  st.pairs = new Int32Array(st.n);
  pairComments(st.codes, i, st.n, MAX_DEPTH, st.pairs);
  st.pairsFrom = i;
  return st.pairs[i] as number;
}

function isWsp(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** '=', '/' and '.' join a pair across CFWS: `dkim (c) / 1 = (c) fail`, `policy . expired`. */
function isJoiner(c: number): boolean {
  return c === 61 || c === 47 || c === 46;
}

/** The first character at or after j that is not white space or inside a closed comment. */
function nextSignificant(st: CfwsScan, j: number): number {
  let k = j;
  while (k < st.n) {
    const c = st.codes[k] as number;
    if (isWsp(c)) k++;
    else if (c === 40) {
      const end = commentAt(st, k);
      if (end <= k) return c; // unclosed: text (a closed comment always ends past its '(')
      k = end;
    } else return c;
  }
  return -1;
}

/** CFWS inside a pair (RFC 8601 §2.2: around '=', '/', '.') does not end its text run. */
function insidePair(st: CfwsScan, next: number): boolean {
  if (st.buf.length === 0) return false;
  return isJoiner(st.buf.charCodeAt(st.buf.length - 1)) || isJoiner(nextSignificant(st, next));
}

/** A quoted string at i: its content joins the run; unclosed, the quote is text (returns -1). */
function quotedAt(st: CfwsScan, i: number): number {
  if (!st.quotesClose) return -1;
  const j = quotedEnd(st.codes, i, st.n);
  if (j === st.n) {
    st.quotesClose = false;
    return -1;
  }
  const q = st.v.slice(i + 1, j);
  st.buf += q.includes('\\') ? q.replace(/\\(.)/g, '$1') : q;
  return j + 1;
}

/** A run of ordinary characters from i (unclosed '(' and '"' as text), appended as one slice. */
function runAt(st: CfwsScan, i: number): number {
  let j = i + 1;
  while (j < st.n) {
    const d = st.codes[j] as number;
    if (ENDS_RUN[d] === 1) {
      const text =
        (d === 40 && st.pairs !== null && j >= st.pairsFrom && st.pairs[j] === -1) ||
        (d === 34 && !st.quotesClose);
      if (!text) break;
    }
    j++;
  }
  st.buf += st.v.slice(i, j);
  return j;
}

/**
 * Splits into text runs, comments and ';' at depth 0. CFWS around '=', '/' and '.' keeps a
 * `method/version=result` or `ptype.property=value` pair together (RFC 8601 §2.2, Appendix B's
 * comment-heavy example); its comments follow the pair's text.
 */
function lexCfws(v: string): Piece[] {
  const n = Math.min(v.length, 16 * 1024);
  const st: CfwsScan = {
    v,
    codes: charCodes(v),
    n,
    out: [],
    buf: '',
    pending: [],
    pairs: null,
    pairsFrom: n,
    quotesClose: true,
  };
  let i = 0;
  while (i < n && st.out.length < 2048) {
    const c = st.codes[i] as number;
    if (c === 40) {
      const end = commentAt(st, i);
      if (end > i) {
        const text = v.slice(i + 1, end - 1).trim();
        if (insidePair(st, end)) st.pending.push(text);
        else {
          flushBuf(st);
          st.out.push({ k: 1, s: text });
        }
        i = end;
        continue;
      }
      // An unclosed '(' is text: in `smtp.helo=x(version=TLS1_3; dmarc=fail` the HELO is the
      // sender's, and a comment running to the end would hide every result after it.
    } else if (c === 34) {
      const next = quotedAt(st, i);
      if (next !== -1) {
        i = next;
        continue;
      }
    } else if (c === 59) {
      flushBuf(st);
      st.out.push({ k: 2, s: ';' });
      i++;
      continue;
    } else if (isWsp(c)) {
      let j = i + 1;
      while (j < n && isWsp(st.codes[j] as number)) j++;
      if (!insidePair(st, j)) flushBuf(st);
      i = j;
      continue;
    }
    i = runAt(st, i);
  }
  flushBuf(st);
  return st.out;
}

/** Index of the first ';' piece at or after `from`, or the piece count. */
function segmentEnd(pieces: Piece[], from: number): number {
  let j = from;
  while (j < pieces.length && (pieces[j] as Piece).k !== 2) j++;
  return j;
}

/** The first text piece in [start, end), as `segment.find((p) => p.k === 0)?.s`. */
function firstText(pieces: Piece[], start: number, end: number): string | undefined {
  for (let i = start; i < end; i++) if ((pieces[i] as Piece).k === 0) return (pieces[i] as Piece).s;
  return undefined;
}

export interface ParsedAuthResults {
  authservId: string | null;
  /** ARC instance (ARC-Authentication-Results `i=`). */
  instance: number | null;
  results: AuthResult[];
  /** `none` as the only resinfo. */
  none: boolean;
}

const METHOD_KEY = /^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?(?:\/\d+)?$/;

const NON_METHOD_KEYS = new Set(['reason', 'action']);
const ATTACH_KEYS = new Set([
  'client-ip',
  'envelope-from',
  'helo',
  'receiver',
  'identity',
  'mechanism',
  'problem',
  'spfdomain',
  'dkdomain',
  'fromdomain',
]);

function lowerSafe(s: string): string {
  return s.length > MAX_VALUE_CHARS ? s.slice(0, MAX_VALUE_CHARS).toLowerCase() : s.toLowerCase();
}

function cap(s: string): string {
  return s.length > MAX_VALUE_CHARS ? s.slice(0, MAX_VALUE_CHARS) : s;
}

export function parseAuthResults(
  value: string,
  source: 'authentication-results' | 'arc-authentication-results',
  headerIndex: number,
): ParsedAuthResults {
  const parsed: ParsedAuthResults = { authservId: null, instance: null, results: [], none: false };
  try {
    const pieces = lexCfws(value);
    let at = 0; // the first piece of the segment being read (segments are split by ';')
    if (source === 'arc-authentication-results') at = readInstance(pieces, parsed);
    at = readAuthservId(pieces, at, parsed);
    const context = { source, headerIndex };
    while (at <= pieces.length) {
      const end = segmentEnd(pieces, at);
      readResinfo(pieces, at, end, parsed, context);
      at = end + 1;
    }
  } catch {
    // malformed: whatever was read so far
  }
  return parsed;
}

/** ARC-Authentication-Results starts with "i=N;" (RFC 8617 §4.1.1); returns the next segment. */
function readInstance(pieces: Piece[], parsed: ParsedAuthResults): number {
  const end = segmentEnd(pieces, 0);
  const first = firstText(pieces, 0, end);
  const m = first !== undefined ? /^i=(\d{1,3})$/i.exec(first) : null;
  if (!m) return 0;
  parsed.instance = Number(m[1]);
  return end + 1;
}

/** The authserv-id: the first segment, unless it already looks like a resinfo (Outlook). */
function readAuthservId(pieces: Piece[], at: number, parsed: ParsedAuthResults): number {
  if (at > pieces.length) return at;
  const end = segmentEnd(pieces, at);
  const idText = firstText(pieces, at, end) ?? '';
  if (idText.length === 0 || idText.includes('=')) return at;
  parsed.authservId = lowerSafe(idText);
  return end + 1;
}

interface ResultContext {
  source: 'authentication-results' | 'arc-authentication-results';
  headerIndex: number;
}

/** One resinfo segment, pieces [start, end): `method=result`, reason, properties, comments. */
function readResinfo(
  pieces: Piece[],
  start: number,
  end: number,
  parsed: ParsedAuthResults,
  context: ResultContext,
): void {
  let current: AuthResult | null = null;
  for (let i = start; i < end; i++) {
    const p = pieces[i] as Piece;
    if (p.k === 1) {
      if (current !== null) {
        current.comment = current.comment === null ? cap(p.s) : cap(`${current.comment}; ${p.s}`);
      }
      continue;
    }
    const text = p.s;
    // (only a four-character text can lower-case to "none")
    if (text.length === 4 && text.toLowerCase() === 'none' && current === null) {
      parsed.none = true;
      continue;
    }
    const eq = text.indexOf('=');
    if (eq <= 0) continue;
    const key = text.slice(0, eq).toLowerCase();
    const val = text.slice(eq + 1);
    if (attachPair(key, val, current, parsed)) continue;
    // A method is an RFC 8601 §2.2 Keyword (letters, digits, '-'; '_' tolerated) with an
    // optional `/version`: `x(version` is text the sender chose, never a method.
    if (!METHOD_KEY.test(key)) continue;
    if (parsed.results.length >= MAX_RESULTS) return;
    current = {
      method: cap(key.includes('/') ? key.replace(/\/\d+$/, '') : key),
      result: lowerSafe(val),
      reason: null,
      properties: {},
      comment: null,
      authservId: parsed.authservId,
      source: context.source,
      arcInstance: parsed.instance,
      headerIndex: context.headerIndex,
    };
    parsed.results.push(current);
  }
}

/** A property, reason or SES-style attachment: stored on the result it belongs to; true if so. */
function attachPair(
  key: string,
  val: string,
  current: AuthResult | null,
  parsed: ParsedAuthResults,
): boolean {
  if (key.includes('.')) {
    if (current !== null) current.properties[key] = cap(val);
    return true;
  }
  if (NON_METHOD_KEYS.has(key)) {
    if (current !== null) {
      if (key === 'reason') current.reason = cap(val);
      else current.properties[key] = cap(val);
    }
    return true;
  }
  if (ATTACH_KEYS.has(key)) {
    const target = current ?? parsed.results[parsed.results.length - 1] ?? null;
    if (target !== null) target.properties[key] = cap(val);
    return true;
  }
  return false;
}

/**
 * Received-SPF: `result (comment) key=value; key=value …`. The receiver is `receiver=` or the
 * domain before ':' at the start of the comment ("(google.com: domain of …)").
 */
export function parseReceivedSpf(
  value: string,
  headerIndex: number,
): { result: AuthResult; receiver: string | null } | null {
  try {
    const pieces = lexCfws(value);
    const firstText = pieces.find((p) => p.k === 0);
    if (firstText === undefined) return null;
    const result = lowerSafe(firstText.s.replace(/[;,]$/, ''));
    if (!/^[a-z]+$/.test(result)) return null;
    const properties: Record<string, string> = {};
    let comment: string | null = null;
    for (const p of pieces) {
      if (p.k === 1 && comment === null) comment = cap(p.s);
      if (p.k === 0 && p !== firstText) {
        const eq = p.s.indexOf('=');
        if (eq > 0) properties[p.s.slice(0, eq).toLowerCase()] = cap(p.s.slice(eq + 1));
      }
    }
    let receiver = properties.receiver ?? null;
    if (receiver === null && comment !== null) {
      const m = /^([A-Za-z0-9.-]+\.[A-Za-z]{2,}):/.exec(comment);
      if (m) receiver = (m[1] as string).toLowerCase();
    }
    return {
      result: {
        method: 'spf',
        result,
        reason: null,
        properties,
        comment,
        authservId: receiver,
        source: 'received-spf',
        arcInstance: null,
        headerIndex,
      },
      receiver,
    };
  } catch {
    return null;
  }
}

/**
 * DKIM-Signature / ARC-Seal / ARC-Message-Signature tag list (RFC 6376 §3.2): `;`-separated
 * `name=value` pairs, trimmed, first of each name kept. One pass by positions, no `split`.
 */
export function parseTagList(value: string): Map<string, string> {
  const tags = new Map<string, string>();
  const v = value.length > 16 * 1024 ? value.slice(0, 16 * 1024) : value;
  const n = v.length;
  let eqAt = -1; // the next '=' at or after `start`, or n (kept so the scan stays linear)
  for (let start = 0; start <= n; ) {
    let semi = v.indexOf(';', start);
    if (semi === -1) semi = n;
    if (eqAt < start) {
      eqAt = v.indexOf('=', start);
      if (eqAt === -1) eqAt = n;
    }
    if (eqAt > start && eqAt < semi) {
      let a = start;
      let b = eqAt;
      while (a < b && isSpace(v.charCodeAt(a))) a++;
      while (b > a && isSpace(v.charCodeAt(b - 1))) b--;
      const name = v.slice(a, b).toLowerCase();
      if (name.length > 0 && name.length <= 32 && !tags.has(name)) {
        a = eqAt + 1;
        b = semi;
        while (a < b && isSpace(v.charCodeAt(a))) a++;
        while (b > a && isSpace(v.charCodeAt(b - 1))) b--;
        tags.set(name, v.slice(a, b));
        if (tags.size >= 64) break;
      }
    }
    start = semi + 1;
  }
  return tags;
}
