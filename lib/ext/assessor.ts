// The background assessor: from a message's slim header block to its report. It analyses the
// headers (facts-from-headers.ts), asks DNS over HTTPS and (when configured) the probe service
// about the sender's and the recipient's domains; nothing but domain names leaves the browser.
// Results are cached per domain in extension storage with TTLs, and identical lookups in flight
// are coalesced. With "keep sender history" on, each handoff is remembered per sender domain.

import { browser } from 'wxt/browser';
import { type Answer, assessDomain, type PartMemo } from '../assess/index.ts';
import {
  assessDkimSigner,
  type DkimSignerPosture,
  dkimSignersFromFacts,
} from '../checks/dkim-signers.ts';
import { parseAnchorText } from '../dns/dnssec/trust-anchor.ts';
import {
  createDohClient,
  createFetchTransport,
  createValidatingClient,
  type ValidatingDohClient,
} from '../dns/index.ts';
import { resolverUrl } from '../dns/resolvers.ts';
import type { MessageFacts } from '../headers/message-facts.ts';
import { factsFromHeaders } from '../messaging/facts-from-headers.ts';
import type { AssessMessage } from '../messaging/protocol.ts';
import type { MessageReport } from '../messaging/report.ts';
import { recordHandoff } from '../score/index.ts';
import type { Settings } from '../settings/settings.ts';
import { clearCaches, createDomainCache, type StorageAreaLike } from './domain-cache.ts';
import { HISTORY_PREFIX, historyStorage } from './history-storage.ts';
import { type KnownDomain, type KnownEvidence, pendingOf, reportFrom } from './known-evidence.ts';
import { serviceProbe } from './probe-client.ts';
import {
  alertViews,
  createSenderProfiles,
  type SenderProfiles,
  signerKeyRecords,
} from './sender-profiles.ts';
import { loadSettings } from './settings-store.ts';

const HOUR = 3_600_000;
// MECSA's rhythm: DNS facts for about an hour; failures are retried much sooner.
const DNS_TTL_MS = HOUR;
const PROBE_TTL_MS = HOUR;
const FAILURE_TTL_MS = 5 * 60_000;
const CACHE_PREFIXES = ['dns:', 'probe:', 'dkim:', HISTORY_PREFIX];

/** Cache key of a DNS result: local validation keeps the plain name, the AD-flag mode its own. */
const dnssecKey = (settings: Settings, name: string) =>
  settings.dnssecValidation === 'resolver' ? `ad-flag|${name}` : name;

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

