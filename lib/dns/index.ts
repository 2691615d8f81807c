// Public surface of lib/dns. Platform-neutral: safe for the extension's service worker and Node.
// The Node-only undici transport lives in ./node/ and is NOT re-exported here, so the extension
// bundle never pulls undici in.
export { AnswerCache, type AnswerCacheOptions } from './answer-cache.ts';
export {
  createDohClient,
  type DohClient,
  type DohClientOptions,
  type DohClientStats,
} from './doh-client.ts';
export {
  createMailauthResolver,
  type DnsPromisesResolve,
  type ResolveError,
  type ResolveResult,
} from './mailauth-resolver.ts';
export {
  BUILTIN_RESOLVERS,
  type BuiltinResolver,
  DEFAULT_RESOLVERS,
  resolverUrl,
} from './resolvers.ts';
export {
  createFetchTransport,
  type DohHttpRequest,
  type DohHttpResponse,
  type DohTransport,
} from './transport.ts';
export type * from './types.ts';
export {
  createValidatingClient,
  type DnssecMode,
  type ValidatingClientOptions,
  type ValidatingDohClient,
} from './validating-client.ts';
