// What `mailseal check` refuses before any network traffic, and the one DNS question it asks
// first: does the domain exist, and does any resolver answer at all? The answers decide a single
// headline instead of the same error repeated under every check.

import type { DnsClient } from '../../lib/dns/types.ts';
import { type DomainParse, parseDomainName } from '../../lib/scan/domain-name.ts';

/**
 * The service's refusal rules (lib/scan/domain-name.ts). With the user's own resolver or the
 * lab, test-only names (RFC 6761 .test/.example, RFC 8375 home.arpa, .internal) may be served by
 * it, so they are allowed; with the public resolvers they are refused as the service does.
 */
export function parseCheckTarget(input: string, ownResolver: boolean): DomainParse {
  const allowSuffixes = ownResolver ? ['test', 'example', 'internal', 'home.arpa'] : [];
  return parseDomainName(input, { allowSuffixes });
}

export type Preflight =
  | { kind: 'exists' }
  | { kind: 'nxdomain'; resolver: string }
  | { kind: 'no-resolver'; resolvers: readonly string[]; error: string };

/** Asks for the domain's MX once (the DoH client caches it for the checks that follow). */
export async function preflight(
  dns: DnsClient,
  domain: string,
  resolvers: readonly string[],
): Promise<Preflight> {
  const answer = await dns.query(domain, 'MX');
  if (answer.status === 'nxdomain') return { kind: 'nxdomain', resolver: answer.resolver };
  if (answer.status === 'temperror')
    return { kind: 'no-resolver', resolvers, error: answer.error ?? 'no answer' };
  return { kind: 'exists' };
}

export function preflightHeadline(domain: string, result: Preflight): string {
  if (result.kind === 'nxdomain') {
    return `${domain}: does not exist (NXDOMAIN from ${result.resolver}); no mail can be delivered to it, so there is nothing to test.\n`;
  }
  if (result.kind === 'no-resolver') {
    return `no DNS resolver reachable: offline? (asked ${result.resolvers.join(', ')}: ${result.error})\n`;
  }
  return '';
}
