// Received header parser (RFC 5321 §4.4, RFC 5322 §3.6.7, RFC 8314 `tls` clause). Never throws.
// Phases, each a function with its own input and output:
//   lexValue      the value → word, comment and ';' tokens (received-lex.ts)
//   findDate      the date after the last top-level ';' (or a trailing date without one)
//   groupClauses  tokens → from/by/via/with/id/for/tls/envelope-from clauses and comments
//   readSender    the client as the MTA recorded it (received-from.ts)
//   readFields    by, with (protocol), via, id, for
//   findTls       TLS evidence, only where the recording MTA writes it (received-tls.ts)
//   judgeHop      encrypted true/false/null with the evidence it rests on

import { classifyTls, normalizeCipherName } from '../tls/index.ts';
import { isSpace } from './cfws.ts';
import { charCodes, isSpaceCode } from './char-codes.ts';
import { parseMailDate, parseMailDateIn } from './date.ts';
import type { EncryptionEvidenceKind, HopTls } from './message-facts.ts';
import {
  cleanHost,
  type FromInfo,
  readFrom,
  readLeadingFrom,
  stripAngle,
} from './received-from.ts';
import {
  BY,
  COMMENT,
  ENVELOPE_FROM,
  endOf,
  FOR,
  FROM,
  ID,
  joinedSpan,
  joinWords,
  keywordOf,
  kindOf,
  lex,
  lexUnbalanced,
  SEMI,
  startOf,
  TLS,
  tokenText,
  VIA,
  WITH,
  WORD,
} from './received-lex.ts';
import {
  AUTH_COMMENT,
  isKnownNetworkProtocol,
  normalizeProtocol,
  protocolAuthenticated,
  protocolHasTlsSuffix,
  protocolIsLocal,
  REGISTERED,
} from './received-protocol.ts';
import { clip, fromComment, merge, type TlsFinding } from './received-tls.ts';

export { normalizeProtocol } from './received-protocol.ts';

export const MAX_RECEIVED_CHARS = 4096;

export interface ParsedReceived {
  /** First word after `from` as written (brackets removed from an address literal). */
  fromName: string | null;
  /** Reverse-DNS name recorded by the receiver, from the comment after the from-name. */
  fromRdns: string | null;
  /** HELO/EHLO name: explicit (`helo=`, `HELO x`) or the from-name when the comment gives the rDNS. */
  helo: string | null;
  ip: string | null;
  /** `(may be forged)`, `unknown`, `RDNS failed`: the receiver could not confirm the name. */
  rdnsUnverified: boolean;
  byName: string | null;
  via: string | null;
  /** The `with` clause words as written. */
  withRaw: string | null;
  /** Normalised protocol keyword (see normalizeProtocol). */
  protocol: string | null;
  authenticated: boolean;
  id: string | null;
  for: string | null;
  dateText: string | null;
  dateMs: number | null;
  tls: HopTls | null;
  encrypted: boolean | null;
  evidenceKind: EncryptionEvidenceKind;
  evidence: string;
  warnings: string[];
}

/** The value and its tokens (the token arrays are the lexer's module buffers, see received-lex.ts). */
interface Lexed {
  v: string;
  /** charCodes(v); refilled by findDate when it had to parse a date on its own. */
  codes: Uint8Array;
  count: number;
}

interface DateFinding {
  text: string | null;
  /** undefined: not read yet (parseMailDate(text) decides). */
  ms: number | null | undefined;
  /** Clauses are read from tokens before this one. */
  clausesEnd: number;
}

/** Clause ranges and the comments of a line, by token index. */
interface Clauses {
  /** Token range [start, end) of each clause after its keyword; -1 when the line has none. */
  start: number[];
  end: number[];
  count: number;
  /** Comment tokens before the first keyword. */
  leading: number[];
  /** Every other comment token outside ignored repeats, with its clause. */
  comments: number[];
  commentClause: number[];
}

interface Fields {
  byName: string | null;
  withRaw: string | null;
  via: string | null;
  protocol: string | null;
  id: string | null;
  for: string | null;
}

interface Verdict {
  encrypted: boolean | null;
  evidenceKind: EncryptionEvidenceKind;
  evidence: string;
  tls: HopTls | null;
}

/**
 * Every TLS comment form (TLS_HINT in received-tls.ts) and every AUTH_COMMENT match contains one
 * of these words: a comment without them (most rDNS/address comments) needs neither pattern.
 */
