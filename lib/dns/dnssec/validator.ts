// Local DNSSEC validation over any raw DNS exchange (DoH with DO=1 and CD=1 in MailSeal): the
// resolver only carries records; whether they are authentic is decided here, from the trust
// anchor down, so a lying resolver can make an answer fail but never make it secure.
import { answerLinks, weakestLink } from './answer.ts';
import { prefetchLikelySigner, walk } from './chain.ts';
import { type ChainEnv, newCtx, TtlCache } from './context.ts';
import { describeFailure } from './describe.ts';
import { type Message, parseMessage, TYPE } from './message.ts';
import { type Name, nameToString, parseName } from './names.ts';
import { SignatureMemo } from './signature-memo.ts';
import { ROOT_TRUST_ANCHOR, type TrustAnchor } from './trust-anchor.ts';
import type { DnssecVerdict } from './types.ts';

/** Sends one query with DO=1 and CD=1 and resolves to the raw response bytes. */
export type RawExchange = (name: string, type: number) => Promise<Uint8Array>;

export interface ValidatorOptions {
  exchange: RawExchange;
  anchor?: TrustAnchor;
  /** Milliseconds since the epoch; RRSIG validity is judged against it. */
  now?: () => number;
  /** Longest time a raw response is reused, seconds (its own TTL permitting). */
  maxMessageTtl?: number;
}

export interface Validation {
  verdict: DnssecVerdict;
  /** The response the verdict is about (undefined when the lookup itself failed). */
  response?: Uint8Array;
}

export interface ValidatorStats {
  /** Raw exchanges sent (cache misses). */
  exchanges: number;
}

export interface DnssecValidator {
  validate(name: string, type: number): Promise<Validation>;
  /** Authenticates these zones' keys ahead of time (e.g. the root and common TLDs at start-up). */
  prime(zones: readonly string[]): Promise<void>;
  stats(): ValidatorStats;
  clearCache(): void;
  readonly anchor: TrustAnchor;
}

function minTtl(m: Message): number {
  const ttls = [...m.answer, ...m.authority].map((r) => r.ttl);
  return ttls.length > 0 ? Math.min(...ttls) : 0;
}

export function createValidator(options: ValidatorOptions): DnssecValidator {
  const anchor = options.anchor ?? ROOT_TRUST_ANCHOR;
  const now = options.now ?? Date.now;
  const maxTtl = options.maxMessageTtl ?? 300;
  const cache = new TtlCache();
  const raw = new Map<Message, Uint8Array>();
  const stats: ValidatorStats = { exchanges: 0 };

  const fetchMessage = (name: Name, type: number): Promise<Message> => {
    const key = `msg|${nameToString(name)}|${type}`;
    const t = now();
    const hit = cache.get<Message>(key, t);
    if (hit) return hit;
    stats.exchanges++;
    const pending = options.exchange(nameToString(name), type).then((bytes) => {
      const m = parseMessage(bytes);
      raw.set(m, bytes);
      if (raw.size > 256) raw.delete(raw.keys().next().value as Message);
      return m;
    });
    return cache.remember(key, t, pending, (m) =>
      m.rcode === 0 || m.rcode === 3 ? Math.min(maxTtl, minTtl(m)) : 0,
    );
  };

  const signatures = new SignatureMemo();
  const env: ChainEnv = { anchor, fetch: fetchMessage, now, cache, signatures };

  async function validate(name: string, type: number): Promise<Validation> {
    const ctx = newCtx(env);
    let qname: Name;
    try {
      qname = parseName(name);
    } catch {
      return {
        verdict: verdictOf('indeterminate', 'malformed-answer', anchor.zone, ctx.nowMs, ctx.trace),
      };
    }
    let message: Message;
    try {
      const answer = ctx.fetch(qname, type);
      prefetchLikelySigner(qname, ctx);
      message = await answer;
    } catch {
      return {
        verdict: verdictOf('indeterminate', 'lookup-failed', qname, ctx.nowMs, ctx.trace, type),
      };
    }
    const link = weakestLink(await answerLinks(message, qname, type, ctx));
    const verdict: DnssecVerdict = {
      state: link.state,
      reason: link.reason,
      zone: nameToString(link.zone),
      detail: link.detail,
      trace: ctx.trace,
    };
    if (ctx.weak) verdict.weakAlgorithm = true;
    const response = raw.get(message);
    return response ? { verdict, response } : { verdict };
  }

  async function prime(zones: readonly string[]): Promise<void> {
    await Promise.all(
      zones.map((z) => walk(parseName(z), newCtx(env), true).catch(() => undefined)),
    );
  }

  return {
    validate,
    prime,
    anchor,
    stats: () => ({ ...stats }),
    clearCache: () => {
      cache.clear();
      signatures.clear();
    },
  };
}

function verdictOf(
  state: DnssecVerdict['state'],
  reason: DnssecVerdict['reason'],
  zone: Name,
  nowMs: number,
  trace: DnssecVerdict['trace'],
  type?: number,
): DnssecVerdict {
  const detail = describeFailure({
    reason,
    zone,
    nowMs,
    ...(type !== undefined ? { owner: zone, type } : {}),
  });
  return { state, reason, zone: nameToString(zone), detail, trace };
}

export { TYPE };
