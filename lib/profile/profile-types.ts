// The shapes of a sender profile: what MailSeal remembers, on the user's machine only, about how
// one sender organisation's mail usually reaches the user. Only domains, DKIM selectors, hashes,
// enums and day numbers are kept: no addresses, subjects, message ids or times of day.
import type { SecurityClass } from '../tls/index.ts';

/** How the sender's provider handed the message to the user's provider. */
export type HandoffTransport =
  | 'cleartext'
  | 'SSLv3'
  | 'TLSv1.0'
  | 'TLSv1.1'
  | 'TLSv1.2'
  | 'TLSv1.3'
  /** Encrypted, version not recorded. */
  | 'tls'
  /** The provider recorded nothing either way. */
  | 'unknown';

export const HANDOFF_TRANSPORTS: readonly HandoffTransport[] = [
  'cleartext',
  'SSLv3',
  'TLSv1.0',
  'TLSv1.1',
  'TLSv1.2',
  'TLSv1.3',
  'tls',
  'unknown',
];

/** DKIM as the user's provider judged it: pass (with signers), fail, none (unsigned), unknown. */
export type DkimState = 'pass' | 'fail' | 'none' | 'unknown';
export const DKIM_STATES: readonly DkimState[] = ['pass', 'fail', 'none', 'unknown'];

/** DMARC or SPF identifier alignment with the From domain, as the provider's results show it. */
export type AlignmentState = 'aligned' | 'unaligned' | 'unknown';
export const ALIGNMENT_STATES: readonly AlignmentState[] = ['aligned', 'unaligned', 'unknown'];

/** One passing DKIM signature: signer domain, selector and the fingerprint of the key seen. */
export interface DkimSigner {
  d: string;
  s: string;
  /** Fingerprint of the published key (16 hex digits of SHA-256), null when not looked up. */
  key: string | null;
}

/** One message, as the profile keeps it. */
export interface ProfileObservation {
  /** UTC day of the handoff (days since 1970-01-01): day resolution on purpose. */
  day: number;
  /** Dedupe fingerprint of the handoff (hash of its recorded time, client and receiving host). */
  id: string;
  tls: HandoffTransport;
  cipher: SecurityClass | null;
  /** The provider recorded an authenticated client at the handoff (ESMTPA, ESMTPSA, …). */
  auth: boolean;
  dkim: DkimState;
  signers: DkimSigner[];
  dmarc: AlignmentState;
  spf: AlignmentState;
  arc: boolean;
  /** Organisational domain of the host that handed the message over (the sending provider). */
  provider: string | null;
}

/** Everything kept about one sender organisational domain. Observations oldest first. */
export interface SenderProfile {
  sender: string;
  observations: ProfileObservation[];
}

export interface ProfileLimits {
  /** Newest observations kept per sender. */
  perSender: number;
  /** Senders kept; those seen least recently are dropped first. */
  senders: number;
}

/** Sized so 2,000 senders at the per-sender cap stay near 1 MB (docs/downgrade-alerts.md). */
export const DEFAULT_PROFILE_LIMITS: Readonly<ProfileLimits> = { perSender: 12, senders: 2000 };

/** When a profile counts as established: the documented minimum before any alert fires. */
export interface EstablishedRule {
  minMessages: number;
  minDays: number;
  /** Share of known observations that must agree. */
  minConsistency: number;
}

export const DEFAULT_ESTABLISHED_RULE: Readonly<EstablishedRule> = {
  minMessages: 5,
  minDays: 7,
  minConsistency: 0.9,
};
