// DMARC discovery (with organizational-domain fallback), tags, policy strength and
// authorisation of external report destinations (RFC 7489 §7.1).
import { getDomain } from 'tldts';
import type { DnsClient } from '../../dns/types.ts';
import type { CheckOutcome, CheckStatus, Finding } from '../../outcome.ts';
import { text } from '../../score/text.ts';
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
      findings.push(issue('dmarc.inherited', text('chk_dmarc_inherited', domain, org)));
  }
  const base = { organizationalDomain: org, enforced: false, dnssec: answer.authenticData };
  if (found.length === 0) {
    const f = issue(
      'dmarc.missing',
      org !== domain
        ? text('chk_dmarc_missing_both', domain, org)
        : text('chk_dmarc_missing', domain),
      { fix: text('chk_dmarc_fix_publish', org, domain) },
    );
    return { check: 'dmarc', status: 'none', findings: [f], records: [], details: base };
  }
  if (found.length > 1) {
    const f = issue(
      'dmarc.multiple-records',
      text('chk_dmarc_multiple', recordDomain, String(found.length)),
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
  const raw = found[0] ?? '';
  const parsed = parseDmarc(raw);
  findings.push(...parsed.fatal, ...parsed.findings);
  const record = parsed.record;
  const details: DmarcDetails = { ...base, recordDomain, record };
  if (parsed.fatal.length > 0)
    return { check: 'dmarc', status: 'permerror', findings, records: [raw], details };
  const inherited = recordDomain !== domain;
  const effective = (inherited ? record.sp : undefined) ?? record.p ?? 'none';
  details.effectivePolicy = effective;
  details.enforced = effective !== 'none' && record.pct === 100 && !record.testing;
  findings.push(...strengthFindings(record, effective));
  findings.push(...(await externalDestinations(dns, recordDomain, record, opts)));
  const status: CheckStatus = effective === 'none' ? 'fail' : 'pass';
  return { check: 'dmarc', status, findings, records: [raw], details };
}

function strengthFindings(record: DmarcRecord, effective: string): Finding[] {
  const out: Finding[] = [];
  if (effective === 'none')
    out.push(
      issue('dmarc.policy-none', text('chk_dmarc_policy_none'), {
        fix: text('chk_dmarc_fix_enforce'),
      }),
    );
  if (record.p && record.p !== 'none' && record.sp === 'none')
    out.push(
      issue('dmarc.subdomain-policy-none', text('chk_dmarc_sp_none'), {
        evidence: 'sp=none',
      }),
    );
  if (record.pct < 100)
    out.push(
      issue('dmarc.pct-partial', text('chk_dmarc_pct_partial', String(record.pct)), {
        evidence: `pct=${record.pct}`,
      }),
    );
  if (record.testing)
    out.push(issue('dmarc.testing', text('chk_dmarc_testing'), { evidence: 't=y' }));
  if (record.rua.length === 0) out.push(issue('dmarc.no-rua', text('chk_dmarc_no_rua')));
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
        text('chk_dmarc_external_unauthorized', dest, name),
        { evidence: name, fix: text('chk_dmarc_fix_external', dest, name) },
      );
    }),
  );
  return results.filter((f): f is Finding => f !== undefined);
}
