// Received header parser (RFC 5321 §4.4, RFC 5322 §3.6.7, RFC 8314 `tls` clause).
// One pass lexes the value into words and comments (nested, quoted strings, escapes); clause
// keywords count only outside comments. TLS evidence is then read from every comment, clause and
// inline form listed in shared/research/header-parsing.md §2. Never throws.

import { classifyTls, normalizeCipherName } from '../tls/index.ts';
import { isSpace } from './cfws.ts';
import { charCodes } from './char-codes.ts';
import { parseMailDate, parseMailDateIn } from './date.ts';
import type { EncryptionEvidenceKind, HopTls } from './message-facts.ts';
import { cleanHost, readFrom, stripAngle } from './received-from.ts';
import {
  BY,
  CLAUSES,
  COMMENT,
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

/**
 * Every TLS comment form (TLS_HINT in received-tls.ts) and every AUTH_COMMENT match contains one
 * of these words: a comment without them (most rDNS/address comments) needs neither pattern.
 */
const COMMENT_HINT = /tls|ssl|cipher|using|transport|client|secured|encrypted|auth|account/i;

const CIPHERISH = /^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+){2,}$/;
const WEEKDAY = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?$/i;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Token range [start, end) of each clause after its keyword; -1 when the line has none. */
const clauseStart = new Int32Array(CLAUSES);
const clauseEnd = new Int32Array(CLAUSES);

function firstWord(v: string, clause: number): string | undefined {
  const end = clauseEnd[clause] as number;
  for (let k = clauseStart[clause] as number; k >= 0 && k < end; k++) {
    if (kindOf[k] === WORD) return tokenText(v, k);
  }
  return undefined;
}

/** `/[\s/-]/.test(s)`, by char codes. */
function hasInlineSeparator(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 47 || c === 45 || isSpace(c)) return true;
  }
  return false;
}

function isLoopback(ip: string | null): boolean {
  if (ip === null) return false;
  return ip.startsWith('127.') || ip === '::1' || ip === '::ffff:127.0.0.1';
}

