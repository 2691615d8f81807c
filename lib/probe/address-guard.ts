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
  | 'translation'
  | 'ipv4-mapped'
  | 'ipv4-compatible';

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
  // Forms that embed an IPv4 address: the embedded address is judged first (a private one keeps
  // its own reason), then the form itself must be routable on the IPv6 internet.
  // IPv4-mapped ::ffff:0:0/96 (RFC 4291 §2.5.5.2) only represents IPv4 peers inside a host's
  // dual-stack socket API; it is never a destination on the wire (IANA IPv6 special-purpose
  // registry: not globally reachable). A socket connect to it silently becomes an IPv4 connect.
  if (firstSixZero && g5 === 0xffff) return classifyIpv4(embeddedV4) ?? 'ipv4-mapped';
  // IPv4-compatible ::/96 (RFC 4291 §2.5.5.1) is deprecated and no longer routed: refused even
  // with a public address inside.
  if (firstSixZero && g5 === 0) return classifyIpv4(embeddedV4) ?? 'ipv4-compatible';
  // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052 §2.1) is globally reachable through a
  // translator; RFC 6052 §3.1 forbids it for non-global IPv4, so only a public inside passes.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return classifyIpv4(embeddedV4) ?? null;
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'translation'; // local-use NAT64, RFC 8215
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'discard';
  if (g0 === 0x2001 && g1 === 0xdb8) return 'documentation';
  if (g0 === 0x3fff && g1 <= 0x0fff) return 'documentation';
  // 2001::/23 (IANA): Teredo 2001::/32 (RFC 4380 §4: server and obfuscated client IPv4
  // inside, reached only through a Teredo relay), ORCHID, benchmarking, AMT...: refused whole.
  if (g0 === 0x2001 && g1 < 0x200) return 'ietf-protocol';
  // 6to4 2002::/16 (RFC 3056 §2) embeds the site's IPv4 in bits 16-47 and is routed as ordinary
  // global unicast to that site's relay; a public inside passes, a private one keeps its reason.
  if (g0 === 0x2002) return classifyIpv4(g1 * 65536 + g2) ?? null;
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

/**
 * The probe's rule for every connection it makes (SMTP, MTA-STS policy, OCSP, CRL): public
 * unicast only. Lab mode adds loopback, where the lab's servers live, and nothing else: not the
 * private ranges, not link-local, never the metadata address.
 */
export function refusedAddressReason(
  address: string,
  allowLoopback: boolean,
): NonPublicReason | null {
  const reason = nonPublicReason(address);
  return allowLoopback && reason === 'loopback' ? null : reason;
}