const COMMENT_HINT = /tls|ssl|cipher|using|transport|client|secured|encrypted|auth|account/i;

const CIPHERISH = /^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+){2,}$/;
const WEEKDAY = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?$/i;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Exim's and qmail-ldap's envelope comments: the address in them is the sender's. */
const ENVELOPE_COMMENT = /^\s*envelope-(?:from|sender)\b/i;
/** Postfix `(Authenticated sender: %s)` (postfix/src/smtpd/smtpd.c). */
const SASL_SENDER = /^\s*Authenticated sender:/i;
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

export function parseReceived(value: string): ParsedReceived {
  const warnings: string[] = [];
  const v = value.length > MAX_RECEIVED_CHARS ? value.slice(0, MAX_RECEIVED_CHARS) : value;
  if (v.length < value.length) warnings.push('received-truncated');
  const x = lexValue(v);
  if (lexUnbalanced()) warnings.push('unbalanced-parentheses');
  const date = findDate(x);
  const clauses = groupClauses(x, date.clausesEnd);
  const from = readSender(x, clauses);
  const fields = readFields(x, clauses);
  const notes = mtaComments(x, clauses, from);
  const tls = findTls(x, clauses, notes, fields);
  const verdict = judgeHop(tls, clauses, from, fields, date.text !== null, x);
  const dateMs =
    date.text === null ? null : date.ms !== undefined ? date.ms : parseMailDate(date.text);
  if (date.text !== null && dateMs === null) warnings.push('unreadable-date');
  if (date.text === null) warnings.push('no-date');
  return {
    fromName: from?.fromName ?? null,
    fromRdns: from?.rdns ?? null,
    helo: from?.helo ?? null,
    ip: from?.ip ?? null,
    rdnsUnverified: from?.unverified ?? false,
    byName: fields.byName,
    via: fields.via,
    withRaw: fields.withRaw,
    protocol: fields.protocol,
    authenticated: isAuthenticated(notes, from, fields.protocol),
    id: fields.id,
    for: fields.for,
    dateText: date.text,
    dateMs,
    tls: verdict.tls,
    encrypted: verdict.encrypted,
    evidenceKind: verdict.evidenceKind,
    evidence: verdict.evidence,
    warnings,
  };
}

function lexValue(v: string): Lexed {
  const codes = charCodes(v);
  return { v, codes, count: lex(v, codes) };
}

/** The date follows the last top-level ';'; without one (SendGrid), a trailing weekday/ISO date. */
function findDate(x: Lexed): DateFinding {
  const { v, count } = x;
  for (let k = count - 1; k >= 0; k--) {
    if (kindOf[k] !== SEMI) continue;
    const text = joinWords(v, k + 1, count);
    // Read in place when the date is one stretch of the value (the usual case).
    const ms =
      text !== null && joinedSpan.start !== -1
        ? parseMailDateIn(v, x.codes, joinedSpan.start, joinedSpan.end)
        : undefined;
    return { text, ms, clausesEnd: k };
  }
  for (let k = 0; k < count; k++) {
    const len = (endOf[k] as number) - (startOf[k] as number);
    if (kindOf[k] !== WORD || (len !== 3 && len !== 4 && len !== 10)) continue;
    const word = tokenText(v, k);
    if (!WEEKDAY.test(word) && !ISO_DAY.test(word)) continue;
    const candidate = joinWords(v, k, count) as string;
    let ms: number | null;
    if (joinedSpan.start !== -1) ms = parseMailDateIn(v, x.codes, joinedSpan.start, joinedSpan.end);
    else {
      ms = parseMailDate(candidate);
      x.codes = charCodes(v); // parseMailDate filled the scratch with the candidate
    }
    if (ms !== null) return { text: candidate, ms, clausesEnd: k };
  }
  return { text: null, ms: null, clausesEnd: count };
}

function isBlankCode(c: number | undefined): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * The keyword token k spells in its position, or -1. The word after from/for is a value, and a
 * keyword stands on its own: white space (or the start) before it, white space, ';' or the end
 * after it, as every MTA writes its clauses (RFC 5321 §4.4 FWS between them). A HELO or ident
 * that breaks out of Exim's comment (`helo=)id(version=TLS1_3)`) cannot open a clause.
 */
