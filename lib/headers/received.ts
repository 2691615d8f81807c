// Received header parser (RFC 5321 §4.4, RFC 5322 §3.6.7, RFC 8314 `tls` clause).
// One pass lexes the value into words and comments (nested, quoted strings, escapes); clause
// keywords count only outside comments. TLS evidence is then read from every comment, clause and
// inline form listed in shared/research/header-parsing.md §2. Never throws.

import type { TlsVersion } from '../tls/index.ts';
import {
  classifyTls,
  minimumTlsVersion,
  normalizeCipherName,
  normalizeTlsVersion,
} from '../tls/index.ts';
import { parseMailDate } from './date.ts';
import type { EncryptionEvidenceKind, HopTls } from './message-facts.ts';

export const MAX_RECEIVED_CHARS = 4096;
const MAX_TOKENS = 256;
const MAX_DEPTH = 64;
const EVIDENCE_CHARS = 160;

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

interface Token {
  /** 0 word, 1 comment (inner text), 2 semicolon */
  k: 0 | 1 | 2;
  s: string;
}

/** Lexes a Received value into words, top-level comments and `;` separators. */
function lex(v: string): { tokens: Token[]; unbalanced: boolean } {
  const tokens: Token[] = [];
  const n = v.length;
  let i = 0;
  let unbalanced = false;
  while (i < n && tokens.length < MAX_TOKENS) {
    const c = v.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 59) {
      tokens.push({ k: 2, s: ';' });
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
      // comment, nesting-aware, quoted strings and escapes inside
      let depth = 1;
      let j = i + 1;
      let inQuote = false;
      while (j < n && depth > 0) {
        const d = v.charCodeAt(j);
        if (d === 92) {
          j += 2;
          continue;
        }
        if (inQuote) {
          if (d === 34) inQuote = false;
        } else if (d === 34) inQuote = true;
        else if (d === 40) {
          if (depth < MAX_DEPTH) depth++;
        } else if (d === 41) depth--;
        j++;
      }
      if (depth > 0) unbalanced = true;
      tokens.push({ k: 1, s: v.slice(i + 1, depth > 0 ? Math.min(j, n) : j - 1) });
      i = j;
      continue;
    }
    if (c === 34) {
      // quoted string as one word
      let j = i + 1;
      while (j < n) {
        const d = v.charCodeAt(j);
        if (d === 92) {
          j += 2;
          continue;
        }
        if (d === 34) break;
        j++;
      }
      tokens.push({ k: 0, s: v.slice(i + 1, Math.min(j, n)) });
      i = j + 1;
      continue;
    }
    if (c === 91) {
      // address literal / bracketed text as one word, with what follows it up to a space
      const close = v.indexOf(']', i);
      let j = close === -1 ? n : close + 1;
      while (j < n) {
        const d = v.charCodeAt(j);
        if (d === 32 || d === 9 || d === 10 || d === 13 || d === 40 || d === 59) break;
        j++;
      }
      tokens.push({ k: 0, s: v.slice(i, j) });
      i = j;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = v.charCodeAt(j);
      if (d === 32 || d === 9 || d === 10 || d === 13 || d === 40 || d === 41 || d === 59) break;
      j++;
    }
    tokens.push({ k: 0, s: v.slice(i, j) });
    i = j;
  }
  return { tokens, unbalanced };
}

type ClauseName = 'from' | 'by' | 'via' | 'with' | 'id' | 'for' | 'tls' | 'envelope-from';

interface Clause {
  words: string[];
  comments: string[];
}

const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'from',
  'by',
  'via',
  'with',
  'id',
  'for',
  'envelope-from',
]);

const CIPHERISH = /^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+){2,}$/;

// ---------------------------------------------------------------------------------------------
// Addresses and names

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