export function parseReceived(value: string): ParsedReceived {
  const warnings: string[] = [];
  const v = value.length > MAX_RECEIVED_CHARS ? value.slice(0, MAX_RECEIVED_CHARS) : value;
  if (v.length < value.length) warnings.push('received-truncated');
  // For the lexer, the date and the from-clause (module scratch: see charCodes).
  let codes = charCodes(v);
  const count = lex(v, codes);
  if (lexUnbalanced()) warnings.push('unbalanced-parentheses');

  // The date follows the last top-level ';'.
  let lastSemi = -1;
  for (let k = count - 1; k >= 0; k--) {
    if (kindOf[k] === SEMI) {
      lastSemi = k;
      break;
    }
  }
  let clausesEnd = lastSemi === -1 ? count : lastSemi;
  let dateText: string | null = null;
  let dateMsFound: number | null | undefined; // undefined until the date text is read
  if (lastSemi !== -1) {
    dateText = joinWords(v, lastSemi + 1, count);
    // Read in place when the date is one stretch of the value (the usual case).
    if (joinedSpan.start !== -1) {
      dateMsFound = parseMailDateIn(v, codes, joinedSpan.start, joinedSpan.end);
    }
  } else {
    // No ';' (SendGrid, truncated lines): look for a trailing date starting at a weekday/ISO date.
    for (let k = 0; k < count; k++) {
      const len = (endOf[k] as number) - (startOf[k] as number);
      if (kindOf[k] !== WORD || (len !== 3 && len !== 4 && len !== 10)) continue;
      const word = tokenText(v, k);
      if (!WEEKDAY.test(word) && !ISO_DAY.test(word)) continue;
      const candidate = joinWords(v, k, count) as string;
      if (joinedSpan.start !== -1) {
        dateMsFound = parseMailDateIn(v, codes, joinedSpan.start, joinedSpan.end);
      } else {
        dateMsFound = parseMailDate(candidate);
        codes = charCodes(v); // parseMailDate filled the scratch with the candidate
      }
      if (dateMsFound !== null) {
        dateText = candidate;
        clausesEnd = k;
        break;
      }
    }
  }

  // Clauses: each keyword opens one; a repeated keyword (XMail's second "from <envelope>")
  // opens a clause whose words and comments are ignored. Comments before the first keyword
  // are the leading ones.
  for (let c = 0; c < CLAUSES; c++) {
    clauseStart[c] = -1;
    clauseEnd[c] = -1;
  }
  const allComments: string[] = [];
  // The comments that can hold TLS or authentication evidence, found by one scan each.
  const hintComments: string[] = [];
  let leadingCount = 0;
  let fromWords: string[] | null = null;
  let fromCommentTokens: number[] = [];
  let clauseCount = 0;
  let current = -2; // -2 before any keyword, -1 an ignored repeat, else the clause
  for (let k = 0; k < clausesEnd; k++) {
    const kind = kindOf[k];
    if (kind === SEMI) continue; // ';' that is not the last one ("with;ESMTP")
    if (kind === COMMENT) {
      if (current === -1) continue;
      const comment = tokenText(v, k);
      allComments.push(comment);
      if (COMMENT_HINT.test(comment)) hintComments.push(comment);
      if (current === -2) leadingCount++;
      else if (current === FROM) fromCommentTokens.push(k);
      continue;
    }
    let keyword = keywordOf(codes, k);
    if (keyword === TLS) {
      const next = k + 1 < count && kindOf[k + 1] === WORD ? tokenText(v, k + 1) : '';
      if (!CIPHERISH.test(next)) keyword = -1;
    }
    if (keyword !== -1) {
      if (current >= 0) clauseEnd[current] = k;
      if (clauseStart[keyword] !== -1) {
        current = -1;
        continue;
      }
      current = keyword;
      clauseStart[keyword] = k + 1;
      clauseCount++;
      if (keyword === FROM) fromWords = [];
      continue;
    }
    if (current === FROM) (fromWords as string[]).push(tokenText(v, k));
  }
  if (current >= 0) clauseEnd[current] = clausesEnd;

  // "(from localhost [1.2.3.4]) by host" (NAVGW, sendmail submit): the from clause in a comment.
  if (fromWords === null && leadingCount > 0) {
    const m = /^\s*from\s+(\S+)(?:\s+([\s\S]*))?$/i.exec(allComments[0] as string);
    if (m) {
      const rest = m[2] ?? '';
      fromWords = [m[1] as string, ...rest.split(/\s+/).filter((w) => w.startsWith('['))];
      fromCommentTokens = [];
      clauseCount++;
    }
  }
  const from = readFrom(fromWords, v, codes, fromCommentTokens);
  const byName = cleanHost(firstWord(v, BY));
  const withRaw =
    clauseStart[WITH] === -1
      ? null
      : joinWords(v, clauseStart[WITH] as number, clauseEnd[WITH] as number);
  const via = firstWord(v, VIA) ?? null;
  let protocol = normalizeProtocol(withRaw);
  if (protocol === null && via !== null && REGISTERED.test(via.toUpperCase())) {
    protocol = via.toUpperCase();
  }
  const idWord = firstWord(v, ID);
  const forWord = firstWord(v, FOR);

  // TLS evidence from every comment in the line, the tls clause and inline forms.
  let tls: TlsFinding | null = null;
  for (const c of hintComments) tls = merge(tls, fromComment(c));
  const cipher = firstWord(v, TLS);
  if (cipher !== undefined) {
    tls = merge(tls, {
      kind: 'tls-clause',
      text: `tls ${cipher}`,
      version: null,
      cipherRaw: cipher,
      bits: null,
    });
  }
  // The inline forms all need a separator: '/', '-' or a space.
  if (withRaw !== null && hasInlineSeparator(withRaw)) {
    const slash = /^(?:E?SMTPS?A?|LMTP)\/(?:TLS|SSL)(?:v?[\d._]+)?\/([A-Za-z0-9_-]+)/i.exec(
      withRaw,
    );
    if (slash) {
      tls = merge(tls, {
        kind: 'inline-cipher',
        text: `with ${withRaw}`,
        version: null,
        cipherRaw: slash[1] ?? null,
        bits: null,
      });
    } else {
      const enc = /^(\S+)\s+encrypted\s+SMTP/i.exec(withRaw);
      if (enc) {
        tls = merge(tls, {
          kind: 'inline-cipher',
          text: `with ${withRaw}`,
          version: null,
          cipherRaw: enc[1] ?? null,
          bits: null,
        });
      } else if (/^E?SMTPS?A?[-/](?:TLS|SSL)\b/i.test(withRaw)) {
        tls = merge(tls, {
          kind: 'inline-cipher',
          text: `with ${withRaw}`,
          version: null,
          cipherRaw: null,
          bits: null,
        });
      }
    }
  }
  // Legacy Exchange: "by host over TLS secured channel with Microsoft SMTPSVC".
  if (clauseStart[BY] !== -1) {
    const byText = joinWords(v, clauseStart[BY] as number, clauseEnd[BY] as number);
    if (
      byText !== null &&
      byText.length >= 24 &&
      /\bover\s+TLS\s+secured\s+channel\b/i.test(byText)
    ) {
      tls = merge(tls, {
        kind: 'using-tls',
        text: 'over TLS secured channel',
        version: null,
        cipherRaw: null,
        bits: null,
      });
    }
  }
  if (tls === null && protocol !== null && protocolHasTlsSuffix(protocol)) {
    tls = {
      kind: 'protocol-suffix',
      text: `with ${withRaw ?? protocol}`,
      version: null,
      cipherRaw: null,
      bits: null,
    };
  }

  let encrypted: boolean | null;
  let evidenceKind: EncryptionEvidenceKind;
  let evidence: string;
  let hopTls: HopTls | null = null;
  const fromPresent = fromWords !== null;
  let qmailLike = false;
  for (let k = 0; !fromPresent && !qmailLike && k < leadingCount; k++) {
    qmailLike = /\bqmail\b|invoked (?:from|by)/i.test(allComments[k] as string);
  }
  if (tls !== null) {
    encrypted = true;
    evidenceKind = tls.kind;
    evidence = tls.text;
    const raw =
      tls.cipherRaw !== null && /^(?:OTHER|UNKNOWN|NONE)$/i.test(tls.cipherRaw)
        ? null
        : tls.cipherRaw;
    const cipher = raw === null ? null : (normalizeCipherName(raw) ?? raw);
    const bits = tls.bits !== null && Number.isFinite(tls.bits) ? tls.bits : null;
    hopTls =
      tls.version === null && cipher === null && bits === null
        ? null
        : { version: tls.version, cipher, class: classifyTls(tls.version, cipher), bits };
  } else if (clauseCount === 0 && dateText === null) {
    encrypted = null;
    evidenceKind = 'unparsed';
    evidence = 'the line has no from/by/with clauses';
  } else if (qmailLike) {
    encrypted = null;
    evidenceKind = 'local';
    evidence = `qmail-style line (${clip(leadingCount > 0 ? (allComments[0] as string) : '')}): no protocol recorded`;
  } else if (protocol === null) {
    encrypted = null;
    evidenceKind = 'local';
    evidence = 'no protocol recorded (no "with" clause)';
  } else if (!isKnownNetworkProtocol(protocol)) {
    encrypted = null;
    evidenceKind = 'local';
    evidence = `with ${withRaw ?? protocol}: unrecognised transport, no evidence either way`;
  } else if (protocolIsLocal(protocol)) {
    encrypted = null;
    evidenceKind = 'local';
    evidence = `with ${protocol}: local or internal hand-over`;
  } else if (protocol === 'HTTP') {
    encrypted = null;
    evidenceKind = 'local';
    evidence = 'with HTTP: webmail or internal HTTP hand-over, TLS not recorded';
  } else if (!fromPresent) {
    encrypted = null;
    evidenceKind = 'local';
    evidence = `with ${protocol} but no sending host recorded (internal pickup)`;
  } else if (
    isLoopback(from.ip) ||
    (from.ip === null && /^localhost$/i.test(from.fromName ?? ''))
  ) {
    encrypted = null;
    evidenceKind = 'local';
    evidence = `with ${protocol} over loopback (same machine)`;
  } else {
    encrypted = false;
    evidenceKind = 'no-tls-evidence';
    evidence = `with ${withRaw ?? protocol}: no TLS evidence anywhere in the line`;
  }

  let authenticated = protocol !== null && protocolAuthenticated(protocol);
  for (let k = 0; !authenticated && k < hintComments.length; k++) {
    authenticated = AUTH_COMMENT.test(hintComments[k] as string);
  }

  const dateMs =
    dateText === null ? null : dateMsFound !== undefined ? dateMsFound : parseMailDate(dateText);
  if (dateText !== null && dateMs === null) warnings.push('unreadable-date');
  if (dateText === null) warnings.push('no-date');

  return {
    fromName: from.fromName,
    fromRdns: from.rdns,
    helo: from.helo,
    ip: from.ip,
    rdnsUnverified: from.unverified,
    byName,
    via,
    withRaw,
    protocol,
    authenticated,
    id: idWord === undefined ? null : stripAngle(idWord).slice(0, 200) || null,
    for: forWord === undefined ? null : stripAngle(forWord).slice(0, 320) || null,
    dateText,
    dateMs,
    tls: hopTls,
    encrypted,
    evidenceKind,
    evidence,
    warnings,
  };
}
