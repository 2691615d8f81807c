// The background assessor: from a message's slim header block to its report. It analyses the
// headers (facts-from-headers.ts), asks DNS over HTTPS and (when configured) the probe service
// about the sender's and the recipient's domains; nothing but domain names leaves the browser.
// Results are cached per domain in extension storage with TTLs (answer-caches.ts), and identical
// lookups in flight are coalesced. With "keep sender history" on, each handoff is remembered per
// sender domain.

import { browser } from 'wxt/browser';
import { type Answer, askGate, assessDomain } from '../assess/index.ts';
import {
  assessDkimSigner,
  type DkimSignerPosture,
  dkimSignersFromFacts,
} from '../checks/dkim-signers.ts';
import { rootQueryUrl } from '../dns/doh-exchange.ts';
import { resolverUrl } from '../dns/resolvers.ts';
import type { MessageFacts } from '../headers/message-facts.ts';
import { factsFromHeaders } from '../messaging/facts-from-headers.ts';
import type { AssessMessage } from '../messaging/protocol.ts';
import type { MessageReport } from '../messaging/report.ts';
import { recordHandoff } from '../score/index.ts';
import type { Settings } from '../settings/settings.ts';
import {
  type AnswerCaches,
  CACHE_PREFIXES,
  createAnswerCaches,
  dnssecKey,
  memoOf,
} from './answer-caches.ts';
import { createConnectionWarmer } from './connection-warmer.ts';
import { createDnsClients, type DnsClients } from './dns-clients.ts';
import { clearCaches, type StorageAreaLike } from './domain-cache.ts';
import { historyStorage } from './history-storage.ts';
import {
  awaitingAny,
  type KnownDomain,
  type KnownEvidence,
  PADLOCK_CHECKS,
  padlockPendingOf,
  padlockReads,
  reportFrom,
} from './known-evidence.ts';
import { serviceProbe } from './probe-client.ts';
import {
  alertViews,
  createSenderProfiles,
  type SenderProfiles,
  signerKeyRecords,
} from './sender-profiles.ts';
import { loadSettings } from './settings-store.ts';

export interface AssessorDeps {
  settings: () => Promise<Settings>;
  local: StorageAreaLike;
  fetch: typeof fetch;
  now: () => number;
  /** Sender profiles for downgrade alerts; shared with the options page's handlers. */
  profiles: SenderProfiles;
}

export interface Assessor {
  /**
   * The final report. `onProgress` gets the first verdict from the headers alone at once, then
   * one refined report each time DNS or probe answers arrive (the final one is the return value).
   */
  assess(
    request: AssessMessage,
    onProgress?: (report: MessageReport) => void,
  ): Promise<MessageReport>;
  clearCache(): Promise<number>;
  /**
   * A message is opening: open the resolver's connection now, if idle, so the first DoH round
   * does not wait for a handshake (connection-warmer.ts).
   */
  warm(): Promise<void>;
}

/** The domains a message is judged by: the sender's (From, else envelope) and the recipient's. */
export function domainsOf(facts: MessageFacts): {
  sender: string | null;
  recipient: string | null;
} {
  const sender =
    facts.from?.organizationalDomain ??
    facts.from?.domain ??
    facts.envelopeFrom?.organizationalDomain ??
    null;
  const recipient = facts.recipientDomain ?? facts.trust.providerDomains[0] ?? null;
  return { sender: sender?.toLowerCase() ?? null, recipient: recipient?.toLowerCase() ?? null };
}

/** What one assessment of a message works with: its settings and the background's state. */
interface AssessmentContext {
  deps: AssessorDeps;
  settings: Settings;
  dns: DnsClients;
  caches: AnswerCaches;
  remember: ReturnType<typeof historyRecorder>;
}

