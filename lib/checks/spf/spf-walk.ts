// Walks an SPF record tree through include and redirect, counting the DNS-querying terms
// (limit 10) and void lookups (limit 2) the way a receiver would (RFC 7208 §4.6.4), with a
// count per mechanism. Lookups of one record run in parallel; nested records follow.
import type { DnsClient } from '../../dns/types.ts';
import type { Finding } from '../../outcome.ts';
import { text } from '../../score/text.ts';
import { issue } from '../finding-codes.ts';
import { didNotResolve, isVoid, lookupFailedFinding } from '../lookup.ts';
import {
  hasMacro,
  type Mechanism,
  type Modifier,
  parseSpf,
  SPF_VERSION,
  type SpfTerm,
} from './spf-syntax.ts';

export const LOOKUP_LIMIT = 10;
export const VOID_LIMIT = 2;

export type LookupTerm = 'include' | 'a' | 'mx' | 'ptr' | 'exists' | 'redirect';
export type AllPolicy = 'fail' | 'softfail' | 'neutral' | 'pass' | 'none';

export interface SpfWalkState {
  dns: DnsClient;
  signal?: AbortSignal;
  lookups: Record<LookupTerm, number>;
  voidLookups: number;
  findings: Finding[];
  /** Every SPF record read, as `domain: text`. */
  records: string[];
  permerror: boolean;
  temperror: boolean;
}

const QUALIFIER_POLICY = { '-': 'fail', '~': 'softfail', '?': 'neutral', '+': 'pass' } as const;

export function totalLookups(state: SpfWalkState): number {
  return Object.values(state.lookups).reduce((a, b) => a + b, 0);
}

function permerror(state: SpfWalkState, finding: Finding): void {
  state.permerror = true;
  state.findings.push(finding);
}

/** Fetches the single SPF record at `domain`; reports none/multiple according to `role`. */
export async function fetchSpf(
  state: SpfWalkState,
  domain: string,
  role: 'top' | 'include' | 'redirect',
) {
  const answer = await state.dns.query(domain, 'TXT', state.signal ? { signal: state.signal } : {});
  if (didNotResolve(answer)) {
    state.temperror = true;
    state.findings.push(lookupFailedFinding(answer));
    return { kind: 'temperror' as const, answer };
  }
  if (role !== 'top' && isVoid(answer)) state.voidLookups++;
  const spf = answer.records.filter((r) => SPF_VERSION.test(r));
  if (spf.length > 1) {
    permerror(
      state,
      issue('spf.multiple-records', text('chk_spf_multiple', domain, String(spf.length)), {
        evidence: spf.join(' | '),
        fix: text('chk_spf_fix_merge'),
      }),
    );
    return { kind: 'multiple' as const, answer };
  }
  const record = spf[0];
  if (record === undefined) return { kind: 'none' as const, answer };
  state.records.push(`${domain}: ${record}`);
  return { kind: 'found' as const, answer, record };
}

function countVoid(state: SpfWalkState, term: string, domain: string): void {
  state.voidLookups++;
  state.findings.push(
    issue('spf.void-lookup', text('chk_spf_void_lookup', term, domain), { evidence: term }),
  );
}

async function lookupTerm(state: SpfWalkState, mech: Mechanism, domain: string): Promise<void> {
  const target = mech.target ?? domain;
  const opts = state.signal ? { signal: state.signal } : {};
  if (mech.name === 'a' || mech.name === 'exists') {
    const types = mech.name === 'a' ? (['A', 'AAAA'] as const) : (['A'] as const);
    const answers = await Promise.all(types.map((t) => state.dns.query(target, t, opts)));
    const failed = answers.find(didNotResolve);
    if (failed) {
      state.temperror = true;
      state.findings.push(lookupFailedFinding(failed));
    } else if (answers.every(isVoid)) countVoid(state, mech.text, target);
  } else if (mech.name === 'mx') {
    const answer = await state.dns.query(target, 'MX', opts);
    if (didNotResolve(answer)) {
      state.temperror = true;
      state.findings.push(lookupFailedFinding(answer));
    } else if (isVoid(answer)) countVoid(state, mech.text, target);
    else if (answer.records.length > 10) {
      permerror(
        state,
        issue(
          'spf.mx-too-many',
          text('chk_spf_mx_too_many', mech.text, String(answer.records.length)),
          { evidence: mech.text },
        ),
      );
    }
  }
}

/** The record's terms up to its `all`, with notes on what is never evaluated. */
interface RecordShape {
  active: Mechanism[];
  all: Mechanism | undefined;
  redirect: SpfTerm | undefined;
}

