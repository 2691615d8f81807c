// The from-clause of a Received header: the client's name as written, and the address and
// reverse-DNS name the receiving MTA recorded, read ONLY from the position each MTA family writes
// them. The HELO name, ident and envelope addresses are chosen by the sender and are never read
// as the client: a HELO of `[10.0.0.1]` must not make a hop look internal.
//
// Where each family writes the client (the "peer comment" is the first comment after the name):
//  - Postfix: `from HELO (RDNS [IP])`, HELO with ` <>()\";@` replaced by '?', RDNS forward-
//    confirmed or `unknown` (vdukhovni/postfix : postfix/src/smtpd/smtpd.c, the `Received: from
//    %s (%s [%s])` line and NEUTER_CHARACTERS). TLS and SASL comments follow the peer comment.
//  - Exim: `from RDNS ([IP]:PORT helo=HELO ident=IDENT)` when the name is verified, else
//    `from [IP] (port=PORT helo=HELO ident=IDENT)`, each item only when present (Exim/exim :
//    src/src/host.c, sender_rcvhost; the default received_header_text in src/src/globals.c).
//    The HELO sits after the address, so the address is the name or the comment's first item.
//  - Sendmail: `from HELO (IDENT@RDNS [IP])`, `(… (may be forged))`, or without HELO
//    `(from IDENT@RDNS [IP])` (cf/m4/proto.m4 `HReceived:` with `$s` and `$_`, e.g.
//    freebsd/freebsd-src : usr.sbin/sendmail/cf/m4/proto.m4). The ident is copied with
//    cleanstrcpy (letters, digits and a few marks: no space, bracket or parenthesis).
//  - qmail: `from REMOTEHOST (HELO HELO) (REMOTEINFO@REMOTEIP)`, every part through safeput,
//    which turns spaces and parentheses into '?' (notqmail/notqmail : received.c); qmail-ldap
//    brackets the address (amery/qmail : received.c).
//  - Exchange / Exchange Online: `from HELO (IP) by HOST (IP) with Microsoft SMTP Server …`, the
//    address unbracketed, `([fe80::…%9])` for mapi (shared/corpus rspamd/arcbad.eml, arcallow.eml).
//  - Gmail: `from HELO (RDNS. [IP]) by mx.google.com …` (shared/corpus mailauth/arc-pass.eml,
//    rspamd/arcallow.eml).
//  - ZMailer `([IP]:PORT "EHLO HELO" rhost-flags…)`, Fastmail `([IP])`, CommuniGate
//    `from [IP] (account USER HELO HELO)`, GMX/MDaemon `from NAME [IP]` follow the same rules.
//
// The lexer reads the name raw (up to white space), so a HELO cannot open a comment of its own;
// the peer comment is therefore always opened by the MTA, and within it the address is read from
// the first or second item only (after any `ident@`), never from `helo=`, `HELO x` or quotes.

import { cleanIp } from './ip.ts';
import { COMMENT, endOf, kindOf, startOf, WORD } from './received-lex.ts';
import { AUTH_COMMENT } from './received-protocol.ts';

function isAlnumOrUnderscore(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** `^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_.])?$`, by char codes. */
function isHostLike(s: string): boolean {
  const n = s.length;
  if (n === 0 || !isAlnumOrUnderscore(s.charCodeAt(0))) return false;
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isAlnumOrUnderscore(c) || c === 46) continue;
    if (c !== 45 || i === n - 1) return false; // '-' only inside
  }
  return true;
}

function endsWithSeparator(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return c === 44 || c === 59;
}

export function cleanHost(s: string | undefined): string | null {
  if (s === undefined) return null;
  let h = s.trim();
  if (endsWithSeparator(h)) h = h.replace(/[,;]+$/, '');
  if (h.startsWith('<') && h.endsWith('>')) h = h.slice(1, -1);
  const ip = cleanIp(h);
  if (ip !== null) return ip;
  if (h.length === 0 || h.length > 255) return null;
  return h;
}

