// The vocabulary of the threat matrix (threat-matrix.ts): the three security properties, the
// three attackers of Foster et al. Table 1, one cell's verdict with its reason, and what the
// matrix is computed from besides the transit verdict.
import { english, englishOf, type Text } from './text.ts';
import type { DmarcPolicy, TransitVerdict } from './transit-verdict.ts';

export type CellStatus = 'yes' | 'no' | 'unknown' | 'n/a';
export type SecurityProperty = 'confidentiality' | 'authenticity' | 'integrity';
export type Attacker = 'passive' | 'active' | 'peer';

export const SECURITY_PROPERTIES: readonly SecurityProperty[] = [
  'confidentiality',
  'authenticity',
  'integrity',
];
export const ATTACKERS: readonly Attacker[] = ['passive', 'active', 'peer'];

/** The attackers' names in English (the CLI's words), from the message catalogue. */
export const ATTACKER_LABEL: Readonly<Record<Attacker, string>> = {
  passive: englishOf('label_attacker_passive'),
  active: englishOf('label_attacker_active'),
  peer: englishOf('label_attacker_peer'),
};

export interface Cell {
  status: CellStatus;
  /** Stable code of the reason, e.g. `cleartext-hop`; padlock.ts maps it to a fix hint. */
  code: CellCode;
  /** Plain-words reason in English, naming the evidence (the CLI shows it). */
  reason: string;
  /** The same reason as a message key with parameters, for translation. */
  text: Text;
}

export type CellCode =
  | 'not-applicable'
  | 'protected'
  | 'no-handoff'
  | 'cleartext-hop'
  | 'broken-tls'
  | 'no-tls-evidence'
  | 'outdated-tls'
  | 'tls-unrecorded'
  | 'no-mx-authentication'
  | 'recipient-not-checked'
  | 'auth-failed'
  | 'arc-vouched'
  | 'unauthenticated'
  | 'no-trusted-results'
  | 'spf-only'
  | 'no-aligned-dkim'
  | 'dkim-unknown'
  | 'body-length-limit'
  | 'dkim-key-unsigned'
  | 'dkim-key-weak'
  | 'dmarc-not-enforced'
  | 'signer-not-checked'
  | 'dmarc-policy-unknown';

export type ThreatMatrix = Readonly<Record<SecurityProperty, Readonly<Record<Attacker, Cell>>>>;

/** Whether the recipient domain makes a sending MTA verify its server (RFC 7672, RFC 8461). */
export interface RecipientTransport {
  domain: string | null;
  /** DANE authenticates every MX; null when not checked. */
  dane: boolean | null;
  /** An MTA-STS policy in enforce mode covers every MX; null when not checked. */
  mtaStsEnforce: boolean | null;
}

/** What is known of the key that signed the message, and the From domain's DMARC policy. */
export interface SignerPosture {
  domain: string | null;
  /** The signer's key (or, without it, the signer's own zone) is DNSSEC-protected. */
  dnssec: boolean | null;
  dmarcPolicy: DmarcPolicy | null;
  /** The smallest key size of the signer's verified keys; absent when not looked up. */
  keyBits?: number | null;
}

export interface MatrixInput {
  transit: TransitVerdict;
  recipient: RecipientTransport;
  signer: SignerPosture;
  /** The From domain the message claims, named in the reasons. */
  fromDomain?: string | null;
}

/** One cell; the text names the evidence in plain words. */
export const cell = (status: CellStatus, code: CellCode, text: Text): Cell => ({
  status,
  code,
  reason: english(text),
  text,
});
