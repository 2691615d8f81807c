// The DNS facts a probe of the domain's mail servers stands on: the MX set, each host's
// addresses and TLSA, the DNSSEC state of both, and the _mta-sts record. lib/checks owns them;
// lib/assess looks them up here once, on the assessment's shared DNS view, and hands them to the
// probe, which only connects, fetches the policy and judges (it never asks for them again).
//
// Every lookup starts at once and each part settles on its own, so a slow host's TLSA holds up
// neither the other hosts nor the MTA-STS policy fetch.

import type { DnsAnswer, DnsClient } from '../dns/types.ts';
import {
  type HostAddresses,
  MAX_MX_HOSTS,
  type MxHostSet,
  resolveHostAddresses,
  resolveMxHosts,
} from './mx-lookup.ts';
import { lookupTlsa, type TlsaLookup } from './tlsa-lookup.ts';

export interface MxHostFacts {
  /** The MX target as a host name: lower case, no trailing dot. */
  host: string;
  preference: number;
  addresses: HostAddresses;
  /** RFC 7672 §2.2.2: TLSA at the CNAME-expanded name first, then at the host name. */
  tlsa: TlsaLookup;
}

export interface MxFacts {
  set: MxHostSet;
  /** One per `set.hosts`, in the same order. */
  hosts: readonly Promise<MxHostFacts>[];
}

export interface MailFacts {
  /** The domain as looked up: lower case, no trailing dot. */
  domain: string;
  mx: Promise<MxFacts>;
  /** The `_mta-sts.<domain>` TXT answer (RFC 8461 §3.1). */
  mtaStsRecord: Promise<DnsAnswer<'TXT'>>;
}

export interface MailFactsOptions {
  /** MX hosts looked at, in preference order (the probe's limit). */
  maxHosts?: number;
}

const hostName = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

/** Nobody may be waiting yet: a failure is kept for whoever awaits it, never left unhandled. */
function kept<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}

async function hostFacts(
  dns: DnsClient,
  exchange: string,
  preference: number,
): Promise<MxHostFacts> {
  const host = hostName(exchange);
  const pending = resolveHostAddresses(dns, host);
  const [addresses, tlsa] = await Promise.all([pending, lookupTlsa(dns, host, pending)]);
  return { host, preference, addresses, tlsa };
}

export function lookupMailFacts(
  dns: DnsClient,
  rawDomain: string,
  options: MailFactsOptions = {},
): MailFacts {
  const domain = hostName(rawDomain);
  const mx = resolveMxHosts(dns, domain, undefined, options.maxHosts ?? MAX_MX_HOSTS).then(
    (set) => ({
      set,
      hosts: set.hosts.map((h) => kept(hostFacts(dns, h.exchange, h.preference))),
    }),
  );
  return { domain, mx: kept(mx), mtaStsRecord: kept(dns.query(`_mta-sts.${domain}`, 'TXT')) };
}