function clauseKeyword(x: Lexed, k: number, afterValueKeyword: boolean): number {
  if (afterValueKeyword) return -1;
  const s = startOf[k] as number;
  const e = endOf[k] as number;
  if (s > 0 && !isBlankCode(x.codes[s - 1])) return -1;
  if (e < x.v.length && !isBlankCode(x.codes[e]) && x.codes[e] !== 59) return -1;
  const keyword = keywordOf(x.codes, k);
  if (keyword !== TLS) return keyword;
  const next = k + 1 < x.count && kindOf[k + 1] === WORD ? tokenText(x.v, k + 1) : '';
  return CIPHERISH.test(next) ? TLS : -1;
}

/**
 * Each keyword opens one clause; a repeated keyword (XMail's second "from <envelope>") opens a
 * clause whose words and comments are ignored. The word right after `from`, `for` and
 * `envelope-from` is their value, never a keyword (a HELO of `by` stays a name).
 */
function groupClauses(x: Lexed, clausesEnd: number): Clauses {
  const c: Clauses = {
    start: [-1, -1, -1, -1, -1, -1, -1, -1],
    end: [-1, -1, -1, -1, -1, -1, -1, -1],
    count: 0,
    leading: [],
    comments: [],
    commentClause: [],
  };
  let current = -2; // -2 before any keyword, -1 an ignored repeat, else the clause
  let valueNext = false;
  for (let k = 0; k < clausesEnd; k++) {
    const kind = kindOf[k];
    if (kind === SEMI) continue; // ';' that is not the last one ("with;ESMTP")
    if (kind === COMMENT) {
      if (current === -2) c.leading.push(k);
      else if (current !== -1) {
        c.comments.push(k);
        c.commentClause.push(current);
      }
      continue;
    }
    const keyword = clauseKeyword(x, k, valueNext);
    valueNext = false;
    if (keyword === -1) continue;
    if (current >= 0) c.end[current] = k;
    if (c.start[keyword] !== -1) {
      current = -1;
      continue;
    }
    current = keyword;
    c.start[keyword] = k + 1;
    c.count++;
    valueNext = keyword === FROM || keyword === FOR || keyword === ENVELOPE_FROM;
  }
  if (current >= 0) c.end[current] = clausesEnd;
  return c;
}

/** The from-clause, or Sendmail's leading `(from …)` comment; null when no client is recorded. */
function readSender(x: Lexed, c: Clauses): FromInfo | null {
  if (c.start[FROM] !== -1) return readFrom(x.v, c.start[FROM] as number, c.end[FROM] as number);
  const first = c.leading[0];
  if (first === undefined) return null;
  const leading = readLeadingFrom(x.v, first);
  if (leading !== null) c.count++;
  return leading;
}

function firstWord(x: Lexed, c: Clauses, clause: number): string | undefined {
  const end = c.end[clause] as number;
  for (let k = c.start[clause] as number; k >= 0 && k < end; k++) {
    if (kindOf[k] === WORD) return tokenText(x.v, k);
  }
  return undefined;
}

function readFields(x: Lexed, c: Clauses): Fields {
  const withRaw =
    c.start[WITH] === -1 ? null : joinWords(x.v, c.start[WITH] as number, c.end[WITH] as number);
  const via = firstWord(x, c, VIA) ?? null;
  let protocol = normalizeProtocol(withRaw);
  if (protocol === null && via !== null && REGISTERED.test(via.toUpperCase())) {
    protocol = via.toUpperCase();
  }
  const idWord = firstWord(x, c, ID);
  const forWord = firstWord(x, c, FOR);
  return {
    byName: cleanHost(firstWord(x, c, BY)),
    withRaw,
    via,
    protocol,
    id: idWord === undefined ? null : stripAngle(idWord).slice(0, 200) || null,
    for: forWord === undefined ? null : stripAngle(forWord).slice(0, 320) || null,
  };
}

/**
 * The comments in which the recording MTA writes TLS (and authentication) notes: after the
 * from-clause's peer comment when that comment is the MTA's alone (Postfix), and in the later
 * clauses (by, with, id, for: Exim, Sendmail, Gmail, Microsoft, OpenSMTPD, Haraka). Never the
 * leading comments, the peer comment or what precedes it, a HELO comment, or an envelope comment.
 */
