// The DNS client the engine uses by default: every answer is validated locally (DO=1, CD=1,
// chain from the trust anchor in ./dnssec/), so `authenticData` means "secure by our own proof".
// Where local validation cannot complete (the resolver strips RRSIGs, a name outside the
// anchor, lookups fail) the answer falls back to the resolver's AD flag and says so.

import { typeName } from './dnssec/describe.ts';
import { TYPE } from './dnssec/message.ts';
import type { TrustAnchor } from './dnssec/trust-anchor.ts';
import { createValidator, type DnssecValidator } from './dnssec/validator.ts';
import type { DohClient } from './doh-client.ts';
import { interpret } from './interpret.ts';
import { raceAbort } from './race-abort.ts';
import type { AnswerDnssec, DnsAnswer, QueryOptions, RecordType } from './types.ts';
import { decodeResponse } from './wire.ts';

export type DnssecMode = 'local' | 'resolver';

export interface ValidatingClientOptions {
  /** Default the IANA root anchor; lab mode passes the lab's. */
  anchor?: TrustAnchor;
  now?: () => number;
  /** 'resolver' keeps the old AD-flag behaviour (a fallback setting). Default 'local'. */
  mode?: DnssecMode;
}

export interface ValidatingDohClient extends DohClient {
  readonly validator: DnssecValidator;
  readonly mode: DnssecMode;
}

/** Reasons that mean "could not validate here", not "the data is wrong": use the resolver. */
const FALLBACK_REASONS = new Set([
  'lookup-failed',
  'outside-trust-anchor',
  'anchor-unavailable',
  'malformed-answer',
]);

/** The resolver's answer with its AD flag as the DNSSEC word, saying why local validation did not complete. */
async function viaResolver<T extends RecordType>(
  inner: DohClient,
  name: string,
  type: T,
  opts: QueryOptions,
  fallback: string,
): Promise<DnsAnswer<T>> {
  const answer = await inner.query(name, type, opts);
  const dnssec: AnswerDnssec = {
    state: answer.authenticData
      ? 'secure'
      : answer.status === 'temperror'
        ? 'indeterminate'
        : 'insecure',
    reason: 'resolver-ad-flag',
    detail: `the resolver's AD flag (local validation did not complete: ${fallback})`,
    trace: [],
    source: 'resolver-ad-flag',
    fallback,
  };
  return { ...answer, dnssec };
}

async function validated<T extends RecordType>(
  inner: DohClient,
  validator: DnssecValidator,
  name: string,
  type: T,
  opts: QueryOptions,
): Promise<DnsAnswer<T>> {
  const code = TYPE[type as keyof typeof TYPE];
  const qname = name.trim().toLowerCase().replace(/\.$/, '');
  const { verdict, response } = await validator.validate(qname, code);
  if (!response || (verdict.state === 'indeterminate' && FALLBACK_REASONS.has(verdict.reason))) {
    return viaResolver(inner, qname, type, opts, verdict.detail);
  }
  const dnssec: AnswerDnssec = { ...verdict, source: 'validated-locally' };
  const base = {
    name: qname,
    type,
    cnameChain: [] as string[],
    resolver: inner.resolvers[0] ?? '',
    dnssec,
  };
  if (verdict.state === 'bogus' || verdict.state === 'indeterminate') {
    // As a validating resolver would: no data from a bogus answer (RFC 4035 §5.5).
    return {
      ...base,
      status: 'servfail',
      records: [],
      authenticData: false,
      ttl: 0,
      error: `DNSSEC ${verdict.state}: ${verdict.detail}`,
    };
  }
  const step = interpret(decodeResponse(response), qname, type, 8, new Set());
  // A chain that leaves this response needs more than one request: ask the resolver for it.
  if (step.incompleteChain)
    return viaResolver(inner, qname, type, opts, 'CNAME chain split across responses');
  const answer: DnsAnswer<T> = {
    ...base,
    cnameChain: step.chain,
    status: step.status,
    records: step.records,
    authenticData: verdict.state === 'secure',
    ttl: step.ttl,
  };
  if (step.error !== undefined) answer.error = step.error;
  return answer;
}

export function createValidatingClient(
  inner: DohClient,
  options: ValidatingClientOptions = {},
): ValidatingDohClient {
  const mode = options.mode ?? 'local';
  const validator = createValidator({
    exchange: (name, type) => inner.exchangeRaw(name, typeName(type) as RecordType),
    ...(options.anchor ? { anchor: options.anchor } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  async function query<T extends RecordType>(
    name: string,
    type: T,
    opts: QueryOptions = {},
  ): Promise<DnsAnswer<T>> {
    if (mode === 'resolver' || opts.checkingDisabled) return inner.query(name, type, opts);
    const local = validated(inner, validator, name, type, opts);
    // A caller's abort ends its wait (as in the DoH client); the validation finishes for the cache.
    return opts.signal ? raceAbort(local, opts.signal, name, type) : local;
  }
  return {
    resolvers: inner.resolvers,
    query,
    exchangeRaw: inner.exchangeRaw,
    stats: inner.stats,
    clearCache: () => {
      inner.clearCache();
      validator.clearCache();
    },
    validator,
    mode,
  };
}
