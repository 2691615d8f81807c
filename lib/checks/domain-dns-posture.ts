// Everything a domain publishes in DNS about its mail security, assessed at once: every check of
// the registry (registry.ts) starts together on one shared client; identical questions become one request, so the
// critical path is MX → (per-MX A/AAAA, TLSA, zone DNSKEY), everything else in parallel.
// JSON Schema: docs/domain-dns-posture.schema.json.
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome } from '../outcome.ts';
import {
  type CheckContext,
  type CheckTable,
  EVERY_DNS_CHECK,
  type PostureChecks,
} from './registry.ts';
import { shareQueries } from './shared-dns.ts';

export const DOMAIN_DNS_POSTURE_SCHEMA = 'https://mailseal.invalid/schema/domain-dns-posture/1';

export type DomainDnsPosture = {
  $schema: typeof DOMAIN_DNS_POSTURE_SCHEMA;
  domain: string;
  /** ISO 8601 time the assessment finished. */
  assessedAt: string;
  elapsedMs: number;
} & PostureChecks;

export interface AssessOptions {
  dns: DnsClient;
  signal?: AbortSignal;
  /** DKIM selectors seen in messages from this domain; without them DKIM is estimated. */
  dkimSelectors?: readonly string[];
  now?: () => number;
  /** The checks to make: the registry's (registry.ts) unless a test brings its own table. */
  checks?: CheckTable;
  /**
   * Each check's outcome as soon as it is in, before the whole posture: a front end can finish
   * what depends on some checks (the extension's padlock) while slower ones (an SPF include
   * walk) still run.
   */
  onCheck?: (key: string, outcome: CheckOutcome<unknown>) => void;
  /**
   * Send these checks' questions first: the others start once `later` resolves (a check that
   * one of the first needs starts with it). lib/assess/ask-order.ts says why.
   */
  first?: { checks: readonly string[]; later: () => Promise<void> };
}

export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

export async function assessDomainDns(
  rawDomain: string,
  options: AssessOptions,
): Promise<DomainDnsPosture> {
  const domain = normaliseDomain(rawDomain);
  const now = options.now ?? Date.now;
  const started = now();
  const dns = shareQueries(options.dns);
  const table = options.checks ?? EVERY_DNS_CHECK;
  const running = new Map<string, Promise<CheckOutcome<unknown>>>();
  const ctx: CheckContext = {
    dns,
    domain,
    ...(options.signal ? { signal: options.signal } : {}),
    dkimSelectors: options.dkimSelectors ?? [],
    outcomeOf: (key) => start(key),
  };
  function start(key: string): Promise<CheckOutcome<unknown>> {
    let pending = running.get(key);
    if (!pending) {
      const check = table.find((c) => c.key === key);
      if (!check) throw new Error(`no DNS check ${key}`);
      pending = check.run(ctx);
      const report = options.onCheck;
      if (report) void pending.then((outcome) => report(key, outcome)).catch(() => {});
      running.set(key, pending);
    }
    return pending;
  }
  // Every check starts together, or the first ones before the rest; identical questions become
  // one request (shareQueries).
  const first = options.first;
  if (first && table.some((check) => !first.checks.includes(check.key))) {
    const firstOnes = table.filter((c) => first.checks.includes(c.key)).map((c) => start(c.key));
    // Handled while the rest wait: a failure surfaces below, with every check's.
    void Promise.all(firstOnes).catch(() => {});
    await first.later();
  }
  const outcomes = await Promise.all(table.map((check) => start(check.key)));
  const checks = Object.fromEntries(
    table.map((check, index) => [check.key, outcomes[index]]),
  ) as PostureChecks;
  const finished = now();
  return {
    $schema: DOMAIN_DNS_POSTURE_SCHEMA,
    domain,
    assessedAt: new Date(finished).toISOString(),
    elapsedMs: finished - started,
    ...checks,
  };
}
