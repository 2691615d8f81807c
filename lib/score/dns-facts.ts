// The DNS engine's DomainDnsPosture (lib/checks/domain-dns-posture.ts), reduced to what scoring
// reads. Structural: any object with these fields will do, the real posture included. What each
// check contributes is written in its registry entry (lib/checks/registry/*.ts).

import { type CheckTable, EVERY_DNS_CHECK } from '../checks/registry.ts';
import type { CheckStatus } from '../outcome.ts';
import type { DnsFactsInput } from './inputs.ts';

type Outcome<T> = { status: CheckStatus; details?: T };
type QuestionState = 'secure' | 'insecure' | 'bogus' | 'indeterminate' | 'not-applicable';

export interface DnsPostureView {
  domain: string;
  spf: Outcome<unknown>;
  dmarc: Outcome<{ effectivePolicy?: 'none' | 'quarantine' | 'reject' }>;
  mtaSts: Outcome<unknown>;
  tlsa: Outcome<unknown>;
  dnssec: Outcome<{
    domainSigned: QuestionState;
    mxSecure: QuestionState;
    mxHostZonesSigned: QuestionState;
    mxAddressesSecure: QuestionState;
    txtSecure: QuestionState;
    tlsaSecure: QuestionState;
  }>;
  dkim: Outcome<unknown>;
}

/** Each check's contribution, from its registry entry (lib/checks/registry.ts). */
export function dnsFactsFromPosture(
  p: DnsPostureView,
  checks: CheckTable = EVERY_DNS_CHECK,
): DnsFactsInput {
  const facts: Partial<DnsFactsInput> = {};
  for (const check of checks) {
    const outcome = (p as unknown as Partial<Record<string, DnsPostureView['spf']>>)[check.key];
    if (check.score && outcome) Object.assign(facts, check.score(outcome as never));
  }
  return { domain: p.domain, ...facts } as DnsFactsInput;
}
