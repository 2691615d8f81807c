// How long results stay cached. MECSA cached DNS and DNSSEC facts for up to an hour; failures
// are kept much shorter so a fixed server is seen soon, while a flood still cannot re-probe it.

export interface TtlPolicy {
  /** A complete result (every part tested). */
  completeMs: number;
  /** Something could not be tested (timeouts, temperror). */
  incompleteMs: number;
  /** The engine itself failed. */
  failureMs: number;
}

export const MECSA_TTLS: TtlPolicy = {
  completeMs: 60 * 60_000,
  incompleteMs: 5 * 60_000,
  failureMs: 60_000,
};