function recordShape(state: SpfWalkState, domain: string, record: string): RecordShape {
  const parsed = parseSpf(record);
  for (const error of parsed.errors) permerror(state, error);
  if (record.length > 450) {
    state.findings.push(
      issue('spf.record-too-long', text('chk_spf_too_long', domain, String(record.length))),
    );
  }
  const mechanisms = parsed.terms.filter((t): t is Mechanism => t.kind === 'mechanism');
  const allIndex = mechanisms.findIndex((m) => m.name === 'all');
  const all = mechanisms[allIndex];
  const redirect = parsed.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect');
  if (all && allIndex < mechanisms.length - 1) {
    state.findings.push(
      issue('spf.terms-after-all', text('chk_spf_terms_after_all', all.text, domain), {
        evidence: mechanisms
          .slice(allIndex + 1)
          .map((m) => m.text)
          .join(' '),
      }),
    );
  }
  if (all && redirect) {
    state.findings.push(
      issue('spf.redirect-ignored', text('chk_spf_redirect_ignored', redirect.text, domain), {
        evidence: redirect.text,
      }),
    );
  }
  return { active: all ? mechanisms.slice(0, allIndex + 1) : mechanisms, all, redirect };
}

/** Counts each DNS-querying mechanism and starts the lookups it needs (RFC 7208 §4.6.4). */
function startLookups(
  state: SpfWalkState,
  domain: string,
  active: Mechanism[],
  stack: readonly string[],
  work: Promise<unknown>[],
): void {
  let macroNoted = false;
  for (const mech of active) {
    if (mech.name === 'all' || mech.name === 'ip4' || mech.name === 'ip6') continue;
    state.lookups[mech.name]++;
    if (mech.name === 'ptr') {
      state.findings.push(
        issue('spf.ptr-deprecated', text('chk_spf_ptr', mech.text, domain), {
          evidence: mech.text,
          fix: text('chk_spf_fix_ptr'),
        }),
      );
      continue;
    }
    if (mech.target && hasMacro(mech.target)) {
      if (!macroNoted)
        state.findings.push(
          issue('spf.macro-not-evaluated', text('chk_spf_macro_counted', mech.text), {
            evidence: mech.text,
          }),
        );
      macroNoted = true;
      continue;
    }
    if (totalLookups(state) > LOOKUP_LIMIT) continue;
    work.push(
      mech.name === 'include'
        ? follow(state, mech.target ?? '', 'include', mech.text, stack)
        : lookupTerm(state, mech, domain),
    );
  }
}

/** Follows `redirect=` (counted as a lookup); null when it is not followed. */
function followRedirect(
  state: SpfWalkState,
  redirect: Modifier,
  stack: readonly string[],
): Promise<AllPolicy> | null {
  state.lookups.redirect++;
  if (hasMacro(redirect.value)) {
    state.findings.push(
      issue('spf.macro-not-evaluated', text('chk_spf_macro_redirect', redirect.text), {
        evidence: redirect.text,
      }),
    );
    return null;
  }
  if (totalLookups(state) > LOOKUP_LIMIT) return null;
  const target = redirect.value.replace(/\.$/, '').toLowerCase();
  return follow(state, target, 'redirect', redirect.text, stack);
}

/** Walks one record; returns the policy its `all` (or redirect) leads to. */
export async function walkRecord(
  state: SpfWalkState,
  domain: string,
  record: string,
  stack: readonly string[],
): Promise<AllPolicy> {
  const { active, all, redirect } = recordShape(state, domain, record);
  const work: Promise<unknown>[] = [];
  startLookups(state, domain, active, stack, work);
  let policy: AllPolicy = all ? QUALIFIER_POLICY[all.qualifier] : 'none';
  if (!all && redirect && redirect.kind === 'modifier') {
    const followed = followRedirect(state, redirect, stack);
    if (followed !== null)
      work.push(
        followed.then((p) => {
          policy = p;
        }),
      );
  }
  await Promise.all(work);
  return policy;
}

async function follow(
  state: SpfWalkState,
  target: string,
  role: 'include' | 'redirect',
  term: string,
  stack: readonly string[],
): Promise<AllPolicy> {
  const name = target.replace(/\.$/, '').toLowerCase();
  if (stack.includes(name)) {
    permerror(
      state,
      issue('spf.loop', text('chk_spf_loop', term, name), {
        evidence: [...stack, name].join(' → '),
      }),
    );
    return 'none';
  }
  const fetched = await fetchSpf(state, name, role);
  if (fetched.kind === 'none') {
    const code = role === 'include' ? 'spf.include-no-record' : 'spf.redirect-no-record';
    permerror(state, issue(code, text('chk_spf_target_no_record', term, name), { evidence: term }));
    return 'none';
  }
  if (fetched.kind !== 'found') return 'none';
  return walkRecord(state, name, fetched.record, [...stack, name]);
}
