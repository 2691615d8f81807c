// MessageFacts: what the header engine (lib/headers/) learns from one message's header block.
// Plain JSON (no Dates, no Maps), so it crosses the extension's message channel unchanged.
// The JSON Schema is docs/message-facts.schema.json; docs/headers.md explains the trust boundary.
//
// Conventions: `null` means "not known / not present". Nothing here is a verdict about the
// sender being good or bad; scoring (elsewhere) turns facts into badges.

import type { SecurityClass, TlsVersion } from '../tls/index.ts';

export const MESSAGE_FACTS_VERSION = 1 as const;

/** Who wrote a Received header: the recipient's provider (evidence) or anyone before the handoff (claim). */
export type RecordedBy = 'recipient' | 'sender';

/**
 * Three-valued transport encryption of one hop.
 * true: TLS evidence in the line. false: a mail protocol is recorded and the line carries no TLS
 * evidence anywhere. null: no evidence either way (local, internal HTTP/mapi, qmail-style lines).
 */
export type Encrypted = boolean | null;

/** Why `encrypted` got its value; stable codes for the UI. */
export type EncryptionEvidenceKind =
  | 'tls-comment' // (using TLSv1.3 with cipher …), (version=TLS1_2 cipher=…), (TLS: …)
  | 'tls-clause' // RFC 8314 `tls TLS_AES_256_GCM_SHA384` clause (Exim ≥ 4.93, Haraka)
  | 'tls-version-comment' // Exim `with esmtps (TLS1.3)`, Microsoft `(TLS)`
  | 'colon-tuple' // Exim ≤ 4.92 / OpenSMTPD `(TLSv1.3:TLS_AES_256_GCM_SHA384:256)`
  | 'using-tls' // Mimecast `(Using TLS)`, `(Google Transport Security)`, `over TLS secured channel`
  | 'inline-cipher' // `with ESMTP/TLS/<cipher>`, qmail `with <cipher> encrypted SMTP`, `ESMTP-TLS`
  | 'protocol-suffix' // ESMTPS, ESMTPSA, UTF8SMTPS, LMTPS, SMTPS, HTTPS
  | 'no-tls-evidence' // protocol recorded, nothing about TLS anywhere in the line
  | 'local' // local delivery, internal pickup, mapi, internal HTTP, qmail, no protocol
  | 'unparsed'; // the line could not be read

export interface HopTls {
  version: TlsVersion | null;
  /** IANA name when recognised (lib/tls), otherwise the token as written. */
  cipher: string | null;
  /** Class of the (version, cipher) pair; null when neither settles it. */
  class: SecurityClass | null;
  /** Symmetric key bits when the line gives them (`(256/256 bits)`, `bits=256`). */
  bits: number | null;
}

export interface Hop {
  /** 0 = oldest (origin); the last hop is the final delivery. */
  index: number;
  from: {
    /** Reverse-DNS name the receiving MTA recorded (or the from-domain when that is all there is). */
    host: string | null;
    /** The name the client gave in HELO/EHLO (client-chosen, never evidence). */
    helo: string | null;
    /** IPv4 or IPv6 address of the client, without brackets, `IPv6:` or zone. */
    ip: string | null;
  };
  by: { host: string | null };
  /** Protocol keyword as written, upper-cased for registered names (`ESMTPS`, `LMTP`, `HTTP`,
   *  `Microsoft SMTP Server`, `mapi`); null when the line has no `with`. */
  protocol: string | null;
  /** Protocol says the client authenticated (ESMTPA, ESMTPSA, LMTPA …, `Authenticated sender`). */
  authenticated: boolean;
  via: string | null;
  id: string | null;
  for: string | null;
  tls: HopTls | null;
  encrypted: Encrypted;
  encryptedEvidence: EncryptionEvidenceKind;
  /** The text behind the `encrypted` verdict, quoted from the line (or a short explanation). */
  evidence: string;
  recordedBy: RecordedBy;
  /** ISO 8601 UTC timestamp of the hop, null when the date is missing or unreadable. */
  at: string | null;
  /** Seconds since the previous dated hop; negative values are clock skew and are kept. */
  delaySeconds: number | null;
  /** The unfolded header value, capped at MAX_RAW_CHARS. */
  raw: string;
  warnings: string[];
}

