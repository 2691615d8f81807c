// IP address literals as Received headers write them, and CIDR membership for provider networks.

import { canonicalIpv6 } from './ipv6-canonical.ts';

/** Colons in s when it is made of [0-9A-Fa-f:.] only with no ":::", else -1. */
function ipv6Colons(s: string): number {
  let colons = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) {
      colons++;
      if (++run === 3) return -1;
      continue;
    }
    run = 0;
    if (!((c >= 48 && c <= 57) || c === 46 || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) {
      return -1;
    }
  }
  return colons;
}

/**
 * A dotted quad as `^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$` accepts
 * it: four octets of one or two digits, or three digits from 100 to 255. A char-code scan, since
 * every Received address goes through it several times.
 */
function isIpv4(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let i = 0;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (s.charCodeAt(i) !== 46) return false;
      i++;
    }
    const start = i;
    let value = 0;
    while (i < n && i - start < 4) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3) return false;
    if (len === 3 && (value < 100 || value > 255)) return false;
  }
  return i === n;
}

/** `/^ipv6:/i.test(s)` by char codes (only the letters fold case). */
function startsWithIpv6Tag(s: string): boolean {
  return (
    s.length >= 5 &&
    (s.charCodeAt(0) | 32) === 105 &&
    (s.charCodeAt(1) | 32) === 112 &&
    (s.charCodeAt(2) | 32) === 118 &&
    s.charCodeAt(3) === 54 &&
    s.charCodeAt(4) === 58
  );
}

/**
 * False when cleanIp rejects text starting with this char code whatever follows: an address
 * starts with a digit, '[', ':' or ' ', or is hex-led IPv6 ("fe80::1") or "IPv6:…".
 */
export function mayStartIp(c0: number): boolean {
  return (
    (c0 >= 48 && c0 <= 58) || // digits, ':'
    c0 === 91 ||
    c0 === 32 ||
    (c0 >= 97 && c0 <= 102) ||
    (c0 >= 65 && c0 <= 70) ||
    c0 === 73 ||
    c0 === 105
  );
}

/** Cleans an address literal: brackets, `IPv6:`, `%zone`, `:port`. Returns null if not an IP. */
export function cleanIp(raw: string): string | null {
  if (raw.length > 80) return null;
  const c0 = raw.charCodeAt(0);
  if (!mayStartIp(c0)) return null; // a name
  if (!(c0 >= 48 && c0 <= 58) && c0 !== 91 && c0 !== 32) {
    // hex-led IPv6 or "IPv6:…": a ':' within the first six characters
    const colon = raw.indexOf(':');
    if (colon === -1 || colon > 5) return null;
  }
  let s = raw.trim();
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    s = close === -1 ? s.slice(1) : s.slice(1, close);
  }
  if (s.length === 0 || s.length > 64) return null;
  if (startsWithIpv6Tag(s)) s = s.slice(5);
  const pct = s.indexOf('%');
  if (pct !== -1) s = s.slice(0, pct);
  if (isIpv4(s)) return s;
  // IPv4 with a port ("63.146.189.86:23198") or a dotted port ("63.251.66.24.63559" is not valid)
  const v4port = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(s);
  if (v4port && isIpv4(v4port[1] as string)) return v4port[1] as string;
  const colons = ipv6Colons(s);
  if (colons >= 2 && colons <= 7) {
    if (s.includes('.')) {
      const tail = s.slice(s.lastIndexOf(':') + 1);
      if (!isIpv4(tail)) return null;
    }
    return canonicalIpv6(s.toLowerCase());
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address without an embedded IPv4 part, or null. */
function ipv6Groups(ip: string): number[] | null {
  if (ip.includes('.')) return null;
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? (halves[0] as string).split(':') : [];
  const tail = halves.length === 2 && halves[1] ? (halves[1] as string).split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return null;
  const groups = [...head, ...new Array<string>(fill).fill('0'), ...tail].map((g) =>
    Number.parseInt(g, 16),
  );
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function ipv4ToInt(ip: string): number | null {
  const p = ip.split('.');
  if (p.length !== 4) return null;
  let n = 0;
  for (const x of p) {
    const v = Number(x);
    if (!Number.isInteger(v) || v < 0 || v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** A network parsed once: IPv6 groups or an IPv4 number, and the prefix length. */
export interface Cidr {
  v6: number[] | null;
  v4: number | null;
  len: number;
}

/** Null when the text is not a network this module can test. */
export function parseCidr(cidr: string): Cidr | null {
  const [net, lenText] = cidr.split('/');
  const len = Number(lenText);
  if (net === undefined || !Number.isInteger(len)) return null;
  if (net.includes(':')) {
    const v6 = ipv6Groups(net);
    return v6 === null ? null : { v6, v4: null, len };
  }
  const v4 = ipv4ToInt(net);
  return v4 === null ? null : { v6: null, v4, len };
}

/** True when the address is in any of the networks. */
export function inAnyCidr(ip: string, nets: readonly Cidr[]): boolean {
  let a6: number[] | null | undefined;
  let a4: number | null | undefined;
  for (const net of nets) {
    if (net.v6 !== null) {
      a6 ??= ipv6Groups(ip.toLowerCase());
      if (a6 === null) continue;
      let bits = net.len;
      let inside = true;
      for (let g = 0; g < 8 && bits > 0; g++, bits -= 16) {
        const take = Math.min(16, bits);
        const mask = (0xffff << (16 - take)) & 0xffff;
        if (((a6[g] as number) & mask) !== ((net.v6[g] as number) & mask)) {
          inside = false;
          break;
        }
      }
      if (inside) return true;
    } else {
      a4 ??= ipv4ToInt(ip);
      if (a4 === null) continue;
      if (net.len === 0) return true;
      const shift = 32 - net.len;
      if (Math.floor(a4 / 2 ** shift) === Math.floor((net.v4 as number) / 2 ** shift)) return true;
    }
  }
  return false;
}
