// RFC 5952 text form of an IPv6 literal, read by one char-code scan into a scratch buffer: no
// split, no arrays per address (Gmail and Microsoft record IPv6 peers on most hops).

/** Scratch for the eight groups; parsing is synchronous, so one buffer serves every call. */
const groups = new Float64Array(8);

/** Reads hex groups of ip[from, to) separated by ':' into `groups` from `at`; -1 if one is empty. */
function readGroups(ip: string, from: number, to: number, at: number): number {
  let k = at;
  let value = 0;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const c = ip.charCodeAt(i);
    if (c === 58) {
      if (digits === 0 || k >= 8) return -1;
      groups[k++] = value;
      value = 0;
      digits = 0;
      continue;
    }
    const d = c <= 57 ? c - 48 : c - 87; // ip is lower-case [0-9a-f:] here
    if (d < 0 || d > 15) return -1;
    value = value * 16 + d;
    digits++;
  }
  if (digits === 0 || k >= 8) return -1;
  groups[k++] = value;
  return k - at;
}

/**
 * Canonical form of a lower-case IPv6 literal made of [0-9a-f:.] with 2–7 colons and no
 * ":::": no leading zeros, the first longest run of two or more zero groups as "::". Anything
 * that is not eight groups of at most 0xffff (or has an embedded IPv4 part) is returned as is.
 */
export function canonicalIpv6(ip: string): string {
  const n = ip.length;
  if (ip.includes('.')) return ip;
  const gap = ip.indexOf('::');
  let count: number;
  if (gap === -1) {
    count = readGroups(ip, 0, n, 0);
    if (count !== 8) return ip;
  } else {
    if (ip.indexOf('::', gap + 2) !== -1) return ip;
    const head = gap === 0 ? 0 : readGroups(ip, 0, gap, 0);
    if (head < 0) return ip;
    // the tail is read after the head, then moved to the end with zeros between
    const tail = gap + 2 === n ? 0 : readGroups(ip, gap + 2, n, head);
    if (tail < 0 || head + tail > 8) return ip;
    for (let k = tail - 1; k >= 0; k--) groups[8 - tail + k] = groups[head + k] as number;
    for (let k = head; k < 8 - tail; k++) groups[k] = 0;
    count = 8;
  }
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
  for (let i = 0; i < count; i++) if ((groups[i] as number) > 0xffff) return ip;
  let out = '';
  let bare = true; // the next group needs no ':' before it
  for (let i = 0; i < count; i++) {
    if (i === bestStart) {
      out += '::';
      bare = true;
      i += bestLen - 1;
      continue;
    }
    const hex = (groups[i] as number).toString(16);
    out += bare ? hex : `:${hex}`;
    bare = false;
  }
  return out;
}
