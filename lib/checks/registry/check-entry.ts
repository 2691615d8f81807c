// What one DNS check is to everyone who lists checks (registry.ts): its posture field, how it
// looks its record up, how its facts print on one line, what it adds to the score's DNS facts,
// its row in the report's standards table and its adoption in a scan. The outcome type comes
// from `run`, so every consumer is typed by the table.

import type { DnsClient } from '../../dns/types.ts';
import type { CheckOutcome } from '../../outcome.ts';
import type { DnsFactsInput } from '../../score/inputs.ts';

export interface CheckContext {
  dns: DnsClient;
  domain: string;
  signal?: AbortSignal;
  /** DKIM selectors seen in messages from this domain; none: DKIM is estimated. */
  dkimSelectors: readonly string[];
  /** Another check's outcome in the same assessment (BIMI's verdict waits for DMARC's). */
  outcomeOf(key: string): Promise<CheckOutcome<unknown>>;
}

/** The posture fields a summary may read beside its own outcome. */
export interface SummaryContext {
  domain: string;
}

type ScoreFacts = Partial<Omit<DnsFactsInput, 'domain'>>;

/** MECSA's Figure 5 split, plus "could not test" kept apart (it is never "not supported"). */
export type Adoption = 'supported' | 'errors' | 'absent' | 'untested';

/** The check's row in the report's standards table (lib/messaging/build-report.ts). */
export interface ReportRow {
  /** The standard's name, shown as is in every language. */
  standard: string;
  /** Where the row goes: rows are sorted by it (STARTTLS is 0, the certificate 1). */
  row: number;
  /** Show whose word the record's DNSSEC state is (validated locally / resolver's word). */
  integrity?: boolean;
}

/**
 * The check's row in a scan's adoption summary (lib/scan/adoption-summary.ts): the summary lists
 * every entry that has one, with the adoption `adoption` reads, without naming any check.
 */
export interface ScanRow {
  /** The row's key in the summary and in a results line's facts; the check's key when absent. */
  key?: string;
  label: string;
  /** Where the row goes: rows are sorted by it (the probe's STARTTLS row is 0). */
  order: number;
}

/**
 * `S` is what the score reads of the outcome (`score`'s parameter, a part of `CheckOutcome<D>`);
 * lib/score's DnsPostureView is made of these, one field per check that has a `score`.
 */
export interface DnsCheck<K extends string, D, S = never> {
  /** The field of DomainDnsPosture that holds the outcome. */
  key: K;
  run(ctx: CheckContext): Promise<CheckOutcome<D>>;
  /** The few facts that matter, on one line of `mailseal check` ('' when none). */
  summary(outcome: CheckOutcome<D>, posture: SummaryContext): string;
  /** What the outcome adds to lib/score's DNS facts; absent when it adds nothing. */
  score?(outcome: S): ScoreFacts;
  /** Its row in the report's standards table; null when the report does not show it. */
  report: ReportRow | null;
  /**
   * Its adoption in a scan (lib/scan/domain-facts.ts), from an outcome read back from a results
   * file; absent: `statusAdoption`.
   */
  adoption?(outcome: ScoreOutcome<D>): Adoption;
  /** Its row in a scan's adoption summary; null when the summary does not count it. */
  scanRow: ScanRow | null;
}

/** The part of an outcome scoring reads (the structural views of lib/score pass too). */
export type ScoreOutcome<D> = Pick<CheckOutcome<D>, 'status'> & { details?: D | undefined };

export const defineCheck = <K extends string, D, S = never>(
  check: DnsCheck<K, D, S>,
): DnsCheck<K, D, S> => check;

/** A lookup could be made (anything but a temporary failure). */
export const tested = (outcome: { status: CheckOutcome<unknown>['status'] }): boolean =>
  outcome.status !== 'temperror';

/** A check's adoption by its status alone: a failing record has errors. */
export function statusAdoption(outcome: { status?: unknown }): Adoption {
  switch (outcome.status) {
    case 'pass':
      return 'supported';
    case 'fail':
    case 'permerror':
      return 'errors';
    case 'none':
      return 'absent';
    default:
      return 'untested';
  }
}

/**
 * A record the checker calls `fail` for a weak but valid policy (SPF `?all`, DMARC `p=none`) is
 * still published: supported in MECSA's split; the policy tables show the strength.
 */
export function publishedAdoption(outcome: { status?: unknown }): Adoption {
  return outcome.status === 'fail' ? 'supported' : statusAdoption(outcome);
}
