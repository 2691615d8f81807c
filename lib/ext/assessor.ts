// The background assessor: from a message's slim header block to its report. It analyses the
// headers (facts-from-headers.ts), asks DNS over HTTPS and (when configured) the probe service
// about the sender's and the recipient's domains; nothing but domain names leaves the browser.
// Results are cached per domain in extension storage with TTLs, and identical lookups in flight
// are coalesced. With "keep sender history" on, each handoff is remembered per sender domain.

import { browser } from 'wxt/browser';
import {
  assessDkimSigner,
  type DkimSignerPosture,
  dkimSignersFromFacts,
} from '../checks/dkim-signers.ts';
import { assessDomainDns, type DomainDnsPosture } from '../checks/index.ts';
import {
  createDohClient,
  createFetchTransport,
  createValidatingClient,
  type ValidatingDohClient,
} from '../dns/index.ts';
import type { MessageFacts } from '../headers/message-facts.ts';
import { buildReport, type ProviderInputs, type SignerView } from '../messaging/build-report.ts';
import { factsFromHeaders } from '../messaging/facts-from-headers.ts';
import type { ProbeView } from '../messaging/probe-view.ts';
import type { AssessMessage } from '../messaging/protocol.ts';
import type { MessageReport, Msg } from '../messaging/report.ts';
import { scoreParts } from '../messaging/score-parts.ts';
import { dnsFactsFromPosture, recordHandoff, type SignerKeyInput } from '../score/index.ts';
import { text } from '../score/text.ts';
import { resolverUrl, type Settings } from '../settings/settings.ts';
import { clearCaches, createDomainCache, type StorageAreaLike } from './domain-cache.ts';
import { HISTORY_PREFIX, historyStorage } from './history-storage.ts';
import { fetchProbeReports, type ProbeReport } from './probe-client.ts';
import { loadSettings } from './settings-store.ts';

const HOUR = 3_600_000;
// MECSA's rhythm: DNS facts for about an hour; failures are retried much sooner.
const DNS_TTL_MS = HOUR;
const PROBE_TTL_MS = HOUR;
const FAILURE_TTL_MS = 5 * 60_000;
const CACHE_PREFIXES = ['dns:', 'probe:', 'dkim:', HISTORY_PREFIX];

export interface AssessorDeps {
  settings: () => Promise<Settings>;
  local: StorageAreaLike;
  fetch: typeof fetch;
  now: () => number;
}

export interface Assessor {
  assess(request: AssessMessage): Promise<MessageReport>;
  clearCache(): Promise<number>;
}

