/** The lab's scenario catalogue: what each scenario domain serves and what should be seen. */

export const DNSSEC_MODES = [
  'signed',
  'unsigned',
  'bogus-sig',
  'bogus-ds',
  // knot signs with NSEC instead of NSEC3, or with NSEC3 opt-out (unsigned delegations skipped)
  'signed-nsec',
  'signed-nsec3-optout',
  // signed offline by ldns with a failure (test/lab/lib/offline-sign.ts)
  'expired-sig',
  'future-sig',
  'missing-dnskey',
  'unsupported-alg',
] as const;
export type DnssecMode = (typeof DNSSEC_MODES)[number];

export const CERT_PROFILES = [
  'valid',
  'expired',
  'not-yet-valid',
  'wrong-name',
  'self-signed',
  'missing-intermediate',
  'rsa1024',
  'sha1',
  /** Valid, but its OCSP and CRL URLs point at the lab's hostile revocation server (issue 14). */
  'hostile-revocation',
] as const;
export type CertProfile = (typeof CERT_PROFILES)[number];

/** Who answers on an MX address: Postfix, or one of the lab's adversarial programs. */
export const MX_SERVERS = [
  'postfix',
  'banner-byte-by-byte',
  'endless-continuation',
  'tls-stall',
] as const;
export type MxServer = (typeof MX_SERVERS)[number];

export interface MxTls {
  /** Offer STARTTLS at all (default true). */
  readonly starttls?: boolean;
  /** Postfix smtpd_tls_protocols syntax, e.g. ">=TLSv1, <=TLSv1". */
  readonly protocols?: string;
  /** OpenSSL cipher list for this listener; ends with @SECLEVEL=0 when weak keys must load. */
  readonly ciphers?: string;
}

export interface MxListener {
  /** Short id used by placeholders ({{addr:mx1}}, {{tlsa:mx1:3 1 1}}) and in expect.lab.smtp. */
  readonly id: string;
  /** Host name; relative names are completed with the scenario domain. */
  readonly hostname: string;
  readonly server?: MxServer;
  /** A fixed 127.0.0.0/8 address; when absent the lab allocates one. */
  readonly address?: string;
  readonly certificate?: CertProfile;
  readonly tls?: MxTls;
}

export const POLICY_SERVERS = ['nginx', 'huge-policy'] as const;
export type PolicyServer = (typeof POLICY_SERVERS)[number];

export interface PolicyHost {
  readonly server?: PolicyServer;
  /** Defaults to mta-sts.<domain>. */
  readonly hostname?: string;
  readonly address?: string;
  readonly certificate?: CertProfile;
  /** HTTP status served at /.well-known/mta-sts.txt (default 200). */
  readonly status?: number;
  /** Policy lines, joined with CRLF. */
  readonly body?: readonly string[];
  /** Pad the body with extension lines up to this many bytes (oversized policies). */
  readonly padToBytes?: number;
  /** Answer with a 301 to this URL instead of a body. */
  readonly redirect?: string;
  readonly contentType?: string;
}

export const DOH_SERVERS = ['malformed-doh'] as const;
export interface DohEndpoint {
  readonly server: (typeof DOH_SERVERS)[number];
  readonly address?: string;
  readonly port?: number;
}

export type DnsCheckType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'TLSA' | 'CNAME' | 'NS' | 'SOA' | 'DS';

/** One DNS fact seen through the validating resolver. */
export interface LabDnsExpect {
  /** Relative to the scenario domain ("@" for the apex, names ending in "." are absolute). */
  readonly name: string;
  readonly type: DnsCheckType;
  /** Number of answer records of that type (0 for none). */
  readonly count?: number;
  /** Each string must appear in some answer's data. */
  readonly contains?: readonly string[];
  /** NOERROR, NXDOMAIN, SERVFAIL. */
  readonly rcode?: string;
}

export const TLS_LEVELS = [
  'verified',
  'trusted',
  'untrusted',
  'anonymous',
  'no-starttls',
  'handshake-failed',
  'failed',
] as const;
export type TlsLevel = (typeof TLS_LEVELS)[number];

/** posttls-finger at level dane: matched, TLSA present but not matching, no usable TLSA, lookup failed. */
export const DANE_OUTCOMES = ['verified', 'mismatch', 'none', 'dns-error'] as const;
export type DaneOutcome = (typeof DANE_OUTCOMES)[number];

/** What posttls-finger sees on one MX listener. */
export interface LabSmtpExpect {
  /** Level with the lab CA as the only trust anchor and the MX host name to match. */
  readonly level: TlsLevel;
  /** Negotiated protocol with a permissive client (TLSv1, TLSv1.2, TLSv1.3). */
  readonly tlsVersion?: string;
  /** posttls-finger -l dane on the domain (MX and TLSA through the lab resolver). */
  readonly dane?: DaneOutcome;
  /** The level of that dane run. */
  readonly daneLevel?: TlsLevel;
}

export interface LabPolicyExpect {
  /** HTTP status, or 0 when no HTTP answer is had (TLS failure, timeout). */
  readonly status: number;
  /** curl's exit code when it fails (60 = certificate problem). */
  readonly curlExit?: number;
  readonly mode?: string;
  readonly minBytes?: number;
  readonly maxBytes?: number;
  readonly redirect?: boolean;
}

export interface LabExpect {
  readonly dnssec?: 'secure' | 'insecure' | 'bogus';
  readonly dns?: readonly LabDnsExpect[];
  readonly smtp?: Readonly<Record<string, LabSmtpExpect>>;
  readonly policy?: LabPolicyExpect;
  /** The adversarial DoH endpoint answers 200 with a body that is not a DNS message. */
  readonly dohMalformed?: boolean;
}

/** One sub-object per consumer; the lab owns `lab`, other suites add their own keys. */
export interface ScenarioExpect {
  readonly lab?: LabExpect;
  readonly [consumer: string]: unknown;
}

export interface Scenario {
  readonly name: string;
  readonly domain: string;
  readonly description: string;
  /** Group for documentation and filtering: good, starttls, dane, mta-sts, mx, spf, dmarc, adversarial. */
  readonly group: string;
  readonly dnssec: DnssecMode;
  /** Zone-file lines relative to the domain; {{addr:ID}}, {{addr:policy}}, {{tlsa:ID:U S M}}. */
  readonly records: readonly string[];
  readonly mx?: readonly MxListener[];
  readonly policy?: PolicyHost;
  readonly doh?: DohEndpoint;
  readonly expect: ScenarioExpect;
  /** The catalogue file it came from. */
  readonly source?: string;
}

export interface CatalogueFile {
  readonly scenarios: readonly Scenario[];
}
