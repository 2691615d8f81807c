// The one MX lookup (RFC 5321 §5.1, RFC 7505): the DNS checks and the probe both start here, so
// they agree on null MX, on the order of hosts and on what counts as DNSSEC-secure.
import type { DnsAnswer, DnsClient } from '../dns/types.ts';

export const MAX_MX_HOSTS = 10;

/** RFC 7505 §3, quoted in findings about a null MX that is not alone. */
export const NULL_MX_ALONE_RULE =
  'RFC 7505 §3: "A domain that advertises a null MX MUST NOT advertise any other MX RR."';

export type MxStatus = 'ok' | 'null-mx' | 'implicit' | 'none' | 'temperror';

export interface MxHost {
  exchange: string;
  preference: number;
}

export interface MxHostSet {
  answer: DnsAnswer<'MX'>;
  status: MxStatus;
  /**
   * Hosts to deliver to, by preference then name, at most `maxHosts`; the domain itself for an
   * implicit MX. Never the null MX's "." (the root is not a host, RFC 7505 §3).
   */
  hosts: MxHost[];
  /** Hosts before the cap. */
  hostCount: number;
  /** The RRset holds a "." exchange (a null MX, RFC 7505). */
  nullMx: boolean;
  /** A null MX beside real hosts, which RFC 7505 §3 forbids. */
  nullMixed: boolean;
  /** "." exchanges whose preference is not the 0 RFC 7505 §3 prescribes. */
  nullMxPreferences: number[];
  implicit: boolean;
  /** The MX RRset validated; for an implicit MX, the domain's own address records. */
  secure: boolean;
}

export interface HostAddresses {
  a: DnsAnswer<'A'>;
  aaaa: DnsAnswer<'AAAA'>;
  addresses: string[];
  /** CNAMEs followed from the host name to its addresses, in order. */
  cnameChain: string[];
  /** Every answer that carries addresses (or both, proving there are none) was validated. */
  secure: boolean;
}

/**
 * DNSSEC state of a host's addresses. An unsigned negative answer for one family hides nothing
 * an attacker could use (RFC 7672 §2.2.2 asks about the records that were found); any answer
 * with records must validate.
 */
export function addressesSecure(a: DnsAnswer, aaaa: DnsAnswer): boolean {
  const answered = [a, aaaa].filter((x) => x.records.length > 0);
  const relevant = answered.length > 0 ? answered : [a, aaaa];
  return relevant.every((x) => x.authenticData);
}

export async function resolveHostAddresses(
  dns: DnsClient,
  host: string,
  signal?: AbortSignal,
): Promise<HostAddresses> {
  const opts = signal ? { signal } : {};
  const [a, aaaa] = await Promise.all([dns.query(host, 'A', opts), dns.query(host, 'AAAA', opts)]);
  return {
    a,
    aaaa,
    addresses: [...a.records, ...aaaa.records],
    cnameChain: a.cnameChain.length > 0 ? a.cnameChain : aaaa.cnameChain,
    secure: addressesSecure(a, aaaa),
  };
}

const byPreferenceThenName = (x: MxHost, y: MxHost) =>
  x.preference - y.preference || x.exchange.localeCompare(y.exchange);

export async function resolveMxHosts(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
  maxHosts = MAX_MX_HOSTS,
): Promise<MxHostSet> {
  const opts = signal ? { signal } : {};
  const answer = await dns.query(domain, 'MX', opts);
  const base = {
    answer,
    hosts: [] as MxHost[],
    hostCount: 0,
    nullMx: false,
    nullMixed: false,
    nullMxPreferences: [] as number[],
    implicit: false,
    secure: answer.authenticData,
  };
  if (answer.status === 'servfail' || answer.status === 'temperror')
    return { ...base, status: 'temperror', secure: false };
  if (answer.status === 'nxdomain') return { ...base, status: 'none' };
  if (answer.status === 'nodata') {
    const implicit = await resolveHostAddresses(dns, domain, signal);
    if (implicit.addresses.length === 0) return { ...base, status: 'none' };
    const hosts = [{ exchange: domain, preference: 0 }];
    return {
      ...base,
      status: 'implicit',
      hosts,
      hostCount: 1,
      implicit: true,
      secure: implicit.secure,
    };
  }
  const sorted = [...answer.records].sort(byPreferenceThenName);
  const roots = sorted.filter((r) => r.exchange === '');
  const real = sorted.filter((r) => r.exchange !== '');
  const nullMx = roots.length > 0;
  return {
    ...base,
    status: real.length > 0 ? 'ok' : nullMx ? 'null-mx' : 'none',
    hosts: real.slice(0, maxHosts),
    hostCount: real.length,
    nullMx,
    nullMixed: nullMx && real.length > 0,
    nullMxPreferences: roots.map((r) => r.preference).filter((p) => p !== 0),
  };
}
