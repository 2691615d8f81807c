// What the service asks of an assessment engine, and what it answers over HTTP.
// The engine is injected: the real one wires lib/probe + lib/checks + lib/score; tests pass fakes.

import type { NonPublicReason } from '../../lib/probe/address-guard.ts';
import type { DomainProbeReport } from '../../lib/probe/types.ts';
import type { ProviderScore } from '../../lib/score/index.ts';

export interface EngineProblem {
  stage: 'dns' | 'probe' | 'score';
  message: string;
}

/** One engine run for one domain. Parts that could not be produced are null with a problem. */
export interface EngineResult {
  probe: DomainProbeReport | null;
  /** DomainDnsPosture from lib/checks (typed loosely until that module lands). */
  dns: Record<string, unknown> | null;
  /** Provider score (lib/score, MECSA categories); null when nothing could be measured. */
  scores: ProviderScore | null;
  /** URL of the DNS resolver used. */
  resolver: string | null;
  problems: EngineProblem[];
  /** Some part could not be tested (temperror, timeout): cached for a shorter time. */
  incomplete: boolean;
}

/** Verdict of the SSRF guard for one address: null when it may be contacted. */
export type AddressGuard = (address: string) => NonPublicReason | null;

export interface EngineContext {
  signal: AbortSignal;
  /** Lab mode: the lab's CA and loopback addresses are allowed. */
  lab: boolean;
  guard: AddressGuard;
  /**
   * Runs `probe` for one MX host at most once per TTL across all domains and instances, and
   * returns the stored result otherwise. `incomplete` marks results cached for less time.
   * `lease` aborts if the host's lock is lost mid-probe (another instance may take over).
   */
  probeHostOnce<T>(
    host: string,
    probe: (lease: AbortSignal) => Promise<T>,
    incomplete?: (value: T) => boolean,
  ): Promise<T>;
  /**
   * Runs `connect` while holding the one-connection-per-address politeness lock. `lease` aborts
   * if that lock is lost mid-connection.
   */
  withAddressLock<T>(address: string, connect: (lease: AbortSignal) => Promise<T>): Promise<T>;
}

export type AssessEngine = (domain: string, context: EngineContext) => Promise<EngineResult>;

/** The JSON the API returns for one domain. */
export interface DomainAssessment extends EngineResult {
  domain: string;
  checkedAt: string;
  expiresAt: string;
  /** fresh: probed for this request; cached: served from the cache. */
  source: 'fresh' | 'cached';
  lab: boolean;
}
