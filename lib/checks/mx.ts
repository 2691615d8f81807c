// MX discovery (RFC 5321 §5.1): preferences, null MX (RFC 7505), the implicit MX fallback, and
// the addresses of each host. MX targets that are IP literals or CNAMEs are flagged.
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome, CheckStatus, Finding } from '../outcome.ts';
import { text } from '../score/text.ts';
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
      issue('mx.null-mixed', text('chk_mx_null_mixed', domain), {
        evidence: `${NULL_MX_ALONE_RULE} Published: ${records.join(' | ')}`,
        fix: text('chk_mx_fix_null_mixed'),
      }),
    );
  }
  if (set.nullMxPreferences.length > 0) {
    findings.push(
      issue(
        'mx.null-preference',
        text('chk_mx_null_preference', domain, set.nullMxPreferences.join(', ')),
        { evidence: records.join(' | '), fix: text('chk_mx_fix_null_preference', domain) },
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
      issue('mx.ip-literal', text('chk_mx_ip_literal', host.exchange), { evidence: host.exchange }),
    );
  }
  if (cnameChain.length > 0) {
    findings.push(
      issue('mx.cname', text('chk_mx_cname', host.exchange, cnameChain.join(' → ')), {
        evidence: host.exchange,
      }),
    );
  }
  if (!didNotResolve(a) && !didNotResolve(aaaa) && a.records.length + aaaa.records.length === 0) {
    findings.push(
      issue('mx.host-no-address', text('chk_mx_host_no_address', host.exchange), {
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
    return outcome('none', [issue('mx.domain-nxdomain', text('chk_mx_nxdomain', domain))]);
  const findings = nullMxFindings(set, domain, records);
  if (set.status === 'null-mx') {
    const declared = issue('mx.null', text('chk_mx_null', domain));
    return outcome('none', [declared, ...findings]);
  }
  if (isVoid(answer)) {
    if (!set.implicit) return outcome('none', [issue('mx.none', text('chk_mx_none', domain))]);
    findings.push(
      issue('mx.implicit', text('chk_mx_implicit', domain), {
        fix: text('chk_mx_fix_implicit', domain),
      }),
    );
  }
  const hosts = await Promise.all(set.hosts.map((h) => hostDetails(dns, h, findings, signal)));
  details.hosts = hosts;
  const reachable = hosts.some((h) => h.ipv4.length + h.ipv6.length > 0);
  const couldNotTell = findings.some((f) => f.code === 'dns.lookup-failed');
  const status: CheckStatus = reachable ? 'pass' : couldNotTell ? 'temperror' : 'fail';
  return outcome(status, findings);
}
