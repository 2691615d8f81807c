// Every DNS check MailSeal makes, in the order reports list them. The posture
// (domain-dns-posture.ts), completeness (lib/assess), `mailseal check`'s printer and the score's
// DNS facts (lib/score/dns-facts.ts) all iterate this table. Adding a check: one file in
// registry/ and one line here (docs/contributing.md).

import type { CheckOutcome } from '../outcome.ts';
import type { DnsFactsInput } from '../score/inputs.ts';
import { bimiCheck } from './registry/bimi.ts';
import type { CheckContext, SummaryContext } from './registry/check-entry.ts';
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

/** Any entry of the table, for code that walks it without caring which check it is. */
export interface AnyDnsCheck {
  key: CheckKey;
  run(ctx: CheckContext): Promise<CheckOutcome<unknown>>;
  summary(outcome: never, posture: SummaryContext): string;
  score?(outcome: never): Partial<Omit<DnsFactsInput, 'domain'>>;
}

/** The same table, walkable by code that handles every check alike. */
export const EVERY_DNS_CHECK: readonly AnyDnsCheck[] = DNS_CHECKS;

export type { CheckContext, DnsCheck } from './registry/check-entry.ts';
