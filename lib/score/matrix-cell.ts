// The vocabulary of the threat matrix (threat-matrix.ts): the three security properties, the
// three attackers of Foster et al. Table 1, one cell's verdict with its reason, and what the
// matrix is computed from besides the transit verdict.
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

export const ATTACKER_LABEL: Readonly<Record<Attacker, string>> = {
  passive: 'passive eavesdropper',
  active: 'active network attacker',
  peer: 'forging peer',
};

export interface Cell {
  status: CellStatus;
  /** Stable code of the reason, e.g. `cleartext-hop`; padlock.ts maps it to a fix hint. */
  code: CellCode;
  /** Plain-words reason, naming the evidence. */
  reason: string;
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

/** DNS facts of the DKIM signing domain. */
export interface SignerPosture {
  domain: string | null;
  dnssec: boolean | null;
  dmarcPolicy: DmarcPolicy | null;
}

export interface MatrixInput {
  transit: TransitVerdict;
  recipient: RecipientTransport;
  signer: SignerPosture;
}

/** One cell; the reason names the evidence in plain words. */
export const cell = (status: CellStatus, code: CellCode, reason: string): Cell => ({
  status,
  code,
  reason,
});