export function stripAngle(s: string): string {
  let t = s.trim();
  if (t.startsWith('<')) t = t.slice(1);
  if (t.endsWith('>')) t = t.slice(0, -1);
  return t;
}

export interface FromInfo {
  fromName: string | null;
  rdns: string | null;
  helo: string | null;
  ip: string | null;
  unverified: boolean;
  /** Token of the comment the MTA recorded the client in, or -1. */
  peerToken: number;
  /**
   * The peer comment recorded an address and holds no sender text (no HELO, ident or port
   * items): the comments after it in the from-clause are the MTA's own (Postfix's TLS comment).
   */
  peerClean: boolean;
  /**
   * The peer comment notes an authenticated client (CommuniGate `account x`, SquirrelMail
   * `authenticated user x`, Courier `AUTH: x`): the MTA's note, read for `authenticated` only.
   */
  peerAuth: boolean;
}

const UNVERIFIED = /may be forged|rdns failed|unverified|softdnserr/i;
const UNKNOWN_NAME = /^unknown(?:\.domain)?$/i;

/** What the peer comment says, item by item, with nested comments and quoted strings skipped. */
interface Peer {
  ip: string | null;
  rdns: string | null;
  /** The first item names a host (or `unknown`) before the address: the Postfix/Sendmail shape. */
  rdnsShape: boolean;
  helo: string | null;
  /** An item names the HELO (`helo=`, `HELO x`, `"EHLO x"`), so the from-name is not the HELO. */
  heloNamed: boolean;
  /** Items the sender chose (HELO, ident, port, account) are present. */
  senderText: boolean;
  /** Exim's `[ip]:port helo=…`: the address is the first item. */
  eximShape: boolean;
  unverified: boolean;
}

const MAX_ITEMS = 8;

/** ASCII case-insensitive: does v[a, …) start with the lower-case `word`? */
function startsWithWord(v: string, a: number, b: number, word: string): boolean {
  if (b - a < word.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = v.charCodeAt(a + k);
    const w = word.charCodeAt(k);
    if (c !== w && !(w >= 97 && w <= 122 && c === w - 32)) return false;
  }
  return true;
}

function isItemBreak(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 44;
}

/**
 * Splits v[a, b) into items (white space or commas between them), skipping nested comments and
 * quoted strings, whose text is only checked for `may be forged` and `EHLO x` (ZMailer).
 */
function splitItems(
  v: string,
  a: number,
  b: number,
  peer: Peer,
  starts: number[],
  ends: number[],
): void {
  let i = a;
  while (i < b && starts.length < MAX_ITEMS) {
    const c = v.charCodeAt(i);
    if (isItemBreak(c)) {
      i++;
      continue;
    }
    if (c === 40 || c === 34) {
      const close = c === 40 ? closeParen(v, i, b) : v.indexOf('"', i + 1);
      const end = close === -1 || close >= b ? b : close;
      const inner = v.slice(i + 1, end);
      if (c === 40 && UNVERIFIED.test(inner)) peer.unverified = true;
      if (c === 34) {
        peer.senderText = true;
        const m = /^\s*(?:EHLO|HELO|LHLO)\s+(\S+)/i.exec(inner);
        if (m) {
          peer.helo ??= m[1] as string;
          peer.heloNamed = true;
        }
      }
      i = end + 1;
      continue;
    }
    let j = i + 1;
    while (j < b) {
      const d = v.charCodeAt(j);
      if (isItemBreak(d) || d === 40 || d === 34) break;
      j++;
    }
    starts.push(i);
    ends.push(j);
    i = j;
  }
}

/** Index of the ')' closing the '(' at i within v[i, b), or -1. */
function closeParen(v: string, i: number, b: number): number {
  let depth = 0;
  for (let j = i; j < b; j++) {
    const c = v.charCodeAt(j);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return j;
  }
  return -1;
}