/** Cleans an address literal: brackets, `IPv6:`, `%zone`, `:port`. Returns null if not an IP. */
export function cleanIp(raw: string): string | null {
  if (raw.length > 80) return null;
  // Fast rejection: an address starts with a digit, '[', ':' or a hex digit followed by ':' soon.
  const c0 = raw.charCodeAt(0);
  if (!(c0 >= 48 && c0 <= 57) && c0 !== 91 && c0 !== 58 && c0 !== 32) {
    // hex-led IPv6 ("fe80::1", "2a01:…") or "IPv6:…"; anything else is a name
    const colon = raw.indexOf(':');
    const hexLed = (c0 >= 97 && c0 <= 102) || (c0 >= 65 && c0 <= 70);
    if (colon === -1 || colon > 5 || !(hexLed || c0 === 73 || c0 === 105)) return null;
  }
  let s = raw.trim();
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    s = close === -1 ? s.slice(1) : s.slice(1, close);
  }
  if (s.length === 0 || s.length > 64) return null;
  if (/^ipv6:/i.test(s)) s = s.slice(5);
  const pct = s.indexOf('%');
  if (pct !== -1) s = s.slice(0, pct);
  if (IPV4.test(s)) return s;
  // IPv4 with a port ("63.146.189.86:23198") or a dotted port ("63.251.66.24.63559" is not valid)
  const v4port = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(s);
  if (v4port && IPV4.test(v4port[1] as string)) return v4port[1] as string;
  if (s.includes(':') && IPV6.test(s)) {
    const colons = s.split(':').length - 1;
    if (colons >= 2 && colons <= 7 && !/:::/.test(s)) {
      if (s.includes('.')) {
        const tail = s.slice(s.lastIndexOf(':') + 1);
        if (!IPV4.test(tail)) return null;
      }
      return canonicalIpv6(s.toLowerCase());
    }
  }
  return null;
}

/** RFC 5952 text form: no leading zeros, the longest run of zero groups as "::". */
function canonicalIpv6(s: string): string {
  if (s.includes('.')) return s;
  const halves = s.split('::');
  if (halves.length > 2) return s;
  const head = halves[0] ? (halves[0] as string).split(':') : [];
  const tail = halves.length === 2 && halves[1] ? (halves[1] as string).split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return s;
  const groups = [...head, ...new Array<string>(fill).fill('0'), ...tail].map((g) =>
    Number.parseInt(g, 16),
  );
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g) || g > 0xffff)) return s;
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

function isHostLike(s: string): boolean {
  return /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_.])?$/.test(s);
}

function cleanHost(s: string | undefined): string | null {
  if (s === undefined) return null;
  let h = s.trim().replace(/[,;]+$/, '');
  if (h.startsWith('<') && h.endsWith('>')) h = h.slice(1, -1);
  const ip = cleanIp(h);
  if (ip !== null) return ip;
  if (h.length === 0 || h.length > 255) return null;
  return h;
}

function stripAngle(s: string): string {
  let t = s.trim();
  if (t.startsWith('<')) t = t.slice(1);
  if (t.endsWith('>')) t = t.slice(0, -1);
  return t;
}

interface FromInfo {
  fromName: string | null;
  rdns: string | null;
  helo: string | null;
  ip: string | null;
  unverified: boolean;
}

