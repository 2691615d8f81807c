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

/** A client's settings and what it keeps between queries. */
interface DohState {
  resolvers: string[];
  transport: DohTransport;
  method: 'GET' | 'POST';
  timeoutMs: number;
  maxResponseBytes: number;
  maxChain: number;
  cache: AnswerCache | undefined;
  inFlight: Map<string, Promise<DnsAnswer>>;
  stats: DohClientStats;
  /** The resolver that answered last, tried first. */
  preferred: number;
}

async function exchangeRetrying(
  st: DohState,
  resolver: string,
  name: string,
  type: RecordType,
  cd: boolean,
): Promise<ExchangeResult> {
  for (let attempt = 0; ; attempt++) {
    st.stats.requests++;
    const result = await exchange(st.transport, {
      resolver,
      name,
      type,
      method: st.method,
      checkingDisabled: cd,
      timeoutMs: st.timeoutMs,
      maxResponseBytes: st.maxResponseBytes,
    });
    if (result.ok || !result.transient || attempt >= TRANSIENT_RETRIES) return result;
    st.stats.retries++;
  }
}

/** One question to the resolvers in turn, from the preferred one, until one answers. */
async function ask(st: DohState, name: string, type: RecordType, cd: boolean) {
  let last: { result: ExchangeResult; resolver: string } | undefined;
  for (let i = 0; i < st.resolvers.length; i++) {
    const index = (st.preferred + i) % st.resolvers.length;
    const resolver = st.resolvers[index] ?? '';
    const result = await exchangeRetrying(st, resolver, name, type, cd);
    last = { result, resolver };
    // SERVFAIL may be one resolver's trouble (or DNSSEC bogus everywhere): try the next.
    if (result.ok && result.response.rcode !== 'SERVFAIL' && result.response.rcode !== 'REFUSED') {
      st.preferred = index;
      return last;
    }
  }
  return last ?? { result: { ok: false, error: 'no resolver configured' }, resolver: '' };
}

/** The answer for qname, following a CNAME chain across requests up to maxChain. */
async function resolve<T extends RecordType>(
  st: DohState,
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
    const { result, resolver } = await ask(st, current, type, cd);
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
    const left = st.maxChain - chain.length;
    const step: Interpreted<T> = interpret(result.response, current, type, left, visited);
    visited.add(current);
    for (const name of step.chain) visited.add(name);
    chain.push(...step.chain);
    authenticData &&= step.authenticData;
    ttl = Math.min(ttl, step.ttl);
    if (step.incompleteChain && chain.length < st.maxChain) {
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

/** From the cache, joined to an identical query in flight, or asked. */
async function cachedQuery<T extends RecordType>(
  st: DohState,
  name: string,
  type: T,
  opts: QueryOptions,
): Promise<DnsAnswer<T>> {
  const qname = normalise(name);
  const cd = opts.checkingDisabled ?? false;
  const key = `${qname}|${type}|${cd ? 'cd' : ''}`;
  const cached = st.cache?.get<T>(key);
  if (cached) {
    st.stats.cacheHits++;
    return cached;
  }
  let shared = st.inFlight.get(key) as Promise<DnsAnswer<T>> | undefined;
  if (shared) {
    st.stats.coalesced++;
  } else {
    shared = resolve(st, qname, type, cd).then((answer) => {
      st.cache?.set(key, answer);
      return answer;
    });
    const settled = shared.finally(() => st.inFlight.delete(key));
    st.inFlight.set(key, settled);
    shared = settled;
  }
  return opts.signal ? raceAbort(shared, opts.signal, qname, type) : shared;
}

async function exchangeRaw(st: DohState, name: string, type: RecordType): Promise<Uint8Array> {
  const { result } = await ask(st, normalise(name), type, true);
  if (!result.ok) throw new Error(result.error);
  const rcode = result.response.rcode;
  if (rcode !== 'NOERROR' && rcode !== 'NXDOMAIN') throw new Error(`resolver answered ${rcode}`);
  return result.raw;
}

export function createDohClient(options: DohClientOptions = {}): DohClient {
  const st: DohState = {
    resolvers: options.resolvers?.length ? [...options.resolvers] : [...DEFAULT_RESOLVERS],
    transport: options.transport ?? createFetchTransport(),
    method: options.method ?? 'GET',
    timeoutMs: options.timeoutMs ?? 5000,
    maxResponseBytes: options.maxResponseBytes ?? 65_535,
    maxChain: options.maxCnameChain ?? 8,
    cache: options.cache === false ? undefined : (options.cache ?? new AnswerCache()),
    inFlight: new Map(),
    stats: { requests: 0, cacheHits: 0, coalesced: 0, retries: 0 },
    preferred: 0,
  };
  // Not async itself: the promise is cachedQuery's own, so callers see the same timing.
  function query<T extends RecordType>(
    name: string,
    type: T,
    opts: QueryOptions = {},
  ): Promise<DnsAnswer<T>> {
    return cachedQuery(st, name, type, opts);
  }
  return {
    resolvers: st.resolvers,
    query,
    exchangeRaw: (name, type) => exchangeRaw(st, name, type),
    stats: () => ({ ...st.stats }),
    clearCache: () => st.cache?.clear(),
  };
}
