// Every DNS check MailSeal makes, in the order `mailseal check` lists them. The posture
// (domain-dns-posture.ts), completeness (lib/assess), `mailseal check`'s printer, the score's DNS
// facts (lib/score/dns-facts.ts), the report's standards table (lib/messaging/build-report.ts)
// and a scan's adoption facts (lib/scan/domain-facts.ts) all iterate this table, and each takes
// another table for tests. Adding a check: one file in registry/ and one line here
// (docs/contributing.md).

import type { CheckOutcome } from '../outcome.ts';
import type { DnsFactsInput } from '../score/inputs.ts';
import { bimiCheck } from './registry/bimi.ts';
import type {
  Adoption,
  CheckContext,
  ReportRow,
  ScanRow,
  SummaryContext,
} from './registry/check-entry.ts';
import { dkimCheck } from './registry/dkim.ts';
import { dmarcCheck } from './registry/dmarc.ts';
import { dnssecCheck } from './registry/dnssec.ts';
import { mtaStsCheck } from './registry/mta-sts.ts';
import { mxCheck } from './registry/mx.ts';
import { spfCheck } from './registry/spf.ts';
import { tlsRptCheck } from './registry/tls-rpt.ts';
import { tlsaCheck } from './registry/tlsa.ts';

export const DNS_CHECKS = [
  mxCheck,
  spfCheck,
  dmarcCheck,
  mtaStsCheck,
  tlsRptCheck,
  bimiCheck,
  tlsaCheck,
  dnssecCheck,
  dkimCheck,
] as const;

type Entry = (typeof DNS_CHECKS)[number];

export type CheckKey = Entry['key'];

/** One outcome per check, each typed by its entry's `run`. */
export type PostureChecks = {
  [E in Entry as E['key']]: Awaited<ReturnType<E['run']>>;
};

/** What an entry's `score` reads of its outcome; never for an entry without one. */
type ScoreViewOf<E> = E extends { score?: (outcome: infer S) => unknown } ? S : never;

/**
 * What lib/score reads of a posture (its DnsPostureView): one field per check with a `score`,
 * typed by what that score reads, so a real posture and a test's small object both fit.
 */
export type ScoredPosture = {
  [E in Entry as [ScoreViewOf<E>] extends [never] ? never : E['key']]: ScoreViewOf<E>;
};

/**
 * Any entry of the table, for code that walks it without caring which check it is. `string`
 * keys: a table built in a test may hold a check the real one does not.
 */
export interface AnyDnsCheck<K extends string = CheckKey> {
  key: K;
  run(ctx: CheckContext): Promise<CheckOutcome<unknown>>;
  summary(outcome: never, posture: SummaryContext): string;
  score?(outcome: never): Partial<Omit<DnsFactsInput, 'domain'>>;
  report: ReportRow | null;
  adoption?(outcome: never): Adoption;
  scanRow: ScanRow | null;
}

/** A table of checks as the consumers take it (the real one by default). */
export type CheckTable = readonly AnyDnsCheck<string>[];

/** The same table, walkable by code that handles every check alike. */
export const EVERY_DNS_CHECK: readonly AnyDnsCheck[] = DNS_CHECKS;

export {
  type Adoption,
  type CheckContext,
  type DnsCheck,
  publishedAdoption,
  type ReportRow,
  type ScanRow,
  statusAdoption,
} from './registry/check-entry.ts';
