// The one TLSA lookup for an SMTP server name (RFC 7672 §2.2.2): the DNS checks and the probe
// both use it. For a host name that is a CNAME, TLSA is looked for at the fully expanded name
// first and then at the name itself, the way posttls-finger and ldns-dane find it.
import type { DnsAnswer, DnsClient } from '../dns/types.ts';
import type { HostAddresses } from './mx-lookup.ts';

export interface TlsaLookup {
  /** The server name as given (the MX host name). */
  host: string;
  /** The last name of the host's CNAME chain, or null when the host is not an alias. */
  expanded: string | null;
  /**
   * The answer at the TLSA base domain: the expanded name when it has TLSA records (or its
   * lookup failed), otherwise the host name's.
   */
  answer: DnsAnswer<'TLSA'>;
  /** The name the TLSA records belong to (RFC 7672 §2.2.2; SNI per §8.1). */
  baseDomain: string;
  /** Candidate base domains asked, in order. */
  tried: string[];
  /**
   * The first answer on the way to the addresses validated: the address records themselves,
   * or for an alias the CNAME at the host name. Without it DANE does not apply (RFC 7672 §2.2.2).
   */
  hostSecure: boolean;
  /** Every CNAME and the final address records validated, so the expanded name may be used. */
  expansionSecure: boolean;
}

export const tlsaName = (host: string, port = 25) => `_${port}._tcp.${host}`;

/** NXDOMAIN/NODATA: no TLSA at this candidate, so the next candidate is asked. */
const nothingThere = (answer: DnsAnswer) =>
  answer.status === 'nxdomain' || answer.status === 'nodata';

/**
 * `addresses` may still be on its way: the TLSA question for the host name does not depend on
 * it and is asked at once (a DNS check costs no extra round trip for a host that is no alias);
 * only the expanded name's TLSA waits for the address answers.
 */
export async function lookupTlsa(
  dns: DnsClient,
  host: string,
  addressesPending: HostAddresses | Promise<HostAddresses>,
  signal?: AbortSignal,
): Promise<TlsaLookup> {
  const opts = signal ? { signal } : {};
  const atHost = dns.query(tlsaName(host), 'TLSA', opts);
  const addresses = await addressesPending;
  const expanded = addresses.cnameChain.at(-1) ?? null;
  const expansionSecure = expanded !== null && addresses.secure;
  let hostSecure = addresses.secure;
  if (expanded !== null && !expansionSecure) {
    // An insecure target does not make the alias insecure: ask for the CNAME RRset on its own.
    const alias = await dns.query(host, 'CNAME', opts);
    hostSecure = alias.authenticData && alias.records.length > 0;
  }
  // Postfix tls_dane_resolve(): the expanded name first when secure; a failed lookup there is
  // not "nothing there", so the host name is not tried after it.
  if (expansionSecure && expanded !== null) {
    const atTarget = await dns.query(tlsaName(expanded), 'TLSA', opts);
    if (!nothingThere(atTarget)) {
      const base = { host, expanded, baseDomain: expanded, tried: [expanded] };
      return { ...base, answer: atTarget, hostSecure, expansionSecure };
    }
  }
  const tried = expansionSecure && expanded !== null ? [expanded, host] : [host];
  const answer = await atHost;
  return { host, expanded, answer, baseDomain: host, tried, hostSecure, expansionSecure };
}
