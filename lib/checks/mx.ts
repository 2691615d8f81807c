// MX discovery (RFC 5321 §5.1): preferences, null MX (RFC 7505), the implicit MX fallback, and
// the addresses of each host. MX targets that are IP literals or CNAMEs are flagged.
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome, CheckStatus, Finding } from '../outcome.ts';
import { issue } from './finding-codes.ts';
import { didNotResolve, isVoid, lookupFailedFinding } from './lookup.ts';
import {
  type MxHost,
  type MxHostSet,
  NULL_MX_ALONE_RULE,
  resolveHostAddresses,
  resolveMxHosts,
} from './mx-lookup.ts';

export {
  MAX_MX_HOSTS,
  type MxHostSet,
  resolveHostAddresses,
  resolveMxHosts,
} from './mx-lookup.ts';

export interface MxHostDetails {
  exchange: string;
  preference: number;
  ipv4: string[];
  ipv6: string[];
  /** CNAMEs between the MX target and its addresses (should be empty). */
  cnameChain: string[];
  addressesDnssec: boolean;
}

export interface MxDetails {
  hosts: MxHostDetails[];
  /** A null MX ("." exchange, RFC 7505) is published, alone or not. */
  nullMx: boolean;
  /** The null MX sits beside real MX hosts (RFC 7505 §3 forbids it). */
  nullMixed: boolean;
  implicit: boolean;
  dnssec: boolean;
}

const IP_LITERAL = /^\[?(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)\]?$/i;

/** What the domain's MX RRset says before any host is looked at (null MX, implicit MX). */
function nullMxFindings(set: MxHostSet, domain: string, records: string[]): Finding[] {
  const findings: Finding[] = [];
  if (set.nullMixed) {
    findings.push(
      issue(
        'mx.null-mixed',
        `${domain} publishes a null MX ("." = accepts no mail, RFC 7505) beside real MX hosts. ` +
          'RFC 7505 does not say what a sender does with such a set: receivers differ (some ' +
          'refuse at once, others deliver to the other hosts).',
        {
          evidence: `${NULL_MX_ALONE_RULE} Published: ${records.join(' | ')}`,
          fix: 'Remove either the "0 ." record or the real MX records, so one intent is published.',
        },
      ),
    );
  }
  if (set.nullMxPreferences.length > 0) {
    findings.push(
      issue(
        'mx.null-preference',
        `The null MX of ${domain} has preference ${set.nullMxPreferences.join(', ')}; RFC 7505 §3 defines it with preference 0.`,
        { evidence: records.join(' | '), fix: `Publish "${domain}. MX 0 ."` },
      ),
    );
  }
  return findings;
}

async function hostDetails(
  dns: DnsClient,
  host: MxHost,
  findings: Finding[],
  signal?: AbortSignal,
): Promise<MxHostDetails> {
  const { a, aaaa, cnameChain, secure } = await resolveHostAddresses(dns, host.exchange, signal);
  for (const failed of [a, aaaa].filter(didNotResolve)) findings.push(lookupFailedFinding(failed));
  if (IP_LITERAL.test(host.exchange)) {
    findings.push(
      issue(
        'mx.ip-literal',
        `MX target "${host.exchange}" is an IP address; MX must name a host (RFC 5321 §5.1).`,
        { evidence: host.exchange },
      ),
    );
  }
  if (cnameChain.length > 0) {
    findings.push(
      issue(
        'mx.cname',
        `MX target ${host.exchange} is an alias (CNAME to ${cnameChain.join(' → ')}); RFC 2181 §10.3 forbids it.`,
        { evidence: host.exchange },
      ),
    );
  }
  if (!didNotResolve(a) && !didNotResolve(aaaa) && a.records.length + aaaa.records.length === 0) {
    findings.push(
      issue('mx.host-no-address', `MX host ${host.exchange} has no A or AAAA record.`, {
        evidence: host.exchange,
      }),
    );
  }
  return { ...host, ipv4: a.records, ipv6: aaaa.records, cnameChain, addressesDnssec: secure };
}

export async function checkMx(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<CheckOutcome<MxDetails>> {
  const set = await resolveMxHosts(dns, domain, signal);
  const { answer } = set;
  const details: MxDetails = {
    hosts: [],
    nullMx: set.nullMx,
    nullMixed: set.nullMixed,
    implicit: set.implicit,
    dnssec: answer.authenticData,
  };
  const records = answer.records.map((r) => `${domain} MX ${r.preference} ${r.exchange || '.'}`);
  const outcome = (status: CheckStatus, findings: Finding[]): CheckOutcome<MxDetails> => ({
    check: 'mx',
    status,
    findings,
    records,
    details,
  });
  if (didNotResolve(answer)) return outcome('temperror', [lookupFailedFinding(answer)]);
  if (answer.status === 'nxdomain')
    return outcome('none', [issue('mx.domain-nxdomain', `${domain} does not exist (NXDOMAIN).`)]);
  const findings = nullMxFindings(set, domain, records);
  if (set.status === 'null-mx') {
    const declared = issue(
      'mx.null',
      `${domain} declares that it accepts no mail (null MX, RFC 7505).`,
    );
    return outcome('none', [declared, ...findings]);
  }
  if (isVoid(answer)) {
    if (!set.implicit)
      return outcome('none', [
        issue('mx.none', `${domain} has no MX and no address: it cannot receive mail.`),
      ]);
    findings.push(
      issue(
        'mx.implicit',
        `${domain} has no MX record; senders fall back to its own address (implicit MX).`,
        { fix: `Publish an explicit MX for ${domain}.` },
      ),
    );
  }
  const hosts = await Promise.all(set.hosts.map((h) => hostDetails(dns, h, findings, signal)));
  details.hosts = hosts;
  const reachable = hosts.some((h) => h.ipv4.length + h.ipv6.length > 0);
  const couldNotTell = findings.some((f) => f.code === 'dns.lookup-failed');
  const status: CheckStatus = reachable ? 'pass' : couldNotTell ? 'temperror' : 'fail';
  return outcome(status, findings);
}
