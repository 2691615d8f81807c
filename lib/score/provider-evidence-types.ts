// The evidence a provider is scored on and what each channel supports, shared by the inbound and
// outbound tests and provider-evidence.ts (kept apart so those modules do not import each other).
import type { DnsFactsInput, HandoffObservation, ProbeInput } from './inputs.ts';
import type { Protocol } from './mecsa-tables.ts';
import type { Support } from './support.ts';

export type ChannelSupport = Readonly<Record<Protocol, Support>>;

export interface ProviderEvidence {
  domain: string;
  dns?: DnsFactsInput | null;
  probe?: ProbeInput | null;
  /** Handoffs from this domain's outbound servers (handoff-history.ts). */
  observations?: readonly HandoffObservation[];
}