/** Reads the from-clause: `name (rdns [ip])`, `name ([ip] helo=x)`, `name (HELO x) (ip)` … */
function readFrom(clause: Clause | undefined): FromInfo {
  const info: FromInfo = { fromName: null, rdns: null, helo: null, ip: null, unverified: false };
  if (clause === undefined) return info;
  const w0 = clause.words[0];
  let nameIp: string | null = null;
  if (w0 !== undefined) {
    nameIp = cleanIp(w0);
    info.fromName = nameIp ?? cleanHost(w0);
  }
  // Bare bracketed IP among the words: "host [1.2.3.4]" (MDaemon, ZoneMTA, GMX).
  for (let k = 1; k < clause.words.length && info.ip === null; k++) {
    const w = clause.words[k] as string;
    if (w.startsWith('[')) info.ip = cleanIp(w);
  }
  let explicitHelo: string | null = null;
  let rdnsSeen = false;
  for (const comment of clause.comments) {
    const c = comment.trim();
    if (c.length === 0) continue;
    // Once the address is known, later comments (TLS, certificates) only matter for HELO.
    if (info.ip !== null && rdnsSeen) {
      if (explicitHelo === null) {
        const late = /(?:^|[\s,"(])(?:helo|ehlo|lhlo)(?:=|\s+)([^\s,)"]*)/i.exec(c);
        if (late) explicitHelo = late[1] ?? '';
      }
      continue;
    }
    const heloM = /(?:^|[\s,"(])(?:helo|ehlo|lhlo)(?:=|\s+)([^\s,)"]*)/i.exec(c);
    if (heloM && explicitHelo === null) explicitHelo = heloM[1] ?? '';
    if (/may be forged|rdns failed|unverified|softdnserr/i.test(c)) info.unverified = true;
    // Address: bracketed first, then a bare address token.
    const parts = c.split(/[\s,]+/);
    let ipIdx = -1;
    for (let k = 0; k < parts.length; k++) {
      let p = parts[k] as string;
      const at = p.indexOf('@[');
      if (at !== -1) p = p.slice(at + 1); // ident@[ip]
      if (p.includes('[')) p = p.slice(p.indexOf('['));
      const ip = p.startsWith('[') ? cleanIp(p) : null;
      if (ip !== null) {
        if (info.ip === null) info.ip = ip;
        ipIdx = k;
        break;
      }
    }
    if (ipIdx === -1) {
      for (let k = 0; k < parts.length; k++) {
        const p = parts[k] as string;
        const ip = cleanIp(p.replace(/^[(]|[)]$/g, ''));
        if (ip !== null) {
          if (info.ip === null) info.ip = ip;
          ipIdx = k;
          break;
        }
      }
    }
    // rDNS: the token before the address in the same comment ("rdns [ip]", "user@rdns [ip]").
    if (!rdnsSeen && ipIdx > 0) {
      let cand = parts[ipIdx - 1] as string;
      const bracket = (parts[ipIdx] as string).indexOf('[');
      if (bracket > 0) cand = (parts[ipIdx] as string).slice(0, bracket); // "unknown[1.2.3.4]"
      if (/^ident:/i.test(cand)) cand = cand.slice(6);
      const at = cand.lastIndexOf('@');
      if (at !== -1) cand = cand.slice(at + 1);
      cand = cand.replace(/^[<(]+|[>)]+$/g, '').replace(/\.$/, '');
      if (/^(?:helo|ehlo|lhlo)$/i.test(cand) || cand.length === 0) {
        // "(HELO x) [ip]" forms: no rDNS here
      } else if (isHostLike(cand) && cleanIp(cand) === null) {
        rdnsSeen = true;
        if (/^unknown(?:\.domain)?$/i.test(cand)) {
          info.rdns = null;
          info.unverified = true;
        } else info.rdns = cand;
      }
    } else if (!rdnsSeen && ipIdx === 0 && parts.length === 1) {
      // "([1.2.3.4])": address only, no name
    }
  }
  // An address literal as the from-name is what the client said (HELO [ip]); the address in the
  // comment is what the receiver saw. Without a comment address, the literal is all there is.
  if (info.ip === null) info.ip = nameIp;
  if (explicitHelo !== null) {
    info.helo = explicitHelo.length > 0 ? explicitHelo : null;
    // The from-name is then the receiver's view of the client (Exim, qmail, sendmail "unknown").
    if (info.rdns === null && info.fromName !== null && cleanIp(info.fromName) === null) {
      if (/^unknown$/i.test(info.fromName)) info.unverified = true;
      else info.rdns = info.fromName;
    }
  } else if (rdnsSeen) {
    info.helo = info.fromName !== null && cleanIp(info.fromName) === null ? info.fromName : null;
  }
  return info;
}

// ---------------------------------------------------------------------------------------------
// Protocols

const REGISTERED =
  /^(?:(?:UTF8)?(?:E?SMTP|LMTP)S?A?|SMTPS|ASMTP|HTTPS?|HTTPREST|IMAPS?|POP3S?|MMS|LOCAL|ECSTREAM|BSMTP|SUBMISSION)$/;

/**
 * Normalises a `with` clause to a keyword: registered names upper-cased (ESMTPS, LMTPA, UTF8SMTPS),
 * `local`, vendor forms `Microsoft SMTP Server`, `Microsoft SMTPSVC`, `mapi`; otherwise the first
 * word as written.
 */
export function normalizeProtocol(withRaw: string | null): string | null {
  if (withRaw === null) return null;
  const raw = withRaw.trim();
  if (raw.length === 0) return null;
  const up = raw.toUpperCase();
  if (up.startsWith('MICROSOFT SMTP SERVER')) return 'Microsoft SMTP Server';
  if (up.startsWith('MICROSOFT SMTPSVC')) return 'Microsoft SMTPSVC';
  if (up === 'MAPI' || up.startsWith('MAPI ')) return 'mapi';
  if (/^E?SMTP-TLS\b/.test(up)) return up.startsWith('E') ? 'ESMTPS' : 'SMTPS'; // CommuniGate
  const words = up.split(/[\s/\-[\]]+/);
  for (const w of words) {
    if (w.length > 0 && REGISTERED.test(w)) return w === 'LOCAL' ? 'local' : w;
  }
  const first = raw.split(/\s+/)[0] ?? raw;
  return first.length > 40 ? first.slice(0, 40) : first;
}

