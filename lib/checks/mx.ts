// MX discovery (RFC 5321 §5.1): preferences, null MX (RFC 7505), the implicit MX fallback, and
// the addresses of each host. MX targets that are IP literals or CNAMEs are flagged.
import type { DnsAnswer, DnsClient } from '../dns/types.ts';
import type { CheckOutcome, CheckStatus, Finding } from '../outcome.ts';
import { issue } from './finding-codes.ts';
import { didNotResolve, isVoid, lookupFailedFinding } from './lookup.ts';

export const MAX_MX_HOSTS = 10;

export interface MxHostSet {
  answer: DnsAnswer<'MX'>;
  /** Hosts to deliver to, by preference; the domain itself for an implicit MX. */
  hosts: { exchange: string; preference: number }[];
  nullMx: boolean;
  implicit: boolean;
}

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
  nullMx: boolean;
  implicit: boolean;
  dnssec: boolean;
}

const IP_LITERAL = /^\[?(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)\]?$/i;

export async function resolveMxHosts(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<MxHostSet> {
  const opts = signal ? { signal } : {};
  const answer = await dns.query(domain, 'MX', opts);
  const sorted = [...answer.records].sort(
    (a, b) => a.preference - b.preference || a.exchange.localeCompare(b.exchange),
  );
  const nullMx = sorted.some((r) => r.exchange === '' && r.preference === 0);
  if (answer.status === 'nodata') {
    const [a, aaaa] = await Promise.all([
      dns.query(domain, 'A', opts),
      dns.query(domain, 'AAAA', opts),
    ]);
    const has = a.records.length > 0 || aaaa.records.length > 0;
    return {
      answer,
      hosts: has ? [{ exchange: domain, preference: 0 }] : [],
      nullMx: false,
      implicit: has,
    };
  }
  const hosts = sorted.filter((r) => r.exchange !== '').slice(0, MAX_MX_HOSTS);
  return { answer, hosts, nullMx, implicit: false };
}

export async function checkMx(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<CheckOutcome<MxDetails>> {
  const opts = signal ? { signal } : {};
  const set = await resolveMxHosts(dns, domain, signal);
  const { answer } = set;
  const details: MxDetails = {
    hosts: [],
    nullMx: set.nullMx,
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
  const findings: Finding[] = [];
  if (set.nullMx) {
    if (answer.records.length > 1) {
      findings.push(
        issue('mx.null-mixed', 'A null MX ("0 .") must be the only MX record (RFC 7505 §3).', {
          evidence: records.join(' | '),
        }),
      );
    } else {
      return outcome('none', [
        issue('mx.null', `${domain} declares that it accepts no mail (null MX, RFC 7505).`),
      ]);
    }
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
  const hosts = await Promise.all(
    set.hosts.map(async (host): Promise<MxHostDetails> => {
      const [a, aaaa] = await Promise.all([
        dns.query(host.exchange, 'A', opts),
        dns.query(host.exchange, 'AAAA', opts),
      ]);
      for (const failed of [a, aaaa].filter(didNotResolve))
        findings.push(lookupFailedFinding(failed));
      if (IP_LITERAL.test(host.exchange)) {
        findings.push(
          issue(
            'mx.ip-literal',
            `MX target "${host.exchange}" is an IP address; MX must name a host (RFC 5321 §5.1).`,
            { evidence: host.exchange },
          ),
        );
      }
      const cnameChain = a.cnameChain.length > 0 ? a.cnameChain : aaaa.cnameChain;
      if (cnameChain.length > 0) {
        findings.push(
          issue(
            'mx.cname',
            `MX target ${host.exchange} is an alias (CNAME to ${cnameChain.join(' → ')}); RFC 2181 §10.3 forbids it.`,
            { evidence: host.exchange },
          ),
        );
      }
      if (
        !didNotResolve(a) &&
        !didNotResolve(aaaa) &&
        a.records.length === 0 &&
        aaaa.records.length === 0
      ) {
        findings.push(
          issue('mx.host-no-address', `MX host ${host.exchange} has no A or AAAA record.`, {
            evidence: host.exchange,
          }),
        );
      }
      return {
        ...host,
        ipv4: a.records,
        ipv6: aaaa.records,
        cnameChain,
        addressesDnssec: a.authenticData && aaaa.authenticData,
      };
    }),
  );
  details.hosts = hosts;
  const reachable = hosts.some((h) => h.ipv4.length + h.ipv6.length > 0);
  const couldNotTell = findings.some((f) => f.code === 'dns.lookup-failed');
  const status: CheckStatus = reachable ? 'pass' : couldNotTell ? 'temperror' : 'fail';
  return outcome(status, findings);
}
