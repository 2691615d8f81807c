// DMARC discovery (with organizational-domain fallback), tags, policy strength and
// authorisation of external report destinations (RFC 7489 §7.1).
import { getDomain } from 'tldts';
import type { DnsClient } from '../../dns/types.ts';
import type { CheckOutcome, CheckStatus, Finding } from '../../outcome.ts';
import { issue } from '../finding-codes.ts';
import { didNotResolve, lookupFailedFinding, untested } from '../lookup.ts';
import { DMARC_VERSION, type DmarcRecord, parseDmarc } from './dmarc-syntax.ts';

export interface DmarcDetails {
  /** Where the record was found: the domain itself or its organizational domain. */
  recordDomain?: string;
  organizationalDomain: string;
  record?: DmarcRecord;
  /** Effective policy for this domain (sp applies when inherited from the org domain). */
  effectivePolicy?: 'none' | 'quarantine' | 'reject';
  enforced: boolean;
  dnssec: boolean;
}

export function organizationalDomain(domain: string): string {
  return getDomain(domain, { allowPrivateDomains: false }) ?? domain;
}

export async function checkDmarc(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<CheckOutcome<DmarcDetails>> {
  const opts = signal ? { signal } : {};
  const org = organizationalDomain(domain);
  // Ask for both at once: the fallback costs no extra round trip.
  const [own, orgAnswer] = await Promise.all([
    dns.query(`_dmarc.${domain}`, 'TXT', opts),
    org !== domain ? dns.query(`_dmarc.${org}`, 'TXT', opts) : undefined,
  ]);
  if (didNotResolve(own)) return untested('dmarc', own);
  let answer = own;
  let recordDomain = domain;
  let found = own.records.filter((r) => DMARC_VERSION.test(r));
  const findings: Finding[] = [];
  if (found.length === 0 && orgAnswer) {
    if (didNotResolve(orgAnswer)) return untested('dmarc', orgAnswer);
    answer = orgAnswer;
    recordDomain = org;
    found = orgAnswer.records.filter((r) => DMARC_VERSION.test(r));
    if (found.length > 0)
      findings.push(
        issue(
          'dmarc.inherited',
          `${domain} has no DMARC record of its own; the policy of ${org} applies.`,
        ),
      );
  }
  const base = { organizationalDomain: org, enforced: false, dnssec: answer.authenticData };
  if (found.length === 0) {
    const f = issue(
      'dmarc.missing',
      `${org !== domain ? `Neither _dmarc.${domain} nor _dmarc.${org} has a` : `_dmarc.${domain} has no`} DMARC record: receivers have no policy against spoofing.`,
      {
        fix: `Publish "v=DMARC1; p=none; rua=mailto:dmarc@${org}" at _dmarc.${domain}, then move to quarantine/reject.`,
      },
    );
    return { check: 'dmarc', status: 'none', findings: [f], records: [], details: base };
  }
  if (found.length > 1) {
    const f = issue(
      'dmarc.multiple-records',
      `_dmarc.${recordDomain} has ${found.length} DMARC records; receivers ignore them all.`,
      { evidence: found.join(' | ') },
    );
    return {
      check: 'dmarc',
      status: 'permerror',
      findings: [f],
      records: found,
      details: { ...base, recordDomain },
    };
  }
  const text = found[0] ?? '';
  const parsed = parseDmarc(text);
  findings.push(...parsed.fatal, ...parsed.findings);
  const record = parsed.record;
  const details: DmarcDetails = { ...base, recordDomain, record };
  if (parsed.fatal.length > 0)
    return { check: 'dmarc', status: 'permerror', findings, records: [text], details };
  const inherited = recordDomain !== domain;
  const effective = (inherited ? record.sp : undefined) ?? record.p ?? 'none';
  details.effectivePolicy = effective;
  details.enforced = effective !== 'none' && record.pct === 100 && !record.testing;
  findings.push(...strengthFindings(record, effective));
  findings.push(...(await externalDestinations(dns, recordDomain, record, opts)));
  const status: CheckStatus = effective === 'none' ? 'fail' : 'pass';
  return { check: 'dmarc', status, findings, records: [text], details };
}

function strengthFindings(record: DmarcRecord, effective: string): Finding[] {
  const out: Finding[] = [];
  if (effective === 'none')
    out.push(
      issue(
        'dmarc.policy-none',
        'The DMARC policy is "none": spoofed mail is reported, not stopped.',
        { fix: 'Move to p=quarantine, then p=reject.' },
      ),
    );
  if (record.p && record.p !== 'none' && record.sp === 'none')
    out.push(
      issue('dmarc.subdomain-policy-none', 'sp=none leaves every subdomain unprotected.', {
        evidence: 'sp=none',
      }),
    );
  if (record.pct < 100)
    out.push(
      issue(
        'dmarc.pct-partial',
        `pct=${record.pct}: the policy applies to only part of failing mail.`,
        { evidence: `pct=${record.pct}` },
      ),
    );
  if (record.testing)
    out.push(
      issue(
        'dmarc.testing',
        't=y: the domain asks receivers to treat its policy as a test (RFC 9989).',
        { evidence: 't=y' },
      ),
    );
  if (record.rua.length === 0)
    out.push(
      issue(
        'dmarc.no-rua',
        'No rua= address: the domain receives no aggregate reports about spoofing.',
      ),
    );
  return out;
}

async function externalDestinations(
  dns: DnsClient,
  policyDomain: string,
  record: DmarcRecord,
  opts: { signal?: AbortSignal },
): Promise<Finding[]> {
  const policyOrg = organizationalDomain(policyDomain);
  const external = new Set<string>();
  for (const uri of [...record.rua, ...record.ruf]) {
    if (uri.domain && organizationalDomain(uri.domain) !== policyOrg) external.add(uri.domain);
  }
  const results = await Promise.all(
    [...external].map(async (dest) => {
      const name = `${policyDomain}._report._dmarc.${dest}`;
      const answer = await dns.query(name, 'TXT', opts);
      if (didNotResolve(answer)) return lookupFailedFinding(answer);
      if (answer.records.some((r) => DMARC_VERSION.test(r))) return undefined;
      return issue(
        'dmarc.external-destination-unauthorized',
        `Reports go to ${dest}, which has not authorised them at ${name}; receivers will not send them.`,
        { evidence: name, fix: `Ask ${dest} to publish "v=DMARC1" at ${name}.` },
      );
    }),
  );
  return results.filter((f): f is Finding => f !== undefined);
}
