// Which X-Forwarded-For entry is the client. The header is written by whoever sends the request,
// so only entries added by proxies we know can be believed: walking from the socket peer toward
// the left, every hop we trust is skipped and the first one we do not trust is the client (the
// right-most untrusted address). That is Fastify's trustProxy with an address list, and
// Express's "trust proxy" with a hop count. The left-most entry, which the old `--trust-proxy`
// took, is whatever the client chose to write there.
//
// Fastify 5.12 turns a bare number into "trust nobody" (its hop-count fix), so the hop count is
// given to it as a function with the classic meaning: the peer and the next hops-1 entries.

import { isIP } from 'node:net';
import type { FastifyServerOptions } from 'fastify';

export type TrustProxy =
  | { kind: 'off' }
  /** The service is reachable only through this many proxies (nginx → service is 1). */
  | { kind: 'hops'; hops: number }
  /** The proxies' own addresses or CIDR ranges; any other peer's X-Forwarded-For is ignored. */
  | { kind: 'addresses'; addresses: string[] };

// proxy-addr's named ranges, which Fastify accepts in the list.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function checkProxyAddress(entry: string): string {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  const bits = family === 6 ? 128 : 32;
  const prefixOk =
    prefix === undefined ||
    (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits) ||
    isIP(prefix) === 4;
  if (NAMED_RANGES.has(entry) || (family !== 0 && prefixOk && extra === undefined)) return entry;
  throw new Error(`trusted proxy must be an IP address or CIDR range (got ${entry})`);
}

/**
 * Reads the setting: `true`/`yes` or a positive hop count, or a comma-separated list of proxy
 * addresses and CIDR ranges. `0`, `false`, `no` and the empty string turn it off.
 */
export function parseTrustProxy(value: string | boolean | undefined): TrustProxy {
  if (value === undefined || value === false) return { kind: 'off' };
  if (value === true) return { kind: 'hops', hops: 1 };
  const text = value.trim().toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(text)) return { kind: 'off' };
  if (['true', 'yes', 'on'].includes(text)) return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const addresses = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(checkProxyAddress);
  return { kind: 'addresses', addresses };
}

/** The value Fastify's `trustProxy` option takes for a setting. */
export function fastifyTrustProxy(
  setting: TrustProxy,
): NonNullable<FastifyServerOptions['trustProxy']> {
  switch (setting.kind) {
    case 'off':
      return false;
    case 'hops':
      return (_address: string, hop: number) => hop < setting.hops;
    case 'addresses':
      return [...setting.addresses];
  }
}

export function describeTrustProxy(setting: TrustProxy): string {
  if (setting.kind === 'off') return 'off (the socket peer is the client)';
  if (setting.kind === 'hops') return `${setting.hops} proxy hop(s)`;
  return `proxies ${setting.addresses.join(', ')}`;
}
