// lib/score: pure functions from message facts and domain postures to scores (docs/scoring.md).
export {
  checksWriting,
  type DnsPostureView,
  dnsFactsFromPosture,
  dnsFactsSoFar,
  padlockCheckKeys,
} from './dns-facts.ts';
export { PROTOCOL_FIX, PROTOCOL_LABEL } from './fix-hints.ts';
export {
  createMemoryHistoryStorage,
  DEFAULT_HISTORY_LIMIT,
  type HandoffObservation,
  type HistoryStorage,
  observationOf,
  recordHandoff,
  senderDomainOf,
} from './handoff-history.ts';
export {
  boundHistory,
  DEFAULT_HISTORY_LIMITS,
  type HistoryByDomain,
  type HistoryLimits,
  historyFromStored,
  isHandoffObservation,
  lastSeen,
  mergeObservation,
} from './history-bounds.ts';
export type * from './inputs.ts';
export {
  CATEGORIES,
  CATEGORY_LABEL,
  type Category,
  lookupRow,
  MECSA_TABLES,
  type MecsaTable,
  PROTOCOLS,
  type Protocol,
  type TableRow,
} from './mecsa-tables.ts';
export { type Padlock, type PadlockLevel, padlockOf } from './padlock.ts';
export {
  PADLOCK_DNS_FACTS,
  type PadlockRole,
  probeDecides,
  type RecipientPadlockFacts,
  type SenderPadlockFacts,
} from './padlock-facts.ts';
export {
  type ChannelSupport,
  type ProviderEvidence,
  providerSupport,
} from './provider-evidence.ts';
export {
  type Channel,
  type ChannelScore,
  MINIMUM_STARS,
  type ProviderScore,
  scoreProvider,
} from './provider-score.ts';
export {
  type DomainEvidence,
  type MessageScore,
  recipientTransportOf,
  type ScoreMessageInput,
  scoreMessage,
  senderZoneRead,
  signerKeyDecides,
} from './score-message.ts';
export { type CategoryScore, rateCategory, starGlyphs } from './star-rating.ts';
export { SUPPORT_THRESHOLD, type Support, supportOf } from './support.ts';
export {
  ATTACKER_LABEL,
  ATTACKERS,
  type Attacker,
  type Cell,
  type CellStatus,
  type RecipientTransport,
  SECURITY_PROPERTIES,
  type SecurityProperty,
  type SignerPosture,
  type ThreatMatrix,
  threatMatrix,
} from './threat-matrix.ts';
export { type TransitVerdict, transitVerdict } from './transit-verdict.ts';
