// Per-sender-domain history of observed handoffs: how the sender's provider delivered to the
// recipient's provider, message after message. It lets MECSA's 80% rule apply to the sender's
// outbound channel across messages. Pure logic; the storage is injected (browser.storage in the
// extension, a file in the CLI, memory in tests). Nothing personal is kept: no addresses,
// subjects or message ids, only the sender domain, the handoff's TLS and the auth verdicts.
import { classifyTls } from '../tls/index.ts';
import { DEFAULT_HISTORY_LIMITS, mergeObservation } from './history-bounds.ts';
import type { HandoffObservation, MessageInput } from './inputs.ts';

export type { HandoffObservation };

/**
 * Where a history lives. `read` returns the domain's observations, oldest first ([] when none).
 * `write` replaces the domain's list with one recordHandoff built by `mergeObservation`: already
 * deduplicated, ordered and cut to the per-domain limit. Keeping the number of domains bounded
 * is the store's job (`boundHistory`, history-bounds.ts), as only it sees every domain.
 */
export interface HistoryStorage {
  read(senderDomain: string): Promise<readonly HandoffObservation[]>;
  write(senderDomain: string, observations: readonly HandoffObservation[]): Promise<void>;
}

export interface RecordOptions {
  now?: () => Date;
  /** Newest observations kept per domain. */
  limit?: number;
}

export const DEFAULT_HISTORY_LIMIT = DEFAULT_HISTORY_LIMITS.perDomain;

/** The domain the history is keyed by: the organizational domain of RFC5322.From. */
export function senderDomainOf(facts: Pick<MessageInput, 'from'>): string | null {
  const d = facts.from?.organizationalDomain ?? facts.from?.domain ?? null;
  return d === null || d === '' ? null : d.toLowerCase();
}

/** The handoff of one message as an observation; null when the message has no handoff hop. */
export function observationOf(facts: MessageInput, seenAt: Date): HandoffObservation | null {
  const index = facts.trust.handoffIndex;
  const hop = index === null ? undefined : facts.hops[index];
  if (hop === undefined || hop.recordedBy !== 'recipient') return null;
  const auth = facts.authentication;
  const dkim = auth.dkim.some((r) => r.result === 'pass') ? 'pass' : (auth.dkim[0]?.result ?? null);
  return {
    key: [hop.at ?? '', hop.from.ip ?? hop.from.host ?? '', hop.by.host ?? ''].join('|'),
    at: hop.at,
    seenAt: seenAt.toISOString(),
    senderHost: hop.from.host,
    encrypted: hop.encrypted,
    tlsVersion: hop.tls?.version ?? null,
    cipher: hop.tls?.cipher ?? null,
    tlsClass: hop.tls?.class ?? classifyTls(hop.tls?.version, hop.tls?.cipher),
    spf: auth.spf?.result ?? null,
    dkim,
    dmarc: auth.dmarc?.result ?? null,
  };
}

/**
 * Adds this message's handoff to its sender domain's history (once per handoff, however often
 * the message is opened) and returns the domain's history afterwards.
 */
export async function recordHandoff(
  storage: HistoryStorage,
  facts: MessageInput,
  options: RecordOptions = {},
): Promise<{ senderDomain: string | null; observations: readonly HandoffObservation[] }> {
  const senderDomain = senderDomainOf(facts);
  if (senderDomain === null) return { senderDomain, observations: [] };
  const existing = await storage.read(senderDomain);
  const obs = observationOf(facts, (options.now ?? (() => new Date()))());
  const next =
    obs === null ? null : mergeObservation(existing, obs, options.limit ?? DEFAULT_HISTORY_LIMIT);
  if (next === null) return { senderDomain, observations: existing };
  await storage.write(senderDomain, next);
  return { senderDomain, observations: next };
}

/** In-memory storage: the default for one-shot use and tests. */
export function createMemoryHistoryStorage(): HistoryStorage & {
  domains(): string[];
} {
  const data = new Map<string, readonly HandoffObservation[]>();
  return {
    async read(domain) {
      return data.get(domain) ?? [];
    },
    async write(domain, observations) {
      data.set(domain, [...observations]);
    },
    domains: () => [...data.keys()].sort(),
  };
}
