// The documented inputs of the scoring engine: narrow views of what the header engine
// (MessageFacts), the DNS checks and the probe (DomainProbeReport) produce. Only the fields the
// scores read are named, so the real objects pass as they are (test/unit/score/inputs.test.ts
// proves it) and tests can build small ones.
import type { CheckStatus } from '../outcome.ts';
import type { SecurityClass } from '../tls/index.ts';

// ---------------------------------------------------------------------------------------------
// From the header engine (lib/headers/message-facts.ts)

export interface HopInput {
  index: number;
  from: { host: string | null; ip: string | null };
  by: { host: string | null };
  protocol: string | null;
  tls: { version: string | null; cipher: string | null; class: SecurityClass | null } | null;
  /** true: TLS evidence; false: mail protocol without TLS evidence; null: no evidence. */
  encrypted: boolean | null;
  evidence: string;
  recordedBy: 'recipient' | 'sender';
  at: string | null;
}

export interface AuthResultInput {
  method: string;
  result: string;
  properties: Readonly<Record<string, string>>;
  comment: string | null;
}

export interface MessageInput {
  /** Oldest first. */
  hops: readonly HopInput[];
  from: { domain: string | null; organizationalDomain: string | null } | null;
  recipientDomain: string | null;
  /** Only the recipient provider's own results (trusted). */
  authentication: {
    spf: AuthResultInput | null;
    dkim: readonly AuthResultInput[];
    dmarc: AuthResultInput | null;
    arc: AuthResultInput | null;
  };
  alignment: {
    dkimPassDomains: readonly string[];
    dkim: { relaxed: boolean; domain: string | null };
    spf: { relaxed: boolean; domain: string | null };
  };
  trust: { handoffIndex: number | null };
  arcSeals: readonly { i: number | null; cv: string | null }[];
  dkimSignatures: readonly { d: string | null; bodyLengthLimited: boolean }[];
}

// ---------------------------------------------------------------------------------------------
// From the DNS checks (lib/checks/): what scoring needs of a domain's DNS posture, normalised.
// `dnsFactsFromPosture` (dns-facts.ts) builds it from the DNS engine's DomainDnsPosture.

export type RecordState = 'valid' | 'invalid' | 'missing' | null;

export interface DnsFactsInput {
  domain: string;
  /** MECSA's DNSSEC support: the domain, its MX records and the MX hosts are signed and secure. */
  dnssec: boolean | null;
  /**
   * The domain's own zone is signed (its DNSKEY answer validated), whatever its MX hosts' zones
   * are. This, not `dnssec`, says whether keys published under the domain are protected.
   */
  zoneSigned: boolean | null;
  spf: RecordState;
  dmarc: { state: RecordState; policy: 'reject' | 'quarantine' | 'none' | null };
  /** A DKIM key (or MECSA-ST's `_domainkey` estimate) is published. */
  dkim: boolean | null;
  /** Usable TLSA records under DNSSEC for every MX. */
  dane: boolean | null;
  /** `_mta-sts` TXT record published (the policy mode needs the probe's HTTPS fetch). */
  mtaStsRecord: boolean | null;
}

/** The keys of one DKIM signer of this message, as looked up (lib/checks/dkim-signers.ts). */
export interface SignerKeyInput {
  /** The signing domain d=. */
  domain: string;
  /** The key answers validated under DNSSEC; false: insecure or bogus; null: not known. */
  dnssec: boolean | null;
  /** present: every key found and sound; fails: revoked, too weak or unreadable; absent: none. */
  key: 'present' | 'fails' | 'absent' | null;
  /** The smallest of its keys, in bits. */
  bits: number | null;
}

// ---------------------------------------------------------------------------------------------
// From the probe (lib/probe/types.ts DomainProbeReport)

export type DeliveryOutcomeInput =
  | 'authenticated-tls'
  | 'unauthenticated-tls'
  | 'cleartext'
  | 'refuse'
  | 'untested';

export interface VerdictInput {
  dane: { outcome: DeliveryOutcomeInput; reason: string };
  mtaSts: { outcome: DeliveryOutcomeInput; reason: string };
  opportunistic: { outcome: DeliveryOutcomeInput; reason: string };
}

export interface AddressProbeInput {
  address: string;
  /** pass = TLS negotiated, fail = no usable STARTTLS, temperror = could not test. */
  status: CheckStatus;
  starttls: {
    negotiated: boolean;
    version: string | null;
    versionClass: SecurityClass | null;
    cipherClass: SecurityClass | null;
  };
}

export interface CertificateInput {
  pkixValid: boolean;
  hostnameMatch: 'domain' | 'mx' | 'none';
  expired: boolean;
  notYetValid: boolean;
  revocation: { status: 'good' | 'revoked' | 'unknown' };
}

export interface MxProbeInput {
  host: string;
  addresses: readonly AddressProbeInput[];
  certificate: CertificateInput | null;
  dane: {
    tlsaPresent: boolean;
    applicable: boolean;
    usable: boolean;
    matched: boolean | null;
    lookupError: string | null;
  };
  mtaSts: { matchesPolicy: boolean | null };
  verdict: VerdictInput;
}

export interface ProbeInput {
  domain: string;
  mxStatus: 'ok' | 'null-mx' | 'implicit' | 'none' | 'temperror';
  mxDnssecSecure: boolean;
  mx: readonly MxProbeInput[];
  mtaSts: { status: CheckStatus; mode: 'enforce' | 'testing' | 'none' | null };
  verdict: VerdictInput;
}

/** One observed handoff from a sender's provider to the recipient's (handoff-history.ts). */
export interface HandoffObservation {
  /** Dedupe key: handoff time, sending address and receiving host. */
  key: string;
  /** Time of the handoff hop (ISO 8601), null when undated. */
  at: string | null;
  /** When MailSeal recorded it (ISO 8601). */
  seenAt: string;
  /** Host name of the sender's MTA as recorded by the recipient. */
  senderHost: string | null;
  encrypted: boolean | null;
  tlsVersion: string | null;
  cipher: string | null;
  tlsClass: SecurityClass | null;
  /** Trusted results of the recipient provider, lower-case (`pass`, `fail`, …); null when absent. */
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
}
