// The from-clause of a Received header: the client's name as given, the reverse-DNS name and
// address the receiver recorded, and the HELO name (client-chosen, never evidence).

import { isSpaceCode } from './char-codes.ts';
import { cleanIp, mayStartIp } from './ip.ts';
import { endOf, startOf } from './received-lex.ts';

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

/** `^ident:` in any case. */
function startsWithIdent(s: string): boolean {
  if (s.length < 6 || s.charCodeAt(5) !== 58) return false;
  const ident = 'ident';
  for (let i = 0; i < 5; i++) if ((s.charCodeAt(i) | 32) !== ident.charCodeAt(i)) return false;
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
}

const HELO = /(?:^|[\s,"(])(?:helo|ehlo|lhlo)(?:=|\s+)([^\s,)"]*)/i;
const UNVERIFIED = /may be forged|rdns failed|unverified|softdnserr/i;

/** HELO, EHLO and LHLO all contain "lo": a cheap test (native scan) before the full pattern. */
const LO = /lo/i;

function mentionsHelo(c: string): boolean {
  return LO.test(c);
}

/**
 * Start and end (exclusive) of each part of `s.split(/[\s,]+/)` for s = v[a, b), read from
 * `codes`: an empty first or last part when s starts or ends with a run. Module scratch, reused.
 */
let partStart = new Int32Array(64);
let partEnd = new Int32Array(64);

/** Fills partStart/partEnd with the parts of v[a, b); returns their number. */
function splitParts(codes: Uint8Array, a: number, b: number): number {
  // At most one part per two characters, plus the last one.
  const room = ((b - a) >> 1) + 2;
  if (room > partStart.length) {
    partStart = new Int32Array(room);
    partEnd = new Int32Array(room);
  }
  let count = 0;
  let start = a;
  let i = a;
  while (i < b) {
    const c = codes[i] as number;
    if (c !== 44 && !isSpaceCode(c)) {
      i++;
      continue;
    }
    partStart[count] = start;
    partEnd[count++] = i;
    i++;
    while (i < b && (codes[i] === 44 || isSpaceCode(codes[i] as number))) i++;
    start = i;
  }
  partStart[count] = start;
  partEnd[count++] = b;
  return count;
}

/** Where the address in a part starts: its first "@[" ("ident@[ip]"), else its first '['; or -1. */
function bracketAt(codes: Uint8Array, ps: number, pe: number): number {
  let first = -1;
  for (let j = ps; j < pe; j++) {
    if (codes[j] !== 91) continue;
    if (j > ps && codes[j - 1] === 64) return j;
    if (first === -1) first = j;
  }
  return first;
}

function hasBracketEdge(p: string): boolean {
  const a = p.charCodeAt(0);
  const z = p.charCodeAt(p.length - 1);
  return a === 60 || a === 40 || z === 62 || z === 41;
}

/**
 * Reads the from-clause: `name (rdns [ip])`, `name ([ip] helo=x)`, `name (HELO x) (ip)` …
 * The comments are token indexes into the lexed value `v`, whose charCodes are `codes`.
 */
export function readFrom(
  words: string[] | null,
  v: string,
  codes: Uint8Array,
  commentTokens: readonly number[],
): FromInfo {
  const info: FromInfo = { fromName: null, rdns: null, helo: null, ip: null, unverified: false };
  if (words === null) return info;
  const w0 = words[0];
  let nameIp: string | null = null;
  if (w0 !== undefined) {
    nameIp = cleanIp(w0);
    info.fromName = nameIp ?? cleanHost(w0);
  }
  // Bare bracketed IP among the words: "host [1.2.3.4]" (MDaemon, ZoneMTA, GMX).
  for (let k = 1; k < words.length && info.ip === null; k++) {
    const w = words[k] as string;
    if (w.startsWith('[')) info.ip = cleanIp(w);
  }
  let explicitHelo: string | null = null;
  let rdnsSeen = false;
  for (const token of commentTokens) {
    // The comment without surrounding white space.
    let a = startOf[token] as number;
    let b = endOf[token] as number;
    while (a < b && isSpaceCode(codes[a] as number)) a++;
    while (b > a && isSpaceCode(codes[b - 1] as number)) b--;
    if (a === b) continue;
    const c = v.slice(a, b);
    // Once the address is known, later comments (TLS, certificates) only matter for HELO.
    if (info.ip !== null && rdnsSeen) {
      if (explicitHelo === null && mentionsHelo(c)) {
        const late = HELO.exec(c);
        if (late) explicitHelo = late[1] ?? '';
      }
      continue;
    }
    const heloM = mentionsHelo(c) ? HELO.exec(c) : null;
    if (heloM && explicitHelo === null) explicitHelo = heloM[1] ?? '';
    if (UNVERIFIED.test(c)) info.unverified = true;
    // Address: bracketed first, then a bare address token.
    const parts = splitParts(codes, a, b);
    let ipIdx = -1;
    for (let k = 0; k < parts; k++) {
      const pe = partEnd[k] as number;
      const at = bracketAt(codes, partStart[k] as number, pe);
      const ip = at === -1 ? null : cleanIp(v.slice(at, pe));
      if (ip !== null) {
        if (info.ip === null) info.ip = ip;
        ipIdx = k;
        break;
      }
    }
    if (ipIdx === -1) {
      for (let k = 0; k < parts; k++) {
        // The part without one leading '(' and one trailing ')'.
        let ps = partStart[k] as number;
        let pe = partEnd[k] as number;
        if (ps < pe && codes[ps] === 40) ps++;
        if (pe > ps && codes[pe - 1] === 41) pe--;
        if (ps === pe || !mayStartIp(codes[ps] as number)) continue;
        const ip = cleanIp(v.slice(ps, pe));
        if (ip !== null) {
          if (info.ip === null) info.ip = ip;
          ipIdx = k;
          break;
        }
      }
    }
    // rDNS: the token before the address in the same comment ("rdns [ip]", "user@rdns [ip]").
    if (!rdnsSeen && ipIdx > 0) {
      let cand = v.slice(partStart[ipIdx - 1] as number, partEnd[ipIdx - 1] as number);
      const ipPart = v.slice(partStart[ipIdx] as number, partEnd[ipIdx] as number);
      const bracket = ipPart.indexOf('[');
      if (bracket > 0) cand = ipPart.slice(0, bracket); // "unknown[1.2.3.4]"
      if (startsWithIdent(cand)) cand = cand.slice(6);
      const at = cand.lastIndexOf('@');
      if (at !== -1) cand = cand.slice(at + 1);
      if (hasBracketEdge(cand)) cand = cand.replace(/^[<(]+|[>)]+$/g, '');
      if (cand.endsWith('.')) cand = cand.slice(0, -1);
      if ((cand.length === 4 && /^(?:helo|ehlo|lhlo)$/i.test(cand)) || cand.length === 0) {
        // "(HELO x) [ip]" forms: no rDNS here
      } else if (isHostLike(cand) && cleanIp(cand) === null) {
        rdnsSeen = true;
        if ((cand.length === 7 || cand.length === 14) && /^unknown(?:\.domain)?$/i.test(cand)) {
          info.rdns = null;
          info.unverified = true;
        } else info.rdns = cand;
      }
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
