// The from-clause of a Received header: the client's name as given, the reverse-DNS name and
// address the receiver recorded, and the HELO name (client-chosen, never evidence).

import { isSpace } from './cfws.ts';
import { cleanIp } from './ip.ts';

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

/** `s.split(/[\s,]+/)` by char codes: empty first or last part when `s` starts or ends with a run. */
function splitOnSpaceOrComma(s: string): string[] {
  const parts: string[] = [];
  const n = s.length;
  let start = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c !== 44 && !isSpace(c)) {
      i++;
      continue;
    }
    parts.push(s.slice(start, i));
    i++;
    while (i < n && (s.charCodeAt(i) === 44 || isSpace(s.charCodeAt(i)))) i++;
    start = i;
  }
  parts.push(s.slice(start, n));
  return parts;
}

function hasParenEdge(p: string): boolean {
  return p.charCodeAt(0) === 40 || p.charCodeAt(p.length - 1) === 41;
}

function hasBracketEdge(p: string): boolean {
  const a = p.charCodeAt(0);
  const z = p.charCodeAt(p.length - 1);
  return a === 60 || a === 40 || z === 62 || z === 41;
}

/** Reads the from-clause: `name (rdns [ip])`, `name ([ip] helo=x)`, `name (HELO x) (ip)` … */
export function readFrom(words: string[] | null, comments: string[]): FromInfo {
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
  for (const comment of comments) {
    const c = comment.trim();
    if (c.length === 0) continue;
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
    const parts = splitOnSpaceOrComma(c);
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
        const ip = cleanIp(hasParenEdge(p) ? p.replace(/^[(]|[)]$/g, '') : p);
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
