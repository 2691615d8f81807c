// Public surface of the local DNSSEC validator (platform-neutral: WebCrypto only).
export { algorithmName, isSupportedAlgorithm } from './algorithms.ts';
export { TYPE } from './message.ts';
export { nameToString, parseName } from './names.ts';
export { MAX_NSEC3_ITERATIONS } from './nsec3.ts';
export {
  parseAnchorText,
  ROOT_ANCHOR_DS,
  ROOT_TRUST_ANCHOR,
  type TrustAnchor,
  trustAnchor,
} from './trust-anchor.ts';
export type { DnssecReason, DnssecSource, DnssecState, DnssecVerdict, TraceStep } from './types.ts';
export {
  createValidator,
  type DnssecValidator,
  type RawExchange,
  type Validation,
  type ValidatorOptions,
} from './validator.ts';
