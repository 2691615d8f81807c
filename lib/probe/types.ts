// DomainProbeReport: the stable JSON the probe engine returns (docs/domain-probe-report.schema.json).

import type { DnssecSource } from '../dns/dnssec/types.ts';
import type { CheckStatus, Finding } from '../outcome.ts';
import type { Text } from '../score/text.ts';
import type { SecurityClass } from '../tls/index.ts';

/** Why a connection stopped before QUIT. */
export type CutOffReason =
  | 'connect-timeout'
  | 'connect-refused'
  | 'connect-error'
  | 'reply-timeout'
  | 'too-many-lines'
  | 'line-too-long'
  | 'too-many-bytes'
  | 'budget-exceeded'
  | 'closed'
  | 'bad-greeting'
  | 'address-not-public';

export interface StartTlsReport {
  /** STARTTLS appeared in the EHLO keywords. */
  offered: boolean;
  /** We sent STARTTLS (also when not advertised, reported separately as Foster et al. did). */
  attempted: boolean;
  /** The TLS handshake completed. */
  negotiated: boolean;
  /** e.g. `TLSv1.3`. */
  version: string | null;
  /** IANA cipher-suite name, e.g. `TLS_AES_256_GCM_SHA384`. */
  cipher: string | null;
  /** Key-exchange group, e.g. `X25519`, or `DH 2048`. */
  group: string | null;
  forwardSecrecy: boolean | null;
  /** Shared lib/tls classes (MECSA: recommended / secure / obsolete / insecure); null = unknown. */
  versionClass: SecurityClass | null;
  cipherClass: SecurityClass | null;
  /** Why STARTTLS or the handshake failed; null when it worked or was not tried. */
  error: string | null;
}

export interface ChainCertificate {
  subject: string;
  issuer: string;
  /** SHA-256 fingerprint, lowercase hex. */
  sha256: string;
  notBefore: string;
  notAfter: string;
  pem: string;
}

export type HostnameMatch = 'domain' | 'mx' | 'none';

export type RevocationStatus = 'good' | 'revoked' | 'unknown';

export interface CertificateReport {
  /** Chains to the trust store (Mozilla roots; the lab CA only in lab mode) with valid dates. */
  pkixValid: boolean;
  /** RFC 6125 match against the mail domain (best), the MX host name, or neither. */
  hostnameMatch: HostnameMatch;
  matchesMxHost: boolean;
  matchesDomain: boolean;
  expired: boolean;
  notYetValid: boolean;
  selfSigned: boolean;
  missingIntermediate: boolean;
  daysToExpiry: number;
  names: string[];
  keyType: string;
  keyBits: number | null;
  signatureAlgorithm: string;
  weakKey: boolean;
  weakSignature: boolean;
  revocation: { status: RevocationStatus; method: 'crl' | 'ocsp' | null; detail: string };
  /** Stable codes such as `missing-intermediate`, `expired`, `untrusted-root`. */
  errors: string[];
  /** The chain exactly as the server sent it, leaf first. */
  chain: ChainCertificate[];
}

export interface TlsaRecordReport {
  usage: number;
  selector: number;
  matchingType: number;
  data: string;
  usable: boolean;
  /** Why the record is unusable for SMTP (RFC 7672 §3.1.3), or null. */
  unusableReason: string | null;
  matched: boolean;
}

export interface DaneReport {
  /**
   * The TLSA base domain (RFC 7672 §2.2.2): the MX host name, or its CNAME-expanded name when
   * TLSA records were found there.
   */
  baseDomain: string;
  /** TLSA RRset found for `_25._tcp.<baseDomain>`. */
  tlsaPresent: boolean;
  /** Both the MX and the TLSA RRset are DNSSEC-secure, so DANE applies (RFC 7672 §2.2). */
  applicable: boolean;
  /** At least one record is usable for SMTP (usage 2/3, known selector and matching type). */
  usable: boolean;
  /** A usable record matched what the server sent; null when not tested. */
  matched: boolean | null;
  /** DANE authenticates the server, so PKIX name and CA failures are irrelevant (RFC 7672 §3.1). */
  pkixIrrelevant: boolean;
  records: TlsaRecordReport[];
  /** DNS problem with the TLSA lookup (SERVFAIL, bogus) that makes DANE senders defer. */
  lookupError: string | null;
  /** Who vouched for the TLSA answer's DNSSEC state: local validation or the resolver's AD flag. */
  dnssecSource?: DnssecSource;
  /** Why local validation did not complete, when the resolver's word stood in (the fallback). */
  dnssecFallback?: string;
}