/** The text after the last '@' of v[a, b): an `ident@` or `remoteinfo@` prefix removed. */
function afterIdent(v: string, a: number, b: number): number {
  const at = v.lastIndexOf('@', b - 1);
  return at >= a ? at + 1 : a;
}

/** A reverse-DNS name as the peer comment gives it, or null; `unknown` marks an unverified name. */
function rdnsOf(name: string, peer: Peer): string | null {
  const n = name.endsWith('.') ? name.slice(0, -1) : name; // Gmail writes the root dot
  if (UNKNOWN_NAME.test(n)) {
    peer.unverified = true;
    return null;
  }
  return isHostLike(n) && cleanIp(n) === null ? n : null;
}

/** Reads the peer comment v[a, b) by position: the address is its first or second item only. */
export function readPeer(v: string, a: number, b: number): Peer {
  const peer: Peer = {
    ip: null,
    rdns: null,
    rdnsShape: false,
    helo: null,
    heloNamed: false,
    senderText: false,
    eximShape: false,
    unverified: false,
  };
  const starts: number[] = [];
  const ends: number[] = [];
  splitItems(v, a, b, peer, starts, ends);
  noteSenderItems(v, starts, ends, peer);
  // CommuniGate Pro: `(account USER [ip] verified)`, `(account USER HELO x)`.
  const skip =
    starts.length > 2 && startsWithWord(v, starts[0] as number, ends[0] as number, 'account')
      ? 2
      : 0;
  if (starts.length <= skip) return peer;
  const s0 = afterIdent(v, starts[skip] as number, ends[skip] as number);
  const first = v.slice(s0, ends[skip] as number);
  const second =
    starts.length > skip + 1 ? v.slice(starts[skip + 1] as number, ends[skip + 1] as number) : '';
  // An Exim `helo=`/`ident=`/`port=` item or a `HELO x` pair in the first place: the address,
  // if any, was written as the from-name, never inside the sender's item.
  if (isSenderItem(first) || (first.length === 4 && isHeloWord(first, 0))) return peer;
  if (second.startsWith('[')) {
    // Postfix, Sendmail, Gmail, OpenSMTPD: `rdns [ip]`, `ident@rdns [ip]`, `unknown [ip]`
    peer.ip = cleanIp(second);
    if (peer.ip !== null) {
      peer.rdnsShape = cleanIp(first) === null;
      peer.rdns = rdnsOf(first, peer);
    }
    return peer;
  }
  if (first.startsWith('[')) {
    peer.ip = cleanIp(first); // Exim `[ip]:port helo=…`, ZMailer, Fastmail, mapi, `user@[ip]`
    peer.eximShape = s0 === starts[skip];
    return peer;
  }
  const bracket = first.indexOf('[');
  if (bracket > 0 && first.endsWith(']')) {
    // `unknown[192.0.2.1]`, `name[ip]`
    peer.ip = cleanIp(first.slice(bracket));
    if (peer.ip !== null) peer.rdns = rdnsOf(first.slice(0, bracket), peer);
    return peer;
  }
  // Exchange `(ip)`, qmail `(info@ip)`, smap `(ip, HELO x)`: an address as the first item
  peer.ip = cleanIp(first);
  if (peer.ip === null && starts.length === skip + 2) {
    peer.ip = cleanIp(second); // `(NAME ip)` (Facebook Thrift): the same place, unbracketed
  }
  return peer;
}

/** `helo=…`, `ident=…`, `port=…` items (Exim) and the word pairs `HELO x`, `account x`. */
function isSenderItem(item: string): boolean {
  const eq = item.indexOf('=');
  if (eq === -1) return false;
  const key = item.slice(0, eq).toLowerCase();
  return key === 'helo' || key === 'ehlo' || key === 'ident' || key === 'port';
}