export interface AuthResult {
  /** Lower-cased method: spf, dkim, dmarc, arc, bimi, iprev, auth, compauth, x-… */
  method: string;
  /** Lower-cased result: pass, fail, softfail, neutral, none, temperror, permerror, policy … */
  result: string;
  reason: string | null;
  /** ptype.property → value, e.g. `header.d`, `header.from`, `smtp.mailfrom`, `policy.dmarc`. */
  properties: Record<string, string>;
  /** Comments attached to the result, e.g. `(p=REJECT sp=REJECT dis=NONE)`. */
  comment: string | null;
  /** The authserv-id of the header the result came from; null when the header has none. */
  authservId: string | null;
  source: 'authentication-results' | 'arc-authentication-results' | 'received-spf';
  /** ARC instance for ARC-Authentication-Results. */
  arcInstance: number | null;
  /** Position of the source header in the header block, 0 = topmost. */
  headerIndex: number;
}

export interface ArcSealInfo {
  i: number | null;
  cv: string | null;
  d: string | null;
  s: string | null;
  a: string | null;
  t: number | null;
  headerIndex: number;
}

export interface DkimSignatureInfo {
  v: string | null;
  a: string | null;
  c: string | null;
  d: string | null;
  s: string | null;
  i: string | null;
  /** Signed header field names, lower-cased. */
  h: string[];
  /** Body length limit (`l=`): content past it is unsigned. */
  l: number | null;
  t: number | null;
  x: number | null;
  /** Kept for verifiers; never shown. */
  b: string | null;
  bh: string | null;
  /** x= is in the past, relative to the analysis time. Null when x= is absent. */
  expired: boolean | null;
  /** True when `l=` is present. */
  bodyLengthLimited: boolean;
  warnings: string[];
  headerIndex: number;
}

export interface Identity {
  address: string | null;
  domain: string | null;
  /** Organizational domain from the public suffix list (tldts). */
  organizationalDomain: string | null;
}

export interface EnvelopeIdentity extends Identity {
  source: 'return-path' | 'smtp.mailfrom' | 'received-spf';
}

export interface AlignmentFacts {
  /** Domains of DKIM signatures the recipient's provider reported as passing (header.d / header.i). */
  dkimPassDomains: string[];
  dkim: { relaxed: boolean; strict: boolean; domain: string | null };
  spf: { relaxed: boolean; strict: boolean; domain: string | null };
}

export interface TrustFacts {
  /** Organizational domains taken to be the recipient's provider. */
  providerDomains: string[];
  /** authserv-ids whose Authentication-Results count. */
  trustedAuthservIds: string[];
  /** Index (in `hops`) of the hop where the message entered the provider; null without hops. */
  handoffIndex: number | null;
  /** How the boundary was found, in one sentence. */
  basis: string;
}

export interface TransportSummary {
  /** The handoff hop's encryption (recipient evidence). */
  handoffEncrypted: Encrypted;
  /** Every recipient-recorded hop: false if any false, true if all true, otherwise null. */
  recipientHopsEncrypted: Encrypted;
  /** The same over sender-recorded hops (claims). */
  senderHopsEncrypted: Encrypted;
  /** Weakest known TLS class over recipient-recorded hops. */
  weakestRecipientClass: SecurityClass | null;
  /** Seconds from the oldest to the newest dated hop. */
  totalSeconds: number | null;
}

export interface MessageFacts {
  schemaVersion: typeof MESSAGE_FACTS_VERSION;
  /** Oldest first: origin → final delivery. */
  hops: Hop[];
  /** RFC5322.From. */
  from: Identity | null;
  envelopeFrom: EnvelopeIdentity | null;
  /** Domain of the recipient mailbox (Delivered-To, X-Original-To, `for <…>`, To), if found. */
  recipientDomain: string | null;
  /** Results only from the recipient provider's own Authentication-Results (RFC 8601 §5). */
  authentication: {
    authservId: string | null;
    spf: AuthResult | null;
    dkim: AuthResult[];
    dmarc: AuthResult | null;
    arc: AuthResult | null;
    /** Other trusted methods (iprev, bimi, compauth, auth …). */
    other: AuthResult[];
  };
  /** Untrusted results: other authserv-ids, ARC-Authentication-Results of intermediaries, forgeries. */
  claims: AuthResult[];
  dkimSignatures: DkimSignatureInfo[];
  arcSeals: ArcSealInfo[];
  dkimDomains: string[];
  alignment: AlignmentFacts;
  trust: TrustFacts;
  transport: TransportSummary;
  /** Parser notes: caps hit, unreadable headers. Never fatal. */
  warnings: string[];
}

/** What the caller may know that the headers cannot prove (the extension knows its webmail). */
export interface AnalyzeOptions {
  /** Organizational domains of the recipient's provider, e.g. ['google.com']. */
  providerDomains?: readonly string[];
  /** authserv-ids to trust in addition to those of the provider's domains. */
  trustedAuthservIds?: readonly string[];
  /** Mailbox domain of the recipient. */
  recipientDomain?: string;
  /** Reference time for DKIM expiry, ms since epoch. Defaults to Date.now(). */
  now?: number;
}