type Cached<T> = { ok: true; value: T } | { ok: false; error: string };

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
  };
  const ttl = (base: number) => (value: Cached<unknown>) => (value.ok ? base : FAILURE_TTL_MS);
  // One validating client per resolver and DNSSEC mode, so validated root and TLD keys are
  // reused across domains (a warm validation costs no extra round trip).
  const dnsClients = new Map<string, ValidatingDohClient>();
  function dnsClientFor(settings: Settings): ValidatingDohClient {
    const url = resolverUrl(settings);
    const key = `${settings.dnssecValidation}|${url}`;
    let client = dnsClients.get(key);
    if (!client) {
      const inner = createDohClient({
        resolvers: [url],
        transport: createFetchTransport(deps.fetch),
      });
      client = createValidatingClient(inner, { mode: settings.dnssecValidation, now: deps.now });
      dnsClients.set(key, client);
    }
    return client;
  }
  const dnsCache = createDomainCache<Cached<DomainDnsPosture>>({
    area: deps.local,
    prefix: 'dns:',
    ttlMs: ttl(DNS_TTL_MS),
    now: deps.now,
  });
  const probeCache = createDomainCache<Cached<ProbeReport>>({
    area: deps.local,
    prefix: 'probe:',
    ttlMs: ttl(PROBE_TTL_MS),
    now: deps.now,
  });

  async function dnsOf(domain: string, settings: Settings): Promise<Cached<DomainDnsPosture>> {
    const { value } = await dnsCache.lookup(domain, async () => {
      try {
        const dns = dnsClientFor(settings);
        return { ok: true, value: await assessDomainDns(domain, { dns }) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    });
    return value;
  }

  const dkimCache = createDomainCache<Cached<DkimSignerPosture>>({
    area: deps.local,
    prefix: 'dkim:',
    ttlMs: ttl(DNS_TTL_MS),
    now: deps.now,
  });

  /** The keys of one verified signer of the message, at <s>._domainkey.<d>, cached per key set. */
  async function signerOf(
    signer: { domain: string; selectors: string[] },
    settings: Settings,
  ): Promise<Cached<DkimSignerPosture>> {
    const { value } = await dkimCache.lookup(
      `${signer.selectors.join(',')}@${signer.domain}`,
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

  async function probeOf(domain: string, settings: Settings): Promise<Cached<ProbeReport>> {
    const { value } = await probeCache.lookup(domain, async () => {
      try {
        const reports = await fetchProbeReports([domain], {
          url: settings.probe.url,
          token: settings.probe.token,
          fetch: deps.fetch,
        });
        const report = reports.get(domain);
        return report
          ? { ok: true, value: report }
          : { ok: false, error: `no answer for ${domain}` };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    });
    return value;
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

  async function provider(domain: string | null, settings: Settings, useProbe: boolean) {
    if (!domain)
      return {
        inputs: { domain, dns: null, probe: null } satisfies ProviderInputs,
        problems: [] as string[],
        raw: null,
        dns: null,
        dnsFailed: false,
        probeFailed: false,
      };
    const [dns, probe] = await Promise.all([
      dnsOf(domain, settings),
      useProbe ? probeOf(domain, settings) : null,
    ]);
    const problems: string[] = [];
    if (!dns.ok) problems.push(`DNS for ${domain}: ${dns.error}`);
    if (probe && !probe.ok) problems.push(`probe for ${domain}: ${probe.error}`);
    const view: ProbeView | null = probe?.ok ? probe.value.view : null;
    return {
      inputs: {
        domain,
        dns: dns.ok ? (dns.value as unknown as Record<string, unknown>) : null,
        probe: view,
      } satisfies ProviderInputs,
      problems,
      raw: probe?.ok ? probe.value.raw : null,
      dns: dns.ok ? dnsFactsFromPosture(dns.value) : null,
      dnsFailed: !dns.ok || unanswered(dns.value),
      probeFailed: probe !== null && !probe.ok,
    };
  }

  async function signersOf(facts: MessageFacts, settings: Settings) {
    const answers = await Promise.all(
      dkimSignersFromFacts(facts).map((signer) => signerOf(signer, settings)),
    );
    const postures = answers.flatMap((a) => (a.ok ? [a.value] : []));
    return {
      keys: postures.map(signerKeyOf),
      views: postures.map((p): SignerView => ({ ...signerKeyOf(p), selectors: p.selectors })),
      failed: answers.some((a) => !a.ok),
    };
  }

  return {
    async assess(request) {
      const settings = await deps.settings();
      const useProbe = settings.features.useProbe && settings.probe.url !== '';
      const facts = factsFromHeaders(request.site, request.headers, { now: deps.now() });
      const domains = domainsOf(facts);
      const [sender, recipient, signers, history] = await Promise.all([
        provider(domains.sender, settings, useProbe),
        provider(domains.recipient, settings, useProbe),
        signersOf(facts, settings),
        settings.features.keepSenderHistory ? remember(facts) : null,
      ]);
      const problems = [...sender.problems, ...recipient.problems];
      return buildReport({
        site: request.site,
        checkedAt: new Date(deps.now()).toISOString(),
        facts,
        sender: sender.inputs,
        recipient: recipient.inputs,
        signers: signers.views,
        score: scoreParts(
          facts,
          { dns: sender.dns, probe: sender.raw, observations: history?.observations ?? [] },
          { dns: recipient.dns, probe: recipient.raw },
          signers.keys,
        ),
        degraded: degradedLine({
          useProbe,
          probeFailed: sender.probeFailed || recipient.probeFailed,
          dnsFailed: [sender, recipient]
            .filter((p) => p.dnsFailed)
            .map((p) => p.inputs.domain ?? '?'),
        }),
        problems,
      });
    },
    clearCache: () => clearCaches(deps.local, CACHE_PREFIXES),
  };
}

/** A posture whose every lookup failed is a failed lookup, not a domain without records. */
function unanswered(posture: DomainDnsPosture): boolean {
  return [posture.mx, posture.spf, posture.dmarc].every((o) => o.status === 'temperror');
}

function signerKeyOf(p: DkimSignerPosture): SignerKeyInput {
  const status = p.keys.status;
  return {
    domain: p.domain,
    dnssec: p.dnssec === 'secure' ? true : p.dnssec === 'indeterminate' ? null : false,
    key:
      status === 'pass'
        ? 'present'
        : status === 'none'
          ? 'absent'
          : status === 'temperror'
            ? null
            : 'fails',
    bits: p.smallestKeyBits,
  };
}

/** One line on what was not checked, in plain words; the raw errors go to the admin view. */
export function degradedLine(state: {
  useProbe: boolean;
  probeFailed: boolean;
  dnsFailed: string[];
}): Msg | null {
  const dns = state.dnsFailed.join(', ');
  if (state.dnsFailed.length > 0 && (state.probeFailed || !state.useProbe))
    return text('degraded_dns_and_probe', dns);
  if (state.dnsFailed.length > 0) return text('degraded_dns_failed', dns);
  if (!state.useProbe) return text('degraded_no_probe');
  if (state.probeFailed) return text('degraded_probe_unreachable');
  return null;
}
