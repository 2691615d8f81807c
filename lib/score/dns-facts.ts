// The DNS engine's DomainDnsPosture (lib/checks/domain-dns-posture.ts), reduced to what scoring
// reads. Structural: any object with these fields will do, the real posture included. What each
// check contributes is written in its registry entry (lib/checks/registry/*.ts).

import { type CheckTable, EVERY_DNS_CHECK, type ScoredPosture } from '../checks/registry.ts';
import type { DnsFactsInput } from './inputs.ts';

/**
 * The posture as scoring reads it: one field per check of the registry that adds to the score,
 * each typed by what its `score` reads (lib/checks/registry.ts `ScoredPosture`).
 */
export type DnsPostureView = { domain: string } & ScoredPosture;

/** Each check's contribution, from its registry entry (lib/checks/registry.ts). */
export function dnsFactsFromPosture(
  p: DnsPostureView,
  checks: CheckTable = EVERY_DNS_CHECK,
): DnsFactsInput {
  const facts: Partial<DnsFactsInput> = {};
  for (const check of checks) {
    const outcome = (p as unknown as Partial<Record<string, unknown>>)[check.key];
    if (check.score && outcome) Object.assign(facts, check.score(outcome as never));
  }
  return { domain: p.domain, ...facts } as DnsFactsInput;
}