export type DeliveryOutcome =
  | 'authenticated-tls'
  | 'unauthenticated-tls'
  | 'cleartext'
  | 'refuse'
  | 'untested';

export interface SenderVerdict {
  outcome: DeliveryOutcome;
  /** In English: `text` filled in (JSON readers and the CLI). */
  reason: string;
  /** The reason as a message key, for front ends that translate (lib/score/text.ts). */
  text: Text;
  /** For the MTA-STS sender: which mechanism decided (DANE wins per RFC 8461 §2). */
  decidedBy?: 'dane' | 'mta-sts' | 'opportunistic';
}

export interface MxVerdict {
  dane: SenderVerdict;
  mtaSts: SenderVerdict;
  opportunistic: SenderVerdict;
}

export interface AddressProbe {
  address: string;
  family: 4 | 6;
  /** pass = TLS negotiated, fail = no usable STARTTLS, temperror = could not test. */
  status: CheckStatus;
  banner: string | null;
  ehloKeywords: string[];
  usedHelo: boolean;
  starttls: StartTlsReport;
  certificate: CertificateReport | null;
  dane: DaneReport;
  verdict: MxVerdict;
  cutOff: { reason: CutOffReason; detail: string } | null;
  transcript: string[];
  durationMs: number;
}

export interface MxProbe {
  host: string;
  preference: number;
  /** True for the implicit MX (the domain's own A/AAAA, RFC 5321 §5.1). */
  implicit: boolean;
  /** The MX RRset (or implicit A/AAAA) was DNSSEC-secure. */
  dnssecSecure: boolean;
  addresses: AddressProbe[];
  /** Addresses found but not probed (over the per-host cap). */
  skippedAddresses: string[];
  /** The certificate of the first address that completed TLS. */
  certificate: CertificateReport | null;
  dane: DaneReport;
  mtaSts: { matchesPolicy: boolean | null; matchedPattern: string | null };
  /** The worst outcome over this MX's tested addresses, per sender kind. */
  verdict: MxVerdict;
  findings: Finding[];
}

export type MtaStsErrorCategory =
  | 'record'
  | 'policy-fetch'
  | 'policy-syntax'
  | 'inconsistency'
  | 'mx-certificate'
  | 'hosting';

export interface MtaStsError {
  category: MtaStsErrorCategory;
  kind: string;
  severity: Finding['severity'];
  message: string;
  /** `message` as a message key, so the extension words it in the reader's language. */
  text: Text;
  evidence?: string;
  mx?: string;
}

export interface MtaStsPolicy {
  version: string | null;
  mode: 'enforce' | 'testing' | 'none' | null;
  maxAge: number | null;
  mx: string[];
  raw: string;
}

export interface MtaStsReport {
  status: CheckStatus;
  record: { present: boolean; raw: string[]; id: string | null; valid: boolean };
  policy: MtaStsPolicy | null;
  mode: 'enforce' | 'testing' | 'none' | null;
  policyHost: {
    name: string;
    cnameChain: string[];
    addresses: string[];
    provider: string | null;
  };
  mxProvider: string | null;
  errors: MtaStsError[];
}

export interface DomainProbeReport {
  domain: string;
  probedAt: string;
  durationMs: number;
  lab: boolean;
  /** The MX answer status; `null-mx` for RFC 7505 "no mail accepted". */
  mxStatus: 'ok' | 'null-mx' | 'implicit' | 'none' | 'temperror';
  mxDnssecSecure: boolean;
  mx: MxProbe[];
  mtaSts: MtaStsReport;
  /** Worst outcome over all MX, per sender kind. */
  verdict: MxVerdict;
  findings: Finding[];
}
