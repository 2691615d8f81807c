// What local validation concludes about one answer, and why.

/** RFC 4035 §4.3 states; "indeterminate" when MailSeal could not finish (not "insecure"). */
export type DnssecState = 'secure' | 'insecure' | 'bogus' | 'indeterminate';

export type DnssecReason =
  // secure
  | 'signed'
  | 'denial-proven'
  // insecure
  | 'unsigned-delegation'
  | 'unsupported-algorithm'
  | 'nsec3-iterations'
  | 'nsec3-opt-out'
  // bogus
  | 'rrsig-missing'
  | 'rrsig-expired'
  | 'rrsig-not-yet-valid'
  | 'dnskey-missing'
  | 'signature-invalid'
  | 'ds-digest-mismatch'
  | 'signer-not-zone'
  | 'denial-missing'
  | 'dnskey-unsigned'
  // indeterminate
  | 'lookup-failed'
  | 'malformed-answer'
  | 'budget-exceeded'
  | 'outside-trust-anchor'
  | 'anchor-unavailable'
  | 'chain-too-long'
  // the fallback: no local verdict, the resolver's AD flag instead
  | 'resolver-ad-flag';

export interface TraceStep {
  /** Zone apex, presentation form with the trailing dot. */
  zone: string;
  state: DnssecState;
  /** What authenticated (or failed to authenticate) this zone's keys. */
  note: string;
}

export interface DnssecVerdict {
  state: DnssecState;
  reason: DnssecReason;
  /** The zone where the chain ended or broke (trailing dot), when one is known. */
  zone?: string;
  /** One sentence for people: "RRSIG expired at mx.example. on 2026-01-02T00:00:00Z". */
  detail: string;
  /** The delegation chain as walked, from the trust anchor down. */
  trace: TraceStep[];
  /** Some signature on the path used RSA/SHA-1 (RFC 9905 forbids creating them). */
  weakAlgorithm?: true;
}

/** Who vouched for a DNSSEC state shown to people. */
export type DnssecSource = 'validated-locally' | 'resolver-ad-flag';

export const STATE_RANK: Record<DnssecState, number> = {
  bogus: 0,
  indeterminate: 1,
  insecure: 2,
  secure: 3,
};