/** The keys of one verified signer of the message, at <s>._domainkey.<d>, cached per key set. */
async function signerOf(
  signer: { domain: string; selectors: string[] },
  ctx: AssessmentContext,
): Promise<Answer<DkimSignerPosture>> {
  const key = dnssecKey(ctx.settings, `${signer.selectors.join(',')}@${signer.domain}`);
  const { value } = await ctx.caches.dkim.lookup(key, async () => {
    try {
      return { ok: true, value: await assessDkimSigner(ctx.dns.for(ctx.settings), signer) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  });
  return value;
}

type Gate = ReturnType<typeof askGate>;

/**
 * The domain's DNS posture and (when on) probe answer, each recorded as soon as it is in. What
 * the padlock reads is asked first (lib/assess/ask-order.ts): the checks it reads and the
 * recipient's probe call; the rest once every domain of the message has sent those.
 */
function assessOne(
  role: 'sender' | 'recipient',
  d: KnownDomain,
  domain: string,
  useProbe: boolean,
  ctx: AssessmentContext,
  refined: Refined,
  gate: Gate,
) {
  const { settings } = ctx;
  const probe = useProbe
    ? serviceProbe({ url: settings.probe.url, token: settings.probe.token, fetch: ctx.deps.fetch })
    : null;
  return assessDomain(domain, {
    dns: ctx.dns.for(settings),
    probe,
    memo: memoOf(ctx.caches, settings),
    order: {
      firstChecks: PADLOCK_CHECKS[role],
      probeFirst: role === 'recipient',
      later: gate.later,
      sent: () => gate.sent(domain),
    },
    onPart: (part) => {
      if (part.part === 'check') {
        // A posture's checks as they finish: the padlock may be final before the slowest one.
        if (d.dns === undefined) d.checks = { ...d.checks, [part.key]: part.outcome };
      } else if (part.part === 'dns') d.dns = part.answer;
      else d.probe = part.answer;
      refined(padlockReads(role, part));
    },
  });
}

/**
 * This message against its sender's profile (downgrade alerts), learning from it unless the
 * user turned learning off or the message is read in a private window. An alert that cannot
 * be worked out costs nothing but the alert.
 */
async function alertsOf(k: KnownEvidence, ctx: AssessmentContext, privateWindow: boolean) {
  try {
    const keys = await signerKeyRecords(ctx.dns.for(ctx.settings), k.facts);
    const learn = ctx.settings.features.keepSenderHistory && !privateWindow;
    return alertViews(await ctx.deps.profiles.judge(k.facts, keys, { learn }));
  } catch {
    return [];
  }
}

/** An answer is in: re-score. `forPadlock` false: it refines only the details. */
type Refined = (forPadlock: boolean) => void;

/** Runs `lookup` and records its answer in `known`, then lets the caller re-score. */
function track<T>(lookup: Promise<T>, record: (value: T) => void, refined: Refined) {
  return lookup.then((value) => {
    record(value);
    // The signers' keys and the alerts: the padlock reads both.
    refined(true);
  });
}

/** Every lookup of the message at once: both domains, the signers' keys, history and alerts. */
function lookups(
  k: KnownEvidence,
  ctx: AssessmentContext,
  privateWindow: boolean,
  refined: Refined,
): Promise<unknown>[] {
  const work: Promise<unknown>[] = [];
  const domains = [k.sender.domain, k.recipient.domain].filter((d): d is string => d !== null);
  const gate = askGate(domains);
  // The recipient first: its probe call is the padlock's longest question.
  for (const role of ['recipient', 'sender'] as const) {
    const d = k[role];
    if (d.domain !== null) work.push(assessOne(role, d, d.domain, k.useProbe, ctx, refined, gate));
  }
  const signers = dkimSignersFromFacts(k.facts).map((s) => signerOf(s, ctx));
  work.push(track(Promise.all(signers), (v) => (k.signers = v), refined));
  if (ctx.settings.features.keepSenderHistory)
    work.push(
      ctx.remember(k.facts).then((h) => {
        k.observations = h?.observations ?? [];
      }),
    );
  work.push(track(alertsOf(k, ctx, privateWindow), (v) => (k.alerts = v), refined));
  return work;
}

/** What is known of a message before any answer: its facts from the headers alone. */
function knownFrom(request: AssessMessage, settings: Settings, now: number): KnownEvidence {
  const facts = factsFromHeaders(request.site, request.headers, {
    now,
    ...(request.webmailHost ? { webmailHost: request.webmailHost } : {}),
  });
  const domains = domainsOf(facts);
  return {
    site: request.site,
    facts,
    useProbe: settings.features.useProbe && settings.probe.url !== '',
    sender: { domain: domains.sender },
    recipient: { domain: domains.recipient },
  };
}

/** One message: the first verdict at once, a refined one as answers arrive, the final one. */
async function assessMessage(
  request: AssessMessage,
  ctx: AssessmentContext,
  onProgress: ((report: MessageReport) => void) | undefined,
): Promise<MessageReport> {
  const known = knownFrom(request, ctx.settings, ctx.deps.now());
  let stage = 0;
  const report = () => reportFrom(known, new Date(ctx.deps.now()).toISOString(), stage++);
  // Each answer refines the verdict; answers that arrive together are scored once. While the
  // padlock waits, an answer only the details read is not scored on its own: the padlock's next
  // answer brings it along. Scoring, the tab's storage and the toolbar then work for the padlock
  // on the worker's one thread, and the details refine answer by answer once it is final.
  let queued = false;
  let started = false;
  const refined: Refined = (forPadlock) => {
    if (queued || onProgress === undefined || !started) return;
    if (!forPadlock && padlockPendingOf(known).length > 0) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      // The report with nothing awaited is the final one, the return value below.
      if (awaitingAny(known)) onProgress(report());
    });
  };
  // Every lookup starts before anything is scored ...
  const work = lookups(known, ctx, request.privateWindow === true, refined);
  // ... and the first verdict, from the headers alone, goes out before any answer is in.
  onProgress?.(report());
  started = true;
  await Promise.all(work);
  return report();
}

