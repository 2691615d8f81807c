// What one DNS check is to everyone who lists checks (registry.ts): its posture field, how it
// looks its record up, how its facts print on one line, and what it adds to the score's DNS
// facts. The outcome type comes from `run`, so every consumer is typed by the table.

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

export interface DnsCheck<K extends string, D> {
  /** The field of DomainDnsPosture that holds the outcome. */
  key: K;
  run(ctx: CheckContext): Promise<CheckOutcome<D>>;
  /** The few facts that matter, on one line of `mailseal check` ('' when none). */
  summary(outcome: CheckOutcome<D>, posture: SummaryContext): string;
  /** What the outcome adds to lib/score's DNS facts; absent when it adds nothing. */
  score?(outcome: ScoreOutcome<D>): ScoreFacts;
}

/** The part of an outcome scoring reads (the structural views of lib/score pass too). */
export type ScoreOutcome<D> = Pick<CheckOutcome<D>, 'status'> & { details?: D | undefined };

export const defineCheck = <K extends string, D>(check: DnsCheck<K, D>): DnsCheck<K, D> => check;

/** A lookup could be made (anything but a temporary failure). */
export const tested = (outcome: { status: CheckOutcome<unknown>['status'] }): boolean =>
  outcome.status !== 'temperror';
