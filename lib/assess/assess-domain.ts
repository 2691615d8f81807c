// One mail domain assessed the same way for every front end: its DNS posture (lib/checks), its
// transport security from whichever probe the front end has, and the MECSA provider score
// (lib/score). The probe is a source handed in: a local probe in Node (lib/probe/probe-source.ts),
// the probe service over HTTP from the extension (lib/ext/probe-client.ts), or none. What stays
// with each front end is its own concern: storage and messaging, HTTP and caching, printing.
//
// Both parts start at once on one shared DNS view, so a question the posture and the probe both
// need (the MX set, each host's addresses and TLSA, the MTA-STS record) is asked once. Those DNS
// facts are lib/checks' (`lookupMailFacts`): a local probe receives them, it does not look them up.

import { assessDomainDns, type DomainDnsPosture } from '../checks/domain-dns-posture.ts';
import { lookupMailFacts, type MailFacts } from '../checks/mail-facts.ts';
import { shareQueries } from '../checks/shared-dns.ts';
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome } from '../outcome.ts';
import {
  dnsFactsFromPosture,
  type ProbeInput,
  type ProviderScore,
  scoreProvider,
} from '../score/index.ts';
import { type Answer, errorText, settle } from './answer.ts';
import type { AskOrder } from './ask-order.ts';
import { isIncomplete, postureUntested } from './completeness.ts';

/** Where a front end gets the probe's answer for one domain from. */
export interface ProbeSource<P> {
  /**
   * `facts` gives the domain's mail DNS facts, looked up on first call and once: a local probe
   * works from them; a remote one never calls it. `dns` is the assessment's shared view, for what
   * only the probe asks (the MTA-STS policy host).
   */
  probe(domain: string, dns: DnsClient, facts: () => MailFacts): Promise<P>;
  /** MX hosts the probe looks at, when it has a limit (`facts` carries no more). */
  maxMxHosts?: number;
  /** The part of the answer lib/score reads; null when the answer cannot be scored. */
  scoreInput(answer: P): ProbeInput | null;
}

export type AssessPart<P> =
  | { part: 'dns'; answer: Answer<DomainDnsPosture> }
  | { part: 'probe'; answer: Answer<P> }
  /** One DNS check of a posture still being assessed (never for a posture from the memo). */
  | { part: 'check'; key: string; outcome: CheckOutcome<unknown> };

/**
 * Keeps or reuses one part per domain (the extension's storage cache); `compute` does the work.
 * Without it every call computes.
 */
export type PartMemo = <T>(
  part: 'dns' | 'probe',
  domain: string,
  compute: () => Promise<Answer<T>>,
) => Promise<Answer<T>>;

export interface AssessDomainDeps<P> {
  dns: DnsClient;
  /** null: no probe (a browser with no probe service, `mailseal check --dns-only`). */
  probe: ProbeSource<P> | null;
  /** DKIM selectors seen in messages from this domain; without them DKIM is estimated. */
  dkimSelectors?: readonly string[];
  signal?: AbortSignal;
  now?: () => number;
  memo?: PartMemo;
  /** Each part as soon as it is in, so a front end can refine what it shows. */
  onPart?: (part: AssessPart<P>) => void;
  /** Which questions go out first (ask-order.ts); without it, all at once. */
  order?: AskOrder;
}

export interface DomainAssessment<P> {
  domain: string;
  dns: Answer<DomainDnsPosture>;
  /** null when there is no probe source. */
  probe: Answer<P> | null;
  /** The provider score; null when neither part could be had. */
  scores: Answer<ProviderScore> | null;
  /** A part is missing or could not be tested (temperror): cache it for a shorter time. */
  incomplete: boolean;
}

const computeNow: PartMemo = (_part, _domain, compute) => compute();

const checkReporter =
  <P>(onPart: (part: AssessPart<P>) => void) =>
  (key: string, outcome: CheckOutcome<unknown>) =>
    onPart({ part: 'check', key, outcome });

