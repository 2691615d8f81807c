// One DNSSEC verdict as the reports show it: the state, why, the zone where the chain ended, and
// who vouched for it: MailSeal's own validation from the trust anchor, or the resolver's AD flag
// (the AD-flag setting, or a labelled fallback where local validation could not complete).
// Never "validated locally" unless the answer carries a local verdict.
import type { DnssecReason, DnssecSource } from '../dns/dnssec/types.ts';
import type { DnsAnswer, DnsClient } from '../dns/types.ts';
import { type DnssecState, dnssecState } from './dnssec-state.ts';

export interface DnssecJudgement {
  state: DnssecState;
  reason: DnssecReason;
  /** The zone where the validated chain ended or broke (trailing dot), when known. */
  zone?: string;
  /** One sentence for people. */
  detail: string;
  source: DnssecSource;
  /** Set when local validation did not complete and the resolver's AD flag stood in: why. */
  fallback?: string;
}

/** Who vouched for a set of verdicts: all local, all the resolver's, or some of each. */
export type DnssecTrust = 'validated-locally' | 'resolver-ad-flag' | 'mixed';

export async function judgeDnssec(
  dns: DnsClient,
  answer: DnsAnswer,
  signal?: AbortSignal,
): Promise<DnssecJudgement> {
  const local = answer.dnssec;
  if (local?.source === 'validated-locally')
    return {
      state: local.state,
      reason: local.reason,
      ...(local.zone !== undefined ? { zone: local.zone } : {}),
      detail: local.detail,
      source: 'validated-locally',
    };
  const state = await dnssecState(dns, answer, signal);
  const fallback = local?.fallback;
  return {
    state,
    reason: 'resolver-ad-flag',
    detail:
      fallback === undefined
        ? `${state} by the resolver's AD flag (the AD-flag setting: not validated locally)`
        : `${state} by the resolver's AD flag: local validation did not complete (${fallback})`,
    source: 'resolver-ad-flag',
    ...(fallback !== undefined ? { fallback } : {}),
  };
}

export function trustOf(sources: readonly DnssecSource[]): DnssecTrust {
  const local = sources.filter((s) => s === 'validated-locally').length;
  if (local === sources.length && local > 0) return 'validated-locally';
  return local === 0 ? 'resolver-ad-flag' : 'mixed';
}

const ORDER: readonly DnssecState[] = ['bogus', 'insecure', 'indeterminate', 'secure'];

/** The weakest verdict (bogus < insecure < indeterminate < secure, as `weakest`). */
export function weakestJudgement(
  judgements: readonly DnssecJudgement[],
): DnssecJudgement | undefined {
  let worst: DnssecJudgement | undefined;
  for (const j of judgements)
    if (worst === undefined || ORDER.indexOf(j.state) < ORDER.indexOf(worst.state)) worst = j;
  return worst;
}

/** The distinct fallback reasons among the verdicts, for the report's "fell back because". */
export function fallbacksOf(judgements: readonly DnssecJudgement[]): string[] {
  return [...new Set(judgements.flatMap((j) => (j.fallback === undefined ? [] : [j.fallback])))];
}

/** Who vouched for one answer's AD-style `authenticData`, and why any fallback happened. */
export function integrityOf(answer: DnsAnswer): {
  dnssecSource: DnssecSource;
  dnssecFallback?: string;
} {
  const local = answer.dnssec;
  if (local?.source === 'validated-locally') return { dnssecSource: 'validated-locally' };
  return {
    dnssecSource: 'resolver-ad-flag',
    ...(local?.fallback !== undefined ? { dnssecFallback: local.fallback } : {}),
  };
}
