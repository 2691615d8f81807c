// BIMI assertion record at <selector>._bimi.<domain>, falling back to the organizational domain
// (draft-brand-indicators-for-message-identification, "Assertion Record Discovery"). Presence
// and syntax only (the logo and the mark certificate are fetched elsewhere); BIMI is honoured
// only under the draft's DMARC requirements.
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome, CheckStatus, Finding } from '../outcome.ts';
import { text } from '../score/text.ts';
import {
  BIMI_VERSION,
  type BimiProblemKind,
  LOOKS_LIKE_BIMI,
  parseBimiRecord,
} from './bimi-record.ts';
import { type DmarcDetails, organizationalDomain } from './dmarc/dmarc-check.ts';
import { type FindingCode, issue } from './finding-codes.ts';
import { didNotResolve, untested } from './lookup.ts';

export interface BimiDetails {
  location?: string;
  authority?: string;
  /** Where the record was found: the domain itself or its organizational domain. */
  recordDomain?: string;
  dnssec: boolean;
}

const CODES: Record<BimiProblemKind, FindingCode> = {
  'bad-syntax': 'bimi.bad-syntax',
  'missing-location': 'bimi.bad-syntax',
  'bad-location': 'bimi.bad-location',
  'bad-authority': 'bimi.bad-authority',
};

/**
 * "Authentication Requirements" steps 7–9: no BIMI when the DMARC policy is p=none or
 * sp=none, or p=quarantine with pct below 100. DMARCbis t=y lowers quarantine to none.
 */
export function dmarcAllowsBimi(dmarc: DmarcDetails | undefined): boolean {
  const record = dmarc?.record;
  if (!dmarc || !record) return dmarc?.enforced === true;
  const effective = dmarc.effectivePolicy;
  if (effective === undefined || effective === 'none') return false;
  if (record.p === 'none' || record.sp === 'none') return false;
  if (effective === 'quarantine' && (record.pct !== 100 || record.testing)) return false;
  return true;
}

export async function checkBimi(
  dns: DnsClient,
  domain: string,
  dmarc: DmarcDetails | undefined,
  signal?: AbortSignal,
  selector = 'default',
): Promise<CheckOutcome<BimiDetails>> {
  const opts = signal ? { signal } : {};
  let recordDomain = domain;
  let answer = await dns.query(`${selector}._bimi.${domain}`, 'TXT', opts);
  if (didNotResolve(answer)) return untested('bimi', answer);
  const org = organizationalDomain(domain);
  if (!answer.records.some((r) => BIMI_VERSION.test(r)) && org !== domain) {
    const orgAnswer = await dns.query(`${selector}._bimi.${org}`, 'TXT', opts);
    if (didNotResolve(orgAnswer)) return untested('bimi', orgAnswer);
    if (orgAnswer.records.some((r) => BIMI_VERSION.test(r))) {
      answer = orgAnswer;
      recordDomain = org;
    }
  }
  const details: BimiDetails = { dnssec: answer.authenticData, recordDomain };
  const found = answer.records.filter((r) => BIMI_VERSION.test(r));
  const lookalikes = answer.records.filter((r) => !BIMI_VERSION.test(r) && LOOKS_LIKE_BIMI.test(r));
  const early = discoveryOutcome(domain, found, lookalikes, details);
  if (early) return early;
  const raw = found[0] ?? '';
  const parsed = parseBimiRecord(raw);
  const findings: Finding[] = parsed.problems.map((p) =>
    issue(CODES[p.kind], p.text, { evidence: p.evidence }),
  );
  if (parsed.location) details.location = parsed.location;
  if (parsed.authority) details.authority = parsed.authority;
  if (parsed.declined) findings.push(issue('bimi.declined', text('chk_bimi_declined', domain)));
  if (parsed.location && !parsed.authority)
    findings.push(issue('bimi.no-authority', text('chk_bimi_no_authority')));
  if (parsed.location && !dmarcAllowsBimi(dmarc))
    findings.push(
      issue('bimi.dmarc-not-enforced', text('chk_bimi_dmarc_not_enforced'), {
        fix: text('chk_bimi_fix_dmarc'),
      }),
    );
  const status: CheckStatus =
    parsed.problems.length > 0
      ? 'permerror'
      : findings.some((f) => f.code === 'bimi.dmarc-not-enforced')
        ? 'fail'
        : 'pass';
  return { check: 'bimi', status, findings, records: [raw], details };
}

/** Discovery step 7: no record, or several, ends discovery. */
function discoveryOutcome(
  domain: string,
  found: string[],
  lookalikes: string[],
  details: BimiDetails,
): CheckOutcome<BimiDetails> | undefined {
  if (found.length === 0 && lookalikes.length === 0)
    return {
      check: 'bimi',
      status: 'none',
      findings: [issue('bimi.missing', text('chk_bimi_missing', domain))],
      records: [],
      details,
    };
  if (found.length === 0)
    return {
      check: 'bimi',
      status: 'permerror',
      findings: [
        issue('bimi.bad-version', text('chk_bimi_bad_version'), {
          evidence: lookalikes.join(' | '),
        }),
      ],
      records: lookalikes,
      details,
    };
  if (found.length > 1)
    return {
      check: 'bimi',
      status: 'permerror',
      findings: [
        issue('bimi.multiple', text('chk_bimi_multiple', String(found.length)), {
          evidence: found.join(' | '),
        }),
      ],
      records: found,
      details,
    };
  return undefined;
}