function noteSenderItems(v: string, starts: number[], ends: number[], peer: Peer): void {
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k] as number;
    const e = ends[k] as number;
    if (startsWithWord(v, s, e, 'helo=') || startsWithWord(v, s, e, 'ehlo=')) {
      peer.helo ??= v.slice(s + 5, e);
      peer.heloNamed = true;
      peer.senderText = true;
    } else if (startsWithWord(v, s, e, 'ident=') || startsWithWord(v, s, e, 'port=')) {
      peer.senderText = true;
    } else if (e - s === 4 && isHeloWord(v, s) && k + 1 < starts.length) {
      peer.helo ??= v.slice(starts[k + 1] as number, ends[k + 1] as number);
      peer.heloNamed = true;
      peer.senderText = true;
    } else if (e - s === 7 && startsWithWord(v, s, e, 'account')) {
      peer.senderText = true;
    }
  }
}

/** `HELO`, `EHLO` or `LHLO` at v[s, s+4), any case. */
function isHeloWord(v: string, s: number): boolean {
  return (
    startsWithWord(v, s, s + 4, 'helo') ||
    startsWithWord(v, s, s + 4, 'ehlo') ||
    startsWithWord(v, s, s + 4, 'lhlo')
  );
}

/** A comment `HELO x` (qmail, s-web; `HELO ` alone when the client sent none): not the peer record. */
function isHeloComment(v: string, a: number, b: number): boolean {
  if (b - a < 4 || !isHeloWord(v, a)) return false;
  if (b - a === 4) return true;
  const c = v.charCodeAt(a + 4);
  return c === 32 || c === 9;
}

function heloCommentValue(v: string, a: number, b: number): string | null {
  const rest = v.slice(a + 4, b).trim();
  return rest.length > 0 && !/\s/.test(rest) ? rest : null;
}

/** Token range [a, b) of comment k without surrounding white space. */
function trimmedComment(v: string, k: number): [number, number] {
  let a = startOf[k] as number;
  let b = endOf[k] as number;
  while (a < b && v.charCodeAt(a) <= 32) a++;
  while (b > a && v.charCodeAt(b - 1) <= 32) b--;
  return [a, b];
}

/**
 * Reads the from-clause, tokens [first, end) after the `from` keyword. The first one is the name,
 * read raw by the lexer with any comment glued to it: `host(ip)` (smap), `([ip]:port helo=x)`
 * (ecelerity, Microsoft SMTPSVC, which write no name). A glued comment is the peer record only
 * when the clause has no comment of its own: otherwise it is part of a HELO.
 */
export function readFrom(v: string, first: number, end: number): FromInfo {
  const info: FromInfo = {
    fromName: null,
    rdns: null,
    helo: null,
    ip: null,
    unverified: false,
    peerToken: -1,
    peerClean: false,
    peerAuth: false,
  };
  let nameIp: string | null = null;
  let glued = -1; // where the name's first glued comment opens
  let k = first;
  if (k < end && kindOf[k] === WORD) {
    const s = startOf[k] as number;
    const e = endOf[k] as number;
    const paren = v.indexOf('(', s);
    glued = paren !== -1 && paren < e ? paren : -1;
    const name = v.slice(s, glued === -1 ? e : glued);
    nameIp = cleanIp(name);
    info.fromName = nameIp ?? cleanHost(name);
    k++;
  }
  let peer: Peer | null = null;
  let heloNamed = false;
  let wordIp: string | null = null;
  for (; k < end; k++) {
    const s = startOf[k] as number;
    const e = endOf[k] as number;
    if (kindOf[k] !== COMMENT) {
      if (peer !== null) continue;
      if (v.charCodeAt(s) === 40) {
        // The MTA's peer comment, left unclosed by text inside it (an Exim HELO or ident such
        // as `([10.0.0.1]`): read it by position to the end of the clause, as sender text.
        info.peerToken = k;
        peer = readPeer(v, s + 1, endOf[end - 1] as number);
        peer.senderText = true;
        notePeerText(info, v.slice(s + 1, e));
        continue;
      }
      // `host [ip]` (MDaemon, GMX)
      if (wordIp === null && v.charCodeAt(s) === 91) wordIp = cleanIp(v.slice(s, e));
      continue;
    }
    if (peer !== null) {
      if (!info.unverified && UNVERIFIED.test(v.slice(s, e))) info.unverified = true;
      continue;
    }
    const [a, b] = trimmedComment(v, k);
    if (isHeloComment(v, a, b)) {
      info.helo ??= heloCommentValue(v, a, b);
      heloNamed = true;
      continue;
    }
    info.peerToken = k;
    peer = readPeer(v, a, b);
    notePeerText(info, v.slice(a, b));
  }
  if (peer === null && glued !== -1) {
    const close = closeParen(v, glued, endOf[first] as number);
    if (close !== -1) {
      peer = readPeer(v, glued + 1, close);
      notePeerText(info, v.slice(glued + 1, close));
    }
  }
  return settle(info, peer, nameIp, wordIp, heloNamed);
}

