// SSRF guard: the probe connects only to public unicast addresses unless lab mode says otherwise.
// Pure (no node:net) so the probe service can reuse it anywhere.

/** Why an address is not public, or null when it is. */
export type NonPublicReason =
  | 'invalid'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'metadata'
  | 'ietf-protocol'
  | 'unique-local'
  | 'site-local'
  | 'discard'
  | 'translation';

interface V4Range {
  base: number;
  bits: number;
  reason: NonPublicReason;
}

function v4(cidr: string, reason: NonPublicReason): V4Range {
  const [addr = '', bits = '32'] = cidr.split('/');
  return { base: parseIpv4(addr) ?? 0, bits: Number(bits), reason };
}

// Order matters: the metadata address sits inside link-local and must win.
const V4_RANGES: readonly V4Range[] = [
  v4('169.254.169.254/32', 'metadata'),
  v4('0.0.0.0/8', 'unspecified'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'cgnat'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'ietf-protocol'),
  v4('192.0.2.0/24', 'documentation'),
  v4('192.88.99.0/24', 'reserved'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'benchmarking'),
  v4('198.51.100.0/24', 'documentation'),
  v4('203.0.113.0/24', 'documentation'),
  v4('224.0.0.0/4', 'multicast'),
  v4('255.255.255.255/32', 'broadcast'),
  v4('240.0.0.0/4', 'reserved'),
];

/** Parses dotted-quad IPv4 into an unsigned 32-bit number; null when malformed. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

function inV4Range(value: number, range: V4Range): boolean {
  if (range.bits === 0) return true;
  const size = 2 ** (32 - range.bits);
  return Math.floor(value / size) === Math.floor(range.base / size);
}

function classifyIpv4(value: number): NonPublicReason | null {
  for (const range of V4_RANGES) if (inV4Range(value, range)) return range.reason;
  return null;
}

/** Parses IPv6 (with `::` and an optional embedded IPv4 tail) into eight 16-bit groups. */
export function parseIpv6(text: string): number[] | null {
  const input = text.replace(/%.*$/, ''); // drop a zone id
  if (!/^[0-9a-fA-F:.]+$/.test(input)) return null;
  const halves = input.split('::');
  if (halves.length > 2) return null;
  const toGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (piece.includes('.') && index === pieces.length - 1) {
        const tail = parseIpv4(piece);
        if (tail === null) return null;
        groups.push(Math.floor(tail / 65536), tail % 65536);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        groups.push(Number.parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const head = toGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function classifyIpv6(groups: number[]): NonPublicReason | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embeddedV4 = g6 * 65536 + g7;
  const firstSixZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstSixZero && g5 === 0 && g6 === 0 && g7 === 0) return 'unspecified';
  if (firstSixZero && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the IPv4 inside.
  if (firstSixZero && (g5 === 0xffff || g5 === 0)) return classifyIpv4(embeddedV4) ?? null;
  // NAT64 well-known prefix 64:ff9b::/96 embeds an IPv4 address too.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return classifyIpv4(embeddedV4) ?? null;
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'translation'; // local-use NAT64
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'discard';
  if (g0 === 0x2001 && g1 === 0xdb8) return 'documentation';
  if (g0 === 0x3fff && g1 <= 0x0fff) return 'documentation';
  if (g0 === 0x2001 && g1 < 0x200) return 'ietf-protocol'; // Teredo, ORCHID, benchmarking...
  if (g0 === 0x2002) return classifyIpv4(g1 * 65536 + g2) ?? null; // 6to4 embeds IPv4
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if ((g0 & 0xe000) !== 0x2000) return 'reserved'; // only 2000::/3 is global unicast
  // AWS IPv6 metadata endpoint fd00:ec2::254 is unique-local already.
  return null;
}

/** Why this address must not be probed, or null when it is public unicast. */
export function nonPublicReason(address: string): NonPublicReason | null {
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  if (trimmed.includes(':')) {
    const groups = parseIpv6(trimmed);
    return groups ? classifyIpv6(groups) : 'invalid';
  }
  const value = parseIpv4(trimmed);
  return value === null ? 'invalid' : classifyIpv4(value);
}

/** True for a public unicast IPv4/IPv6 address (the only kind the probe may connect to). */
export function isPublicAddress(address: string): boolean {
  return nonPublicReason(address) === null;
}