/** Postfix `(Authenticated sender: x)`, sendmail `(authenticated bits=0)`, Courier `(AUTH: …)`, CommuniGate `(account x)`. */
const AUTH_COMMENT = /\bauthenticated\s+(?:sender|bits|user|as)\b|\bAUTH:\s|\baccount\s+\S+/i;

/** Protocols whose plain form means an unencrypted network hand-over. */
const KNOWN_NETWORK_PROTOCOL =
  /^(?:(?:UTF8)?(?:E?SMTP|LMTP)S?A?|SMTPS|ASMTP|HTTPS?|HTTPREST|IMAPS?|POP3S?|SUBMISSION|local|mapi|BSMTP|ECSTREAM|Microsoft SMTP Server|Microsoft SMTPSVC)$/;

function protocolHasTlsSuffix(p: string): boolean {
  return /^(?:(?:UTF8)?(?:E?SMTP|LMTP)SA?|SMTPS|HTTPS|IMAPS|POP3S)$/.test(p);
}

function protocolAuthenticated(p: string): boolean {
  return /^(?:(?:UTF8)?(?:E?SMTP|LMTP)S?A|ASMTP)$/.test(p);
}

/** Local or internal transports: no network exposure can be judged from the line. */
function protocolIsLocal(p: string): boolean {
  return p === 'local' || p === 'mapi' || p === 'BSMTP' || p === 'ECSTREAM' || p === 'HTTPREST';
}

// ---------------------------------------------------------------------------------------------
// TLS evidence

interface TlsFinding {
  kind: EncryptionEvidenceKind;
  text: string;
  version: TlsVersion | null;
  cipherRaw: string | null;
  bits: number | null;
}

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > EVIDENCE_CHARS ? `${t.slice(0, EVIDENCE_CHARS - 1)}…` : t;
}