function notePeerText(info: FromInfo, text: string): void {
  if (UNVERIFIED.test(text)) info.unverified = true;
  if (AUTH_COMMENT.test(text)) info.peerAuth = true;
}

/** Address, rDNS and HELO from what the clause recorded, in the order the MTAs write them. */
function settle(
  info: FromInfo,
  peer: Peer | null,
  nameIp: string | null,
  wordIp: string | null,
  heloNamedOutside: boolean,
): FromInfo {
  const heloNamed = heloNamedOutside || (peer?.heloNamed ?? false);
  if (peer !== null) {
    info.ip = peer.ip;
    info.rdns = peer.rdns;
    if (peer.unverified) info.unverified = true;
    if (peer.helo !== null) info.helo ??= peer.helo;
    info.peerClean = peer.ip !== null && !peer.senderText;
  }
  // Without an address in the peer comment, the name is the address: Exim's unverified
  // `from [ip] (helo=…)`, or no peer comment at all (Exim omits it when the HELO equals the
  // address; SquirrelMail, AVG). Every family that writes the HELO as the name records the
  // address in the peer comment, which then wins.
  info.ip ??= wordIp ?? nameIp;
  if (info.rdns === null && heloNamed && info.fromName !== null && nameIp === null) {
    // The from-name is then the receiver's view of the client, or `unknown`. Exim writes a name
    // only once forward-confirmed (`host ([ip] helo=…)`); qmail's TCPREMOTEHOST is whatever the
    // PTR record says unless tcpserver ran with -p, and others do not say: unverified.
    if (UNKNOWN_NAME.test(info.fromName)) info.unverified = true;
    else if (peer === null || peer.ip !== null || peer.heloNamed) {
      info.rdns = info.fromName;
      if (peer === null || !peer.eximShape || !peer.heloNamed) info.unverified = true;
    }
  }
  if (info.helo === null && peer !== null && peer.rdnsShape && nameIp === null) {
    info.helo = info.fromName; // Postfix/Sendmail/Gmail: the name is the HELO argument
  }
  if (info.helo !== null && info.helo.length === 0) info.helo = null;
  return info;
}

/**
 * Sendmail without HELO writes the client in a leading comment, `(from IDENT@RDNS [IP])`.
 * `(from user@host)` without an address is a local submission: no sending host (null).
 */
export function readLeadingFrom(v: string, k: number): FromInfo | null {
  const [a, b] = trimmedComment(v, k);
  if (!startsWithWord(v, a, b, 'from') || b - a < 6) return null;
  const c = v.charCodeAt(a + 4);
  if (c !== 32 && c !== 9) return null;
  const peer = readPeer(v, a + 5, b);
  if (peer.ip === null) return null;
  return {
    fromName: peer.rdns ?? peer.ip,
    rdns: peer.rdns,
    helo: null,
    ip: peer.ip,
    unverified: peer.unverified,
    peerToken: k,
    peerClean: false,
    peerAuth: false,
  };
}