function mtaComments(x: Lexed, c: Clauses, from: FromInfo | null): string[] {
  const out: string[] = [];
  for (let i = 0; i < c.comments.length; i++) {
    const k = c.comments[i] as number;
    if (c.commentClause[i] === FROM) {
      if (from === null || !from.peerClean || k <= from.peerToken) continue;
    }
    const text = tokenText(x.v, k);
    if (!COMMENT_HINT.test(text) || ENVELOPE_COMMENT.test(text)) continue;
    out.push(text);
  }
  return out;
}

/** TLS evidence from the MTA's comments, the tls clause and the inline `with` forms. */
function findTls(x: Lexed, c: Clauses, notes: string[], f: Fields): TlsFinding | null {
  let tls: TlsFinding | null = null;
  for (const comment of notes) {
    // Postfix's `(Authenticated sender: LOGIN)` is the client's login, and quoted strings are
    // names it chose (Postfix's Client CN): neither is ever TLS evidence.
    if (SASL_SENDER.test(comment)) continue;
    tls = merge(tls, tlsFromComment(comment));
  }
  const cipher = firstWord(x, c, TLS);
  if (cipher !== undefined) tls = merge(tls, finding('tls-clause', `tls ${cipher}`, cipher));
  if (f.withRaw !== null && hasInlineSeparator(f.withRaw)) tls = merge(tls, inlineTls(f.withRaw));
  if (c.start[BY] !== -1) tls = merge(tls, overTlsChannel(x, c));
  if (tls === null && f.protocol !== null && protocolHasTlsSuffix(f.protocol)) {
    tls = finding('protocol-suffix', `with ${f.withRaw ?? f.protocol}`, null);
  }
  return tls;
}

/** fromComment on the comment with its quoted strings emptied; the evidence quotes it whole. */
function tlsFromComment(comment: string): TlsFinding | null {
  if (!comment.includes('"')) return fromComment(comment);
  const found = fromComment(comment.replace(QUOTED, '""'));
  return found === null ? null : { ...found, text: `(${clip(comment)})` };
}

function finding(kind: EncryptionEvidenceKind, text: string, cipher: string | null): TlsFinding {
  return { kind, text, version: null, cipherRaw: cipher, bits: null };
}

/** `/[\s/-]/.test(s)`, by char codes. */
function hasInlineSeparator(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 47 || c === 45 || isSpace(c)) return true;
  }
  return false;
}

/** `with ESMTP/TLS/<cipher>`, qmail's `with <cipher> encrypted SMTP`, `ESMTP-TLS`. */
function inlineTls(withRaw: string): TlsFinding | null {
  const text = `with ${withRaw}`;
  const slash = /^(?:E?SMTPS?A?|LMTP)\/(?:TLS|SSL)(?:v?[\d._]+)?\/([A-Za-z0-9_-]+)/i.exec(withRaw);
  if (slash) return finding('inline-cipher', text, slash[1] ?? null);
  const enc = /^(\S+)\s+encrypted\s+SMTP/i.exec(withRaw);
  if (enc) return finding('inline-cipher', text, enc[1] ?? null);
  if (/^E?SMTPS?A?[-/](?:TLS|SSL)\b/i.test(withRaw)) return finding('inline-cipher', text, null);
  return null;
}

/**
 * Legacy Exchange: "by host over TLS secured channel with Microsoft SMTPSVC". Only a by-clause
 * with a word `over` can say it, so the clause is joined and searched only then (most are one
 * host name, and the search over every hop's joined clause was the hottest line of the engine).
 */
function overTlsChannel(x: Lexed, c: Clauses): TlsFinding | null {
  const from = c.start[BY] as number;
  const to = c.end[BY] as number;
  if (joinedLength(from, to) < 24 || !hasWordOver(x, from, to)) return null;
  const byText = joinWords(x.v, from, to);
  if (byText === null) return null;
  if (!/\bover\s+TLS\s+secured\s+channel\b/i.test(byText)) return null;
  return finding('using-tls', 'over TLS secured channel', null);
}

/** The length joinWords(v, from, to) would have. */
function joinedLength(from: number, to: number): number {
  let n = -1;
  for (let k = from; k >= 0 && k < to; k++) {
    if (kindOf[k] === WORD) n += (endOf[k] as number) - (startOf[k] as number) + 1;
  }
  return n;
}