const POSTFIX_RE = /^\s*using\s+(\S+)\s+with\s+cipher\s+([^\s()]+)(?:\s*\((\d+)\/(\d+)\s*bits\))?/i;
const KV_VERSION_RE = /(?:^|[\s,(])version=([^\s,;)]+)/i;
const KV_CIPHER_RE = /(?:^|[\s,(])cipher=([^\s,;)]+)/i;
const KV_BITS_RE = /(?:^|[\s,(])bits=(\d+)/i;
const COURIER_RE = /\bTLS:\s*([^,]+?)\s*,\s*(\d+)\s*bits\s*,\s*([^\s,)]+)/i;
const TUPLE_RE = /(?:^|[\s(])((?:TLS|SSL)[\w.-]*):([A-Za-z0-9_-]+):(\d+)/i;
const VERSION_ONLY_RE = /^\s*((?:TLS|SSL)v?[\s_-]?\d(?:[._]\d)?)\s*$/i;
const USING_TLS_RE =
  /^\s*(?:using\s+(?:TLS|SSL)\b|Google Transport Security\s*$|TLS(?:\s+encrypted)?\s*$|(?:TLS|SSL)\s+(?:secured|encrypted))/i;
const POSTFIX_CERT_RE =
  /^\s*(?:No client certificate requested|Client did not present a certificate|Client CN\s)/i;

/** A version as written, or the lower bound the cipher implies for OpenSSL's `TLSv1/SSLv3` label. */
function versionOf(raw: string | undefined, cipher: string | null | undefined): TlsVersion | null {
  const v = normalizeTlsVersion(raw);
  if (v !== null) return v;
  return raw !== undefined && /SSLv3/i.test(raw) ? minimumTlsVersion(cipher) : null;
}

/** Cheap pre-check: every TLS comment form contains one of these words. */
const TLS_HINT = /tls|ssl|cipher|using|transport|client|secured|encrypted/i;

function fromComment(comment: string): TlsFinding | null {
  if (!TLS_HINT.test(comment)) return null;
  let m = POSTFIX_RE.exec(comment);
  if (m) {
    return {
      kind: 'tls-comment',
      text: `(${clip(comment)})`,
      version: versionOf(m[1], m[2]),
      cipherRaw: m[2] ?? null,
      bits: m[3] === undefined ? null : Number(m[3]),
    };
  }
  const cipherKv = KV_CIPHER_RE.exec(comment);
  const versionKv = KV_VERSION_RE.exec(comment);
  if (cipherKv || (versionKv && /TLS|SSL/i.test(versionKv[1] ?? ''))) {
    const bits = KV_BITS_RE.exec(comment);
    return {
      kind: 'tls-comment',
      text: `(${clip(comment)})`,
      version: versionKv ? versionOf(versionKv[1], cipherKv?.[1]) : null,
      cipherRaw: cipherKv ? (cipherKv[1] ?? null) : null,
      bits: bits ? Number(bits[1]) : null,
    };
  }
  m = COURIER_RE.exec(comment);
  if (m) {
    return {
      kind: 'tls-comment',
      text: `(${clip(comment)})`,
      version: versionOf(m[1], m[3]),
      cipherRaw: m[3] ?? null,
      bits: Number(m[2]),
    };
  }
  m = TUPLE_RE.exec(comment);
  if (m) {
    return {
      kind: 'colon-tuple',
      text: `(${clip(comment)})`,
      version: normalizeTlsVersion(m[1]),
      cipherRaw: m[2] ?? null,
      bits: Number(m[3]),
    };
  }
  m = VERSION_ONLY_RE.exec(comment);
  if (m) {
    const version = normalizeTlsVersion(m[1]);
    if (version !== null) {
      return {
        kind: 'tls-version-comment',
        text: `(${clip(comment)})`,
        version,
        cipherRaw: null,
        bits: null,
      };
    }
  }
  if (USING_TLS_RE.test(comment)) {
    return {
      kind: 'using-tls',
      text: `(${clip(comment)})`,
      version: null,
      cipherRaw: null,
      bits: null,
    };
  }
  if (POSTFIX_CERT_RE.test(comment)) {
    return {
      kind: 'tls-comment',
      text: `(${clip(comment)})`,
      version: null,
      cipherRaw: null,
      bits: null,
    };
  }
  return null;
}

/** Merges findings: the first one that names a version or cipher wins, details are filled in. */
function merge(a: TlsFinding | null, b: TlsFinding | null): TlsFinding | null {
  if (a === null) return b;
  if (b === null) return a;
  const aRich = a.version !== null || a.cipherRaw !== null;
  const bRich = b.version !== null || b.cipherRaw !== null;
  const base = !aRich && bRich ? b : a;
  const other = base === a ? b : a;
  return {
    kind: base.kind,
    text: base.text === other.text ? base.text : `${base.text} ${other.text}`,
    version: base.version ?? other.version,
    cipherRaw: base.cipherRaw ?? other.cipherRaw,
    bits: base.bits ?? other.bits,
  };
}

// ---------------------------------------------------------------------------------------------

function isLoopback(ip: string | null): boolean {
  if (ip === null) return false;
  return ip.startsWith('127.') || ip === '::1' || ip === '::ffff:127.0.0.1';
}

export function parseReceived(value: string): ParsedReceived {
  const warnings: string[] = [];
  const v = value.length > MAX_RECEIVED_CHARS ? value.slice(0, MAX_RECEIVED_CHARS) : value;
  if (v.length < value.length) warnings.push('received-truncated');
  const { tokens, unbalanced } = lex(v);
  if (unbalanced) warnings.push('unbalanced-parentheses');

  // The date follows the last top-level ';'.
  let lastSemi = -1;
  for (let k = tokens.length - 1; k >= 0; k--) {
    if ((tokens[k] as Token).k === 2) {
      lastSemi = k;
      break;
    }
  }
  let clauseEnd = lastSemi === -1 ? tokens.length : lastSemi;
  let dateText: string | null = null;
  if (lastSemi !== -1) {
    const parts: string[] = [];
    for (let k = lastSemi + 1; k < tokens.length; k++) {
      const t = tokens[k] as Token;
      if (t.k === 0) parts.push(t.s);
    }
    dateText = parts.length > 0 ? parts.join(' ') : null;
  } else {
    // No ';' (SendGrid, truncated lines): look for a trailing date starting at a weekday/ISO date.
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k] as Token;
      if (
        t.k === 0 &&
        (/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?$/i.test(t.s) || /^\d{4}-\d{2}-\d{2}$/.test(t.s))
      ) {
        const parts: string[] = [];
        for (let q = k; q < tokens.length; q++) {
          const u = tokens[q] as Token;
          if (u.k === 0) parts.push(u.s);
        }
        const candidate = parts.join(' ');
        if (parseMailDate(candidate) !== null) {
          dateText = candidate;
          clauseEnd = k;
          break;
        }
      }
    }
  }

  // Clauses.
  const clauses = new Map<ClauseName, Clause>();
  const leading: string[] = [];
  let current: Clause | null = null;
  for (let k = 0; k < clauseEnd; k++) {
    const t = tokens[k] as Token;
    if (t.k === 2) continue; // ';' that is not the last one ("with;ESMTP")
    if (t.k === 1) {
      if (current === null) leading.push(t.s);
      else current.comments.push(t.s);
      continue;
    }
    // Keywords are 2–13 letters starting with f, b, v, w, i, e or t: test before allocating.
    const c0 = t.s.charCodeAt(0) | 32;
    const lower =
      t.s.length <= 13 &&
      (c0 === 102 ||
        c0 === 98 ||
        c0 === 118 ||
        c0 === 119 ||
        c0 === 105 ||
        c0 === 101 ||
        c0 === 116)
        ? t.s.toLowerCase()
        : '';
    let keyword: ClauseName | null = null;
    if (CLAUSE_WORDS.has(lower)) keyword = lower as ClauseName;
    else if (lower === 'tls') {
      const next = tokens[k + 1];
      if (next !== undefined && next.k === 0 && CIPHERISH.test(next.s)) keyword = 'tls';
    }
    if (keyword !== null) {
      if (clauses.has(keyword)) {
        // A repeated keyword (XMail's second "from <envelope>"): its words are ignored.
        current = { words: [], comments: [] };
        continue;
      }
      current = { words: [], comments: [] };
      clauses.set(keyword, current);
      continue;
    }
    if (current !== null) current.words.push(t.s);
  }

  // "(from localhost [1.2.3.4]) by host" (NAVGW, sendmail submit): the from clause in a comment.
  if (!clauses.has('from') && leading.length > 0) {
    const m = /^\s*from\s+(\S+)(?:\s+([\s\S]*))?$/i.exec(leading[0] as string);
    if (m) {
      const rest = m[2] ?? '';
      clauses.set('from', {
        words: [m[1] as string, ...rest.split(/\s+/).filter((w) => w.startsWith('['))],
        comments: [],
      });
    }
  }
  const fromClause = clauses.get('from');
  const byClause = clauses.get('by');
  const withClause = clauses.get('with');
  const viaClause = clauses.get('via');
  const from = readFrom(fromClause);
  const byName = cleanHost(byClause?.words[0]);
  const withRaw = withClause && withClause.words.length > 0 ? withClause.words.join(' ') : null;
  const via = viaClause?.words[0] ?? null;
  let protocol = normalizeProtocol(withRaw);
  if (protocol === null && via !== null && REGISTERED.test(via.toUpperCase())) {
    protocol = via.toUpperCase();
  }
  const idWord = clauses.get('id')?.words[0];
  const forWord = clauses.get('for')?.words[0];

  // TLS evidence from every comment in the line, the tls clause and inline forms.
  let tls: TlsFinding | null = null;
  const allComments: string[] = [...leading];
  for (const clause of clauses.values()) allComments.push(...clause.comments);
  for (const c of allComments) tls = merge(tls, fromComment(c));
  const tlsClause = clauses.get('tls');
  if (tlsClause && tlsClause.words.length > 0) {
    const cipher = tlsClause.words[0] as string;
    tls = merge(tls, {
      kind: 'tls-clause',
      text: `tls ${cipher}`,
      version: null,
      cipherRaw: cipher,
      bits: null,
    });
  }
  if (withRaw !== null) {
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
  if (byClause !== undefined) {
    const byText = byClause.words.join(' ');
    if (/\bover\s+TLS\s+secured\s+channel\b/i.test(byText)) {
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
  const fromPresent = fromClause !== undefined;
  const qmailLike = !fromPresent && leading.some((c) => /\bqmail\b|invoked (?:from|by)/i.test(c));
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
  } else if (clauses.size === 0 && dateText === null) {
    encrypted = null;
    evidenceKind = 'unparsed';
    evidence = 'the line has no from/by/with clauses';
  } else if (qmailLike) {
    encrypted = null;
    evidenceKind = 'local';
    evidence = `qmail-style line (${clip(leading[0] ?? '')}): no protocol recorded`;
  } else if (protocol === null) {
    encrypted = null;
    evidenceKind = 'local';
    evidence = 'no protocol recorded (no "with" clause)';
  } else if (!KNOWN_NETWORK_PROTOCOL.test(protocol)) {
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
  for (let k = 0; !authenticated && k < allComments.length; k++) {
    authenticated = AUTH_COMMENT.test(allComments[k] as string);
  }

  const dateMs = parseMailDate(dateText);
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