/** One read-modify-write of the history at a time: two messages may share a sender. */
function historyRecorder(local: StorageAreaLike, now: () => number) {
  const store = historyStorage(local);
  let queue: Promise<unknown> = Promise.resolve();
  return (facts: MessageFacts) => {
    const next = queue.then(() => recordHandoff(store, facts, { now: () => new Date(now()) }));
    queue = next.catch(() => {});
    // A history that cannot be stored only costs the 80% rule its evidence, never the report.
    return next.catch(() => null);
  };
}

function withDefaults(overrides: Partial<AssessorDeps>): AssessorDeps {
  const local = overrides.local ?? (browser.storage.local as unknown as StorageAreaLike);
  return {
    settings: loadSettings,
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    ...overrides,
    local,
    profiles: overrides.profiles ?? createSenderProfiles(local),
  };
}

export function createAssessor(overrides: Partial<AssessorDeps> = {}): Assessor {
  const given = withDefaults(overrides);
  // Every DoH and probe request goes through the warmer, so it knows which connection is idle.
  const warmer = createConnectionWarmer({ fetch: given.fetch, now: given.now });
  const deps: AssessorDeps = { ...given, fetch: warmer.fetch };
  const dns = createDnsClients(deps);
  const caches = createAnswerCaches(deps.local, deps.now);
  const remember = historyRecorder(deps.local, deps.now);
  return {
    async assess(request, onProgress) {
      const settings = await deps.settings();
      return assessMessage(request, { deps, settings, dns, caches, remember }, onProgress);
    },
    warm: async () => {
      const url = rootQueryUrl(resolverUrl(await deps.settings()));
      warmer.warm([url], { accept: 'application/dns-message' });
    },
    // Clearing forgets what was learned too, as it always did for the handoff history.
    clearCache: async () => {
      // The DNS answers and validated keys held in memory go too: the next message asks afresh.
      dns.clear();
      const profiles = (await deps.profiles.list()).length;
      await deps.profiles.clear();
      return profiles + (await clearCaches(deps.local, CACHE_PREFIXES));
    },
  };
}