/**
 * Whether the by-clause, tokens [from, to), can match `\bover\s` once joined: a word with
 * `over` (any case) at a word boundary, at the word's end or before white space inside it (a
 * quoted word), in one scan of the byte copy.
 */
function hasWordOver(x: Lexed, from: number, to: number): boolean {
  const c = x.codes;
  for (let k = from; k >= 0 && k < to; k++) {
    if (kindOf[k] !== WORD) continue;
    const s = startOf[k] as number;
    const e = endOf[k] as number;
    for (let p = s; p + 4 <= e; p++) {
      if (((c[p] as number) | 32) !== 111 || ((c[p + 1] as number) | 32) !== 118) continue;
      if (((c[p + 2] as number) | 32) !== 101 || ((c[p + 3] as number) | 32) !== 114) continue;
      if (p > s && isWordCode(c[p - 1] as number)) continue;
      if (p + 4 === e || isSpaceCode(c[p + 4] as number)) return true;
    }
  }
  return false;
}

/** A character `\w` matches (ASCII letters, digits, '_'); non-ASCII codes are 0x80/0x81. */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function isLoopback(ip: string | null): boolean {
  if (ip === null) return false;
  return ip.startsWith('127.') || ip === '::1' || ip === '::ffff:127.0.0.1';
}

function hopTlsOf(tls: TlsFinding): HopTls | null {
  const raw =
    tls.cipherRaw !== null && /^(?:OTHER|UNKNOWN|NONE)$/i.test(tls.cipherRaw)
      ? null
      : tls.cipherRaw;
  const cipher = raw === null ? null : (normalizeCipherName(raw) ?? raw);
  const bits = tls.bits !== null && Number.isFinite(tls.bits) ? tls.bits : null;
  return tls.version === null && cipher === null && bits === null
    ? null
    : { version: tls.version, cipher, class: classifyTls(tls.version, cipher), bits };
}

/** qmail's `(qmail 123 invoked from network)` lines: no protocol recorded. */
function qmailComment(x: Lexed, c: Clauses, from: FromInfo | null): string | null {
  if (from !== null) return null;
  for (const k of c.leading) {
    const text = tokenText(x.v, k);
    if (/\bqmail\b|invoked (?:from|by)/i.test(text)) return text;
  }
  return null;
}

function judgeHop(
  tls: TlsFinding | null,
  c: Clauses,
  from: FromInfo | null,
  f: Fields,
  dated: boolean,
  x: Lexed,
): Verdict {
  if (tls !== null) {
    return { encrypted: true, evidenceKind: tls.kind, evidence: tls.text, tls: hopTlsOf(tls) };
  }
  const unknown = (kind: EncryptionEvidenceKind, evidence: string): Verdict => ({
    encrypted: null,
    evidenceKind: kind,
    evidence,
    tls: null,
  });
  if (c.count === 0 && !dated) return unknown('unparsed', 'the line has no from/by/with clauses');
  const qmail = qmailComment(x, c, from);
  if (qmail !== null) {
    return unknown('local', `qmail-style line (${clip(qmail)}): no protocol recorded`);
  }
  const p = f.protocol;
  if (p === null) return unknown('local', 'no protocol recorded (no "with" clause)');
  const withText = `with ${f.withRaw ?? p}`;
  if (!isKnownNetworkProtocol(p)) {
    return unknown('local', `${withText}: unrecognised transport, no evidence either way`);
  }
  if (protocolIsLocal(p)) return unknown('local', `with ${p}: local or internal hand-over`);
  if (p === 'HTTP') {
    return unknown('local', 'with HTTP: webmail or internal HTTP hand-over, TLS not recorded');
  }
  if (from === null) {
    return unknown('local', `with ${p} but no sending host recorded (internal pickup)`);
  }
  if (isLoopback(from.ip) || (from.ip === null && /^localhost$/i.test(from.fromName ?? ''))) {
    return unknown('local', `with ${p} over loopback (same machine)`);
  }
  return {
    encrypted: false,
    evidenceKind: 'no-tls-evidence',
    evidence: `${withText}: no TLS evidence anywhere in the line`,
    tls: null,
  };
}

function isAuthenticated(notes: string[], from: FromInfo | null, protocol: string | null): boolean {
  if (protocol !== null && protocolAuthenticated(protocol)) return true;
  if (from?.peerAuth === true) return true;
  for (const comment of notes) if (AUTH_COMMENT.test(comment)) return true;
  return false;
}
