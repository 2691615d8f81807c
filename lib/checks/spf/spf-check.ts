// SPF posture of a domain (RFC 7208), with MECSA's categories for the final `all`.
import type { DnsClient } from '../../dns/types.ts';
import type { CheckOutcome, CheckStatus } from '../../outcome.ts';
import { text } from '../../score/text.ts';
import { issue } from '../finding-codes.ts';
import {
  type AllPolicy,
  fetchSpf,
  LOOKUP_LIMIT,
  type LookupTerm,
  type SpfWalkState,
  totalLookups,
  VOID_LIMIT,
  walkRecord,
} from './spf-walk.ts';

export interface SpfDetails {
  record?: string;
  /** MECSA category: -all fail, ~all softfail, ?all neutral, +all pass, none (no all/redirect). */
  allPolicy?: AllPolicy;
  lookups: Record<LookupTerm, number>;
  totalLookups: number;
  voidLookups: number;
  dnssec: boolean;
}

export async function checkSpf(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<CheckOutcome<SpfDetails>> {
  const state: SpfWalkState = {
    dns,
    ...(signal ? { signal } : {}),
    lookups: { include: 0, a: 0, mx: 0, ptr: 0, exists: 0, redirect: 0 },
    voidLookups: 0,
    findings: [],
    records: [],
    permerror: false,
    temperror: false,
  };
  const top = await fetchSpf(state, domain, 'top');
  const details = (): SpfDetails => ({
    lookups: state.lookups,
    totalLookups: totalLookups(state),
    voidLookups: state.voidLookups,
    dnssec: top.answer.authenticData,
  });
  if (top.kind === 'temperror')
    return {
      check: 'spf',
      status: 'temperror',
      findings: state.findings,
      records: [],
      details: details(),
    };
  if (top.kind === 'multiple')
    return {
      check: 'spf',
      status: 'permerror',
      findings: state.findings,
      records: top.answer.records,
      details: details(),
    };
  if (top.kind === 'none') {
    const f = issue('spf.missing', text('chk_spf_missing', domain), {
      fix: text('chk_spf_fix_publish', domain),
    });
    return { check: 'spf', status: 'none', findings: [f], records: [], details: details() };
  }
  const allPolicy = await walkRecord(state, domain, top.record, [domain]);
  checkLimits(state, domain);
  let status: CheckStatus;
  if (state.permerror) status = 'permerror';
  else if (state.temperror) status = 'temperror';
  else status = policyStatus(allPolicy);
  state.findings.push(...policyFindings(domain, allPolicy));
  return {
    check: 'spf',
    status,
    findings: state.findings,
    records: state.records,
    details: { ...details(), record: top.record, allPolicy },
  };
}

/** RFC 7208 §4.6.4: more than 10 DNS-querying terms, or more than 2 void lookups, is a permerror. */
function checkLimits(state: SpfWalkState, domain: string): void {
  const total = totalLookups(state);
  if (total > LOOKUP_LIMIT) {
    state.permerror = true;
    state.findings.push(
      issue(
        'spf.too-many-lookups',
        text('chk_spf_too_many_lookups', domain, String(total), String(LOOKUP_LIMIT)),
        {
          evidence: Object.entries(state.lookups)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${k}: ${n}`)
            .join(', '),
          fix: text('chk_spf_fix_flatten'),
        },
      ),
    );
  }
  if (state.voidLookups > VOID_LIMIT) {
    state.permerror = true;
    state.findings.push(
      issue(
        'spf.too-many-void-lookups',
        text('chk_spf_too_many_void', String(state.voidLookups), String(VOID_LIMIT)),
      ),
    );
  }
}

function policyStatus(policy: AllPolicy): CheckStatus {
  return policy === 'fail' || policy === 'softfail' ? 'pass' : 'fail';
}

function policyFindings(domain: string, policy: AllPolicy) {
  switch (policy) {
    case 'pass':
      return [
        issue('spf.all-pass', text('chk_spf_all_pass', domain), {
          fix: text('chk_spf_fix_end_fail'),
        }),
      ];
    case 'neutral':
      return [
        issue('spf.all-neutral', text('chk_spf_all_neutral', domain), {
          fix: text('chk_spf_fix_end_fail_testing'),
        }),
      ];
    case 'softfail':
      return [
        issue('spf.all-softfail', text('chk_spf_all_softfail', domain), {
          fix: text('chk_spf_fix_softfail'),
        }),
      ];
    case 'none':
      return [
        issue('spf.no-all', text('chk_spf_no_all', domain), { fix: text('chk_spf_fix_end_fail') }),
      ];
    default:
      return [];
  }
}