export function createAssessor(overrides: Partial<AssessorDeps> = {}): Assessor {
  const deps: AssessorDeps = {
    settings: loadSettings,
    local: browser.storage.local as unknown as StorageAreaLike,
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    ...overrides,
    profiles:
      overrides.profiles ??
      createSenderProfiles(
        overrides.local ?? (browser.storage.local as unknown as StorageAreaLike),
      ),
  };
  const ttl = (base: number) => (value: Answer<unknown>) => (value.ok ? base : FAILURE_TTL_MS);
  // One validating client per resolver and DNSSEC mode, so validated root and TLD keys are
  // reused across domains (a warm validation costs no extra round trip).
  const dnsClients = new Map<string, ValidatingDohClient>();
  function dnsClientFor(settings: Settings): ValidatingDohClient {
    const url = resolverUrl(settings);
    // Lab mode validates from the lab's anchor (its signed TLD), never outside it.
    const labAnchor = settings.labMode ? settings.labTrustAnchor : undefined;
    const key = `${settings.dnssecValidation}|${url}|${labAnchor ?? ''}`;
    let client = dnsClients.get(key);
    if (!client) {
      const inner = createDohClient({
        resolvers: [url],
        transport: createFetchTransport(deps.fetch),
      });
      const anchor = labAnchor ? parseAnchorText(labAnchor) : undefined;
      client = createValidatingClient(inner, {
        mode: settings.dnssecValidation,
        now: deps.now,
        ...(anchor ? { anchor } : {}),
      });
      dnsClients.set(key, client);
    }
    return client;
  }
  const dnsCache = createDomainCache<Answer<unknown>>({
    area: deps.local,
    prefix: 'dns:',
    ttlMs: ttl(DNS_TTL_MS),
    now: deps.now,
  });
  const probeCache = createDomainCache<Answer<unknown>>({
    area: deps.local,
    prefix: 'probe:',
    ttlMs: ttl(PROBE_TTL_MS),
    now: deps.now,
  });

  const dkimCache = createDomainCache<Answer<DkimSignerPosture>>({
    area: deps.local,
    prefix: 'dkim:',
    ttlMs: ttl(DNS_TTL_MS),
    now: deps.now,
  });

  /** The keys of one verified signer of the message, at <s>._domainkey.<d>, cached per key set. */
  async function signerOf(
    signer: { domain: string; selectors: string[] },
    settings: Settings,
  ): Promise<Answer<DkimSignerPosture>> {
    const { value } = await dkimCache.lookup(
      dnssecKey(settings, `${signer.selectors.join(',')}@${signer.domain}`),
      async () => {
        try {
          const dns = dnsClientFor(settings);
          return { ok: true, value: await assessDkimSigner(dns, signer) };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      },
    );
    return value;
  }

  // The extension's concern in an assessment: each part cached in extension storage per domain,
  // DNS answers apart per DNSSEC mode, so switching the setting never shows the other mode's label.
  const memoFor =
    (settings: Settings): PartMemo =>
    async <T>(part: 'dns' | 'probe', domain: string, compute: () => Promise<Answer<T>>) => {
      const cache = part === 'dns' ? dnsCache : probeCache;
      const key = part === 'dns' ? dnssecKey(settings, domain) : domain;
      const { value } = await cache.lookup(key, compute);
      return value as Answer<T>;
    };

  /** The domain's DNS posture and (when on) probe answer, each recorded as soon as it is in. */
  function assessOne(
    d: KnownDomain,
    domain: string,
    k: KnownEvidence,
    settings: Settings,
    refined: () => void,
  ) {
    const probe = k.useProbe
      ? serviceProbe({ url: settings.probe.url, token: settings.probe.token, fetch: deps.fetch })
      : null;
    return assessDomain(domain, {
      dns: dnsClientFor(settings),
      probe,
      memo: memoFor(settings),
      onPart: (part) => {
        if (part.part === 'dns') d.dns = part.answer;
        else d.probe = part.answer;
        refined();
      },
    });
  }

  // One read-modify-write of the history at a time: two messages may share a sender.
  const historyStore = historyStorage(deps.local);
  let historyQueue: Promise<unknown> = Promise.resolve();
  function remember(facts: MessageFacts) {
    const next = historyQueue.then(() =>
      recordHandoff(historyStore, facts, { now: () => new Date(deps.now()) }),
    );
    historyQueue = next.catch(() => {});
    // A history that cannot be stored only costs the 80% rule its evidence, never the report.
    return next.catch(() => null);
  }

  /**
   * This message against its sender's profile (downgrade alerts), learning from it unless the
   * user turned learning off or the message is read in a private window. An alert that cannot
   * be worked out costs nothing but the alert.
   */
  async function alertsOf(k: KnownEvidence, settings: Settings, privateWindow: boolean) {
    try {
      const keys = await signerKeyRecords(dnsClientFor(settings), k.facts);
      const learn = settings.features.keepSenderHistory && !privateWindow;
      return alertViews(await deps.profiles.judge(k.facts, keys, { learn }));
    } catch {
      return [];
    }
  }

  /** Runs `lookup` and records its answer in `known`, then lets the caller re-score. */
  function track<T>(lookup: Promise<T>, record: (value: T) => void, refined: () => void) {
    return lookup.then((value) => {
      record(value);
      refined();
    });
  }

  function lookups(k: KnownEvidence, settings: Settings, refined: () => void): Promise<unknown>[] {
    const work: Promise<unknown>[] = [];
    for (const d of [k.sender, k.recipient]) {
      if (d.domain === null) continue;
      work.push(assessOne(d, d.domain, k, settings, refined));
    }
    const signers = dkimSignersFromFacts(k.facts).map((s) => signerOf(s, settings));
    work.push(track(Promise.all(signers), (v) => (k.signers = v), refined));
    return work;
  }

  return {
    async assess(request, onProgress) {
      const settings = await deps.settings();
      const facts = factsFromHeaders(request.site, request.headers, {
        now: deps.now(),
        ...(request.webmailHost ? { webmailHost: request.webmailHost } : {}),
      });
      const domains = domainsOf(facts);
      const known: KnownEvidence = {
        site: request.site,
        facts,
        useProbe: settings.features.useProbe && settings.probe.url !== '',
        sender: { domain: domains.sender },
        recipient: { domain: domains.recipient },
      };
      let stage = 0;
      const report = () => reportFrom(known, new Date(deps.now()).toISOString(), stage++);
      // Each answer refines the verdict; answers that arrive together are scored once.
      let queued = false;
      let started = false;
      const refined = () => {
        if (queued || onProgress === undefined || !started) return;
        queued = true;
        queueMicrotask(() => {
          queued = false;
          if (pendingOf(known).length > 0) onProgress(report());
        });
      };
      // Every lookup starts before anything is scored ...
      const work = lookups(known, settings, refined);
      const history = settings.features.keepSenderHistory
        ? remember(facts).then((h) => {
            known.observations = h?.observations ?? [];
          })
        : null;
      const alerts = track(
        alertsOf(known, settings, request.privateWindow === true),
        (v) => (known.alerts = v),
        refined,
      );
      // ... and the first verdict, from the headers alone, goes out before any answer is in.
      onProgress?.(report());
      started = true;
      await Promise.all([...work, history, alerts]);
      return report();
    },
    // Clearing forgets what was learned too, as it always did for the handoff history.
    clearCache: async () => {
      // The DNS answers and validated keys held in memory go too: the next message asks afresh.
      dnsClients.clear();
      const profiles = (await deps.profiles.list()).length;
      await deps.profiles.clear();
      return profiles + (await clearCaches(deps.local, CACHE_PREFIXES));
    },
  };
}
