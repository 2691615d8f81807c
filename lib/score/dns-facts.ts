// The DNS engine's DomainDnsPosture (lib/checks/domain-dns-posture.ts), reduced to what scoring
// reads. Structural: any object with these fields will do, the real posture included. What each
// check contributes is written in its registry entry (lib/checks/registry/*.ts).

import { type CheckTable, EVERY_DNS_CHECK, type ScoredPosture } from '../checks/registry.ts';
import type { DnsFactsInput } from './inputs.ts';
import { PADLOCK_DNS_FACTS, type PadlockRole } from './padlock-facts.ts';

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

/** Every fact unknown: what scoring reads for a check that has not answered yet. */
const UNKNOWN_FACTS: Omit<DnsFactsInput, 'domain'> = {
  dnssec: null,
  zoneSigned: null,
  spf: null,
  dmarc: { state: null, policy: null },
  dkim: null,
  dane: null,
  mtaStsRecord: null,
};

/** The facts of a posture still being assessed: what its finished checks add, the rest unknown. */
export function dnsFactsSoFar(
  domain: string,
  outcomes: Readonly<Record<string, unknown>>,
  checks: CheckTable = EVERY_DNS_CHECK,
): DnsFactsInput {
  const known = dnsFactsFromPosture({ ...outcomes, domain } as unknown as DnsPostureView, checks);
  return { ...UNKNOWN_FACTS, ...known };
}

const STATUSES = ['pass', 'fail', 'none', 'temperror', 'permerror'] as const;

/**
 * The facts a check's `score` writes, over every status with and without details (a score may
 * leave a fact out for some outcomes); null when it cannot be told (the score threw).
 */
function factsWrittenBy(check: CheckTable[number]): Set<string> | null {
  const facts = new Set<string>();
  for (const status of STATUSES) {
    for (const details of [undefined, {}]) {
      try {
        for (const key of Object.keys(check.score?.({ status, details } as never) ?? {}))
          facts.add(key);
      } catch {
        return null;
      }
    }
  }
  return facts;
}

/**
 * The checks of a sender's or a recipient's posture the padlock reads: each check whose `score`
 * writes one of the padlock's facts of that role (padlock-facts.ts), or whose facts cannot be
 * told. A new scored check is sorted by what it writes, so it cannot be left out of the padlock
 * by forgetting a list.
 */
export function padlockCheckKeys(
  role: PadlockRole,
  checks: CheckTable = EVERY_DNS_CHECK,
): string[] {
  return checksWriting(PADLOCK_DNS_FACTS[role], checks);
}

/** The checks whose `score` writes one of `facts` (or whose facts cannot be told). */
export function checksWriting(
  facts: readonly string[],
  checks: CheckTable = EVERY_DNS_CHECK,
): string[] {
  const padlock = new Set<string>(facts);
  return checks
    .filter((check) => {
      if (!check.score) return false;
      const facts = factsWrittenBy(check);
      return facts === null || [...facts].some((f) => padlock.has(f));
    })
    .map((check) => check.key);
}