/** The mail DNS facts, looked up when first asked for and then kept. */
function factsOnce(dns: DnsClient, domain: string, maxHosts?: number): () => MailFacts {
  let facts: MailFacts | undefined;
  return () => {
    facts ??= lookupMailFacts(dns, domain, maxHosts === undefined ? {} : { maxHosts });
    return facts;
  };
}

function scoreOf(
  domain: string,
  dns: DomainDnsPosture | null,
  probe: ProbeInput | null,
): Answer<ProviderScore> | null {
  if (dns === null && probe === null) return null;
  try {
    return {
      ok: true,
      value: scoreProvider({
        domain: probe?.domain ?? dns?.domain ?? domain,
        dns: dns ? dnsFactsFromPosture(dns) : null,
        probe,
      }),
    };
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}

/**
 * Calls `sent` once both parts have sent their first questions: a part counts when its work
 * starts (its questions go out in that task) or its memo answers without work.
 */
function firstSentTracker(order: AskOrder | undefined, parts: number) {
  let left = parts;
  const one = () => {
    left -= 1;
    if (left === 0) order?.sent();
  };
  return <T>(memoed: (started: () => void) => Promise<T>): Promise<T> => {
    let counted = false;
    const count = () => {
      if (counted) return;
      counted = true;
      one();
    };
    return memoed(count).finally(count);
  };
}

export async function assessDomain<P>(
  domain: string,
  deps: AssessDomainDeps<P>,
): Promise<DomainAssessment<P>> {
  const dns = shareQueries(deps.dns);
  const memo = deps.memo ?? computeNow;
  const order = deps.order;
  const source = deps.probe;
  const probeLater = order !== undefined && source !== null && !order.probeFirst;
  const tracked = firstSentTracker(order, source && !probeLater ? 2 : 1);
  // A probe call sent first goes before the posture's questions: it is the longest one.
  const probeFirst = source !== null && order?.probeFirst === true;
  const probeOf = (from: ProbeSource<P>) => (started: () => void) =>
    memo<P>('probe', domain, () => {
      started();
      return settle(() => from.probe(domain, dns, factsOnce(dns, domain, from.maxMxHosts)));
    });
  const earlyProbe = source && probeFirst ? tracked(probeOf(source)) : null;
  const posturePart = tracked((started) =>
    memo<DomainDnsPosture>('dns', domain, () => {
      started();
      return settle(() =>
        assessDomainDns(domain, {
          dns,
          ...(deps.signal ? { signal: deps.signal } : {}),
          ...(deps.dkimSelectors ? { dkimSelectors: deps.dkimSelectors } : {}),
          ...(deps.now ? { now: deps.now } : {}),
          ...(deps.onPart ? { onCheck: checkReporter(deps.onPart) } : {}),
          ...(order ? { first: { checks: order.firstChecks, later: order.later } } : {}),
        }),
      );
    }),
  ).then((answer) => {
    deps.onPart?.({ part: 'dns', answer });
    return answer;
  });
  const probePart = source
    ? (
        earlyProbe ??
        (probeLater && order
          ? order.later().then(() => probeOf(source)(() => {}))
          : tracked(probeOf(source)))
      ).then((answer) => {
        deps.onPart?.({ part: 'probe', answer });
        return answer;
      })
    : Promise.resolve(null);
  const [posture, probe] = await Promise.all([posturePart, probePart]);
  const postureValue = posture.ok ? posture.value : null;
  const probeInput = source && probe?.ok ? source.scoreInput(probe.value) : null;
  const scores = scoreOf(domain, postureValue, probeInput);
  const failed = !posture.ok || probe?.ok === false || scores?.ok === false;
  const untested = source
    ? isIncomplete(probeInput, postureValue)
    : postureValue === null || postureUntested(postureValue);
  return { domain, dns: posture, probe, scores, incomplete: failed || untested };
}
