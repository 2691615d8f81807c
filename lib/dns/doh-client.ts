// DNS over HTTPS client (RFC 8484): resolver failover, per-query timeouts, a TTL cache with
// negative caching, coalescing of identical in-flight queries, and CNAME chains across requests.
import { AnswerCache } from './answer-cache.ts';
import { type ExchangeResult, exchange } from './doh-exchange.ts';
import { type Interpreted, interpret } from './interpret.ts';
import { raceAbort } from './race-abort.ts';
import { DEFAULT_RESOLVERS } from './resolvers.ts';
import { createFetchTransport, type DohTransport } from './transport.ts';
import type { DnsAnswer, DnsClient, QueryOptions, RecordType } from './types.ts';

export interface DohClientOptions {
  /** Resolver URLs, tried in order; the last one that worked is tried first next time. */
  resolvers?: readonly string[];
  /** Default: the platform's fetch. Node callers pass the undici transport. */
  transport?: DohTransport;
  /** GET is cacheable by HTTP caches; POST hides the name from URL logs. */
  method?: 'GET' | 'POST';
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxCnameChain?: number;
  /** Pass false to disable caching (the benchmark's "cold" runs use a fresh client instead). */
  cache?: AnswerCache | false;
}

export interface DohClientStats {
  /** HTTP requests sent. */
  requests: number;
  cacheHits: number;
  /** Queries that joined an identical one already in flight. */
  coalesced: number;
  /** Requests sent again after the connection failed before any answer. */
  retries: number;
}

/**
 * Extra tries on one resolver when the connection failed before any answer (reset, closed in
 * the TLS handshake). A busy resolver sheds connections this way (Unbound cuts handshakes short
 * when its TCP slots fill); one lost connection must not turn a name into "could not test".
 */
const TRANSIENT_RETRIES = 2;

export interface DohClient extends DnsClient {
  readonly resolvers: readonly string[];
  /**
   * One query with DO=1 and CD=1, uncached, for local DNSSEC validation: resolves to the raw
   * response (NOERROR or NXDOMAIN), rejects when no resolver gave one.
   */
  exchangeRaw(name: string, type: RecordType): Promise<Uint8Array>;
  stats(): DohClientStats;
  clearCache(): void;
}

const normalise = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

export function createDohClient(options: DohClientOptions = {}): DohClient {
  const resolvers = options.resolvers?.length ? [...options.resolvers] : [...DEFAULT_RESOLVERS];
  const transport = options.transport ?? createFetchTransport();
  const method = options.method ?? 'GET';
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxResponseBytes = options.maxResponseBytes ?? 65_535;
  const maxChain = options.maxCnameChain ?? 8;
  const cache = options.cache === false ? undefined : (options.cache ?? new AnswerCache());
  const inFlight = new Map<string, Promise<DnsAnswer>>();
  const stats: DohClientStats = { requests: 0, cacheHits: 0, coalesced: 0, retries: 0 };
  let preferred = 0;

  async function exchangeRetrying(
    resolver: string,
    name: string,
    type: RecordType,
    cd: boolean,
  ): Promise<ExchangeResult> {
    for (let attempt = 0; ; attempt++) {
      stats.requests++;
      const result = await exchange(transport, {
        resolver,
        name,
        type,
        method,
        checkingDisabled: cd,
        timeoutMs,
        maxResponseBytes,
      });
      if (result.ok || !result.transient || attempt >= TRANSIENT_RETRIES) return result;
      stats.retries++;
    }
  }

  async function ask(name: string, type: RecordType, cd: boolean) {
    let last: { result: ExchangeResult; resolver: string } | undefined;
    for (let i = 0; i < resolvers.length; i++) {
      const index = (preferred + i) % resolvers.length;
      const resolver = resolvers[index] ?? '';
      const result = await exchangeRetrying(resolver, name, type, cd);
      last = { result, resolver };
      // SERVFAIL may be one resolver's trouble (or DNSSEC bogus everywhere): try the next.
      if (
        result.ok &&
        result.response.rcode !== 'SERVFAIL' &&
        result.response.rcode !== 'REFUSED'
      ) {
        preferred = index;
        return last;
      }
    }
    return last ?? { result: { ok: false, error: 'no resolver configured' }, resolver: '' };
  }

  async function resolve<T extends RecordType>(
    qname: string,
    type: T,
    cd: boolean,
  ): Promise<DnsAnswer<T>> {
    const chain: string[] = [];
    const visited = new Set<string>();
    let authenticData = true;
    let ttl = Number.POSITIVE_INFINITY;
    let current = qname;
    for (;;) {
      const { result, resolver } = await ask(current, type, cd);
      const base = { name: qname, type, cnameChain: chain, resolver };
      if (!result.ok) {
        return {
          ...base,
          status: 'temperror',
          records: [],
          authenticData: false,
          ttl: 0,
          error: result.error,
        };
      }
      const step: Interpreted<T> = interpret(
        result.response,
        current,
        type,
        maxChain - chain.length,
        visited,
      );
      visited.add(current);
      for (const name of step.chain) visited.add(name);
      chain.push(...step.chain);
      authenticData &&= step.authenticData;
      ttl = Math.min(ttl, step.ttl);
      if (step.incompleteChain && chain.length < maxChain) {
        current = step.owner;
        continue;
      }
      const answer: DnsAnswer<T> = {
        ...base,
        status: step.status,
        records: step.records,
        authenticData,
        ttl: Number.isFinite(ttl) ? ttl : 0,
      };
      if (step.error !== undefined) answer.error = step.error;
      return answer;
    }
  }

  async function query<T extends RecordType>(
    name: string,
    type: T,
    opts: QueryOptions = {},
  ): Promise<DnsAnswer<T>> {
    const qname = normalise(name);
    const cd = opts.checkingDisabled ?? false;
    const key = `${qname}|${type}|${cd ? 'cd' : ''}`;
    const cached = cache?.get<T>(key);
    if (cached) {
      stats.cacheHits++;
      return cached;
    }
    let shared = inFlight.get(key) as Promise<DnsAnswer<T>> | undefined;
    if (shared) {
      stats.coalesced++;
    } else {
      shared = resolve(qname, type, cd).then((answer) => {
        cache?.set(key, answer);
        return answer;
      });
      const settled = shared.finally(() => inFlight.delete(key));
      inFlight.set(key, settled);
      shared = settled;
    }
    return opts.signal ? raceAbort(shared, opts.signal, qname, type) : shared;
  }

  async function exchangeRaw(name: string, type: RecordType): Promise<Uint8Array> {
    const { result } = await ask(normalise(name), type, true);
    if (!result.ok) throw new Error(result.error);
    const rcode = result.response.rcode;
    if (rcode !== 'NOERROR' && rcode !== 'NXDOMAIN') throw new Error(`resolver answered ${rcode}`);
    return result.raw;
  }

  return {
    resolvers,
    query,
    exchangeRaw,
    stats: () => ({ ...stats }),
    clearCache: () => cache?.clear(),
  };
}
