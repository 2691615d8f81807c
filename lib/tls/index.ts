// One shared table for TLS protocol versions and cipher suites, used by the header engine
// (lib/headers/) and the SMTP probe. Browser-safe: no Node imports, no I/O.
//
// Classes (`SecurityClass`) follow the MECSA study (IEEE Access 2020, tables 1 and 3:
// R = Recommended, S = Secure, I = Insecure, O = Obsolete). Where MECSA is silent, the NCSC
// classes that Internet.nl uses (good / sufficient / phase-out / insufficient, from the NCSC-NL
// IT Security Guidelines for TLS) decide:
//
//   recommended  forward-secret (ECDHE/DHE) AEAD with AES-GCM, AES-CCM or ChaCha20-Poly1305,
//                and every TLS 1.3 suite except CCM_8. Protocols TLS 1.2 and TLS 1.3.
//   secure       still safe but not recommended: CBC suites, static-RSA/ECDH key exchange,
//                CAMELLIA/ARIA, CCM_8, PSK/SRP (NCSC "phase-out" sits here too).
//   obsolete     legacy, deprecated, not trivially broken: 3DES, IDEA, SEED; protocols
//                SSLv3, TLS 1.0, TLS 1.1 (RFC 7568, RFC 8996).
//   insecure     broken or unauthenticated: NULL, EXPORT, RC4, RC2, single DES, anonymous
//                (DH_anon / ECDH_anon) key exchange; protocol SSLv2.
//
// A (version, cipher) pair gets the worse of its two classes, with insecure below obsolete.
// That differs from MECSA for anonymous suites on TLS 1.0 (MECSA table 3 labels
// "TLSv1.0 ADH_AES_256_CBC_SHA" O, we say insecure: anonymous key exchange allows a
// man-in-the-middle on any protocol version).

import { OPENSSL_IANA_PAIRS } from './cipher-table.ts';

export type SecurityClass = 'recommended' | 'secure' | 'obsolete' | 'insecure';

/** All classes, best first. */
export const SECURITY_CLASSES: readonly SecurityClass[] = [
  'recommended',
  'secure',
  'obsolete',
  'insecure',
];

export const SECURITY_CLASS_LABEL: Readonly<Record<SecurityClass, string>> = {
  recommended: 'Recommended',
  secure: 'Secure',
  obsolete: 'Obsolete',
  insecure: 'Insecure',
};

const RANK: Readonly<Record<SecurityClass, number>> = {
  recommended: 3,
  secure: 2,
  obsolete: 1,
  insecure: 0,
};

/** Higher is better: recommended 3, secure 2, obsolete 1, insecure 0. */
export function securityClassRank(c: SecurityClass): number {
  return RANK[c];
}

/** The worse of two classes; `null` (unknown) never hides a known class. */
export function worseClass(a: SecurityClass | null, b: SecurityClass | null): SecurityClass | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] <= RANK[b] ? a : b;
}

// ---------------------------------------------------------------------------------------------
// Protocol versions

export type TlsVersion =
  | 'SSLv2'
  | 'SSLv3'
  | 'TLSv1.0'
  | 'TLSv1.1'
  | 'TLSv1.2'
  | 'TLSv1.3'
  | 'DTLSv1.0'
  | 'DTLSv1.2'
  | 'DTLSv1.3';

const VERSION_RE = /^(D?TLS|SSL)[\s_-]*V?[\s_-]*(\d{1,2})(?:\s*[._-]\s*(\d))?$/;

/**
 * Normalises the spellings MTAs write (`TLSv1.3`, `TLS1_3`, `TLS1.3`, `TLS 1.3`, `TLS-1.0`,
 * `TLSv1_2`, `TLS13`, `TLSv1`, `SSLv3`, `SSL3.0`) to `TLSv1.3`-style names.
 * Returns null for anything else, including `TLSv1/SSLv3`: that is OpenSSL's label for the
 * *suite* (SSL_CIPHER_get_version), written by old Gmail, Courier and Sendmail builds, and says
 * nothing certain about the protocol. Use minimumTlsVersion(cipher) for a lower bound.
 */
export function normalizeTlsVersion(raw: string | null | undefined): TlsVersion | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 32) return null;
  const common = COMMON_VERSION_SPELLINGS.get(raw);
  return common !== undefined ? common : parseTlsVersion(raw);
}

function parseTlsVersion(raw: string): TlsVersion | null {
  let s = raw.trim().toUpperCase();
  // OpenSSL's legacy label for pre-TLS-1.2 *suites*, not the negotiated protocol: unknown.
  if (s === 'TLSV1/SSLV3' || s === 'SSLV3/TLSV1') return null;
  if (s.endsWith(',') || s.endsWith(';')) s = s.slice(0, -1);
  const m = VERSION_RE.exec(s);
  if (!m) return null;
  const family = m[1] as 'TLS' | 'DTLS' | 'SSL';
  let major = m[2] as string;
  let minor = m[3];
  if (major.length === 2 && minor === undefined) {
    // Compact forms: TLS13, TLS12, SSL30.
    minor = major[1];
    major = major[0] as string;
  }
  if (family === 'SSL') {
    if (minor !== undefined && minor !== '0') return null;
    if (major === '2') return 'SSLv2';
    if (major === '3') return 'SSLv3';
    return null;
  }
  if (major !== '1') return null;
  const v = minor ?? '0';
  if (family === 'DTLS') {
    if (v === '0') return 'DTLSv1.0';
    if (v === '2') return 'DTLSv1.2';
    if (v === '3') return 'DTLSv1.3';
    return null;
  }
  if (v === '0') return 'TLSv1.0';
  if (v === '1') return 'TLSv1.1';
  if (v === '2') return 'TLSv1.2';
  if (v === '3') return 'TLSv1.3';
  return null;
}

/**
 * The spellings MTAs write most, answered by one lookup: each hop's version is normalised when
 * its comment is read and again when it is classified. Filled by parseTlsVersion itself.
 */
const COMMON_VERSION_SPELLINGS: ReadonlyMap<string, TlsVersion | null> = new Map(
  ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1', 'TLSv1.0', 'TLS1_3', 'TLS1_2', 'TLS1_1', 'TLS1_0']
    .concat(['TLS1.3', 'TLS1.2', 'TLS1.1', 'TLS1.0', 'TLS13', 'TLS12', 'SSLv3', 'TLSv1/SSLv3'])
    .map((spelling) => [spelling, parseTlsVersion(spelling)]),
);

/**
 * The oldest protocol that can carry a suite: TLS 1.3-only suites → TLSv1.3; AEAD or SHA-256/384
 * MAC suites → TLSv1.2; null when the suite also runs on older versions or is unknown.
 */
export function minimumTlsVersion(cipher: string | null | undefined): TlsVersion | null {
  const info = cipherSuiteInfo(cipher);
  if (info === null) return null;
  if (info.tls13Only) return 'TLSv1.3';
  if (info.aead || /_SHA(?:256|384)$/.test(info.bulk)) return 'TLSv1.2';
  return null;
}

/** Class of a protocol version on its own (any accepted spelling). Null when unrecognised. */
export function classifyTlsVersion(version: string | null | undefined): SecurityClass | null {
  const v = normalizeTlsVersion(version);
  switch (v) {
    case 'TLSv1.3':
    case 'TLSv1.2':
    case 'DTLSv1.3':
    case 'DTLSv1.2':
      return 'recommended';
    case 'TLSv1.1':
    case 'TLSv1.0':
    case 'SSLv3':
    case 'DTLSv1.0':
      return 'obsolete';
    case 'SSLv2':
      return 'insecure';
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Cipher names

/** Exact upper-cased names (OpenSSL and IANA) → IANA name. */
const EXACT = new Map<string, string>();
/** Canonical keys (no TLS_ prefix, no _WITH_, `_` separators) → IANA name. */
const CANON = new Map<string, string>();
/** IANA name → OpenSSL name. */
const TO_OPENSSL = new Map<string, string>();

function ianaKey(iana: string): string {
  return iana.toUpperCase().slice(4).replace('_WITH_', '_');
}

for (const line of OPENSSL_IANA_PAIRS.split('\n')) {
  const sp = line.indexOf(' ');
  if (sp <= 0) continue;
  const openssl = line.slice(0, sp);
  const iana = line.slice(sp + 1);
  EXACT.set(openssl.toUpperCase(), iana);
  EXACT.set(iana.toUpperCase(), iana);
  CANON.set(ianaKey(iana), iana);
  const osslKey = openssl.toUpperCase().replace(/-/g, '_');
  if (!CANON.has(osslKey)) CANON.set(osslKey, iana);
  if (!TO_OPENSSL.has(iana)) TO_OPENSSL.set(iana, openssl);
}

/** The EXACT names the clean-up in normalizeCipherName leaves as they are: the usual input. */
const EXACT_AS_WRITTEN: ReadonlyMap<string, string> = new Map(
  [...EXACT].filter(([name]) => name === cleanCipherInput(name)),
);

/** Trimmed, trailing punctuation removed, upper-cased. */
function cleanCipherInput(raw: string): string {
  return raw
    .trim()
    .replace(/[,;:)]+$/, '')
    .toUpperCase();
}

const BORINGSSL_TLS13: Readonly<Record<string, string>> = {
  'AEAD-AES128-GCM-SHA256': 'TLS_AES_128_GCM_SHA256',
  'AEAD-AES256-GCM-SHA384': 'TLS_AES_256_GCM_SHA384',
  'AEAD-CHACHA20-POLY1305-SHA256': 'TLS_CHACHA20_POLY1305_SHA256',
};

const IANA_SHAPE = /^TLS_[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

/**
 * Maps OpenSSL names (`ECDHE-RSA-AES256-GCM-SHA384`), IANA names
 * (`TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`), GnuTLS names (`ECDHE_RSA_AES_128_GCM_SHA256`,
 * `DHE_RSA_3DES_EDE_CBC_SHA1`, `TLS_RSA_ARCFOUR_128_SHA1`), rustls names
 * (`TLS13_AES_256_GCM_SHA384`), SChannel curve suffixes (`…_P384`) and MECSA's short forms
 * (`DHE_RSA_AES_256_SHA`) to the IANA name. Unknown input gives null; an unlisted name that is
 * already IANA-shaped is returned upper-cased.
 */
export function normalizeCipherName(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 80) return null;
  const listed = EXACT_AS_WRITTEN.get(raw);
  if (listed !== undefined) return listed;
  const up = cleanCipherInput(raw);
  if (up.length === 0) return null;
  const exact = EXACT.get(up);
  if (exact !== undefined) return exact;
  // BoringSSL names TLS 1.3 suites "AEAD-AES128-GCM-SHA256".
  if (up.startsWith('AEAD-')) {
    const boring = BORINGSSL_TLS13[up];
    if (boring !== undefined) return boring;
  }

  let key = up.replace(/[\s-]+/g, '_');
  const tls13 = key.startsWith('TLS13_');
  if (tls13) key = key.slice(6);
  else if (key.startsWith('TLS_') || key.startsWith('SSL_')) key = key.slice(4);
  key = key
    .replace('_WITH_', '_')
    .replace(/_P(?:256|384|521)$/, '')
    .replace(/ARCFOUR/g, 'RC4')
    .replace(/_SHA1$/, '_SHA')
    .replace(/3DES_CBC/, '3DES_EDE_CBC');
  if (key.endsWith('CHACHA20_POLY1305')) key += '_SHA256';
  const hit = lookupKey(key);
  if (hit !== null) return hit;
  // OpenSSL's key-exchange abbreviations written with underscores ("ADH_AES_256_GCM_SHA384").
  const expanded = key
    .replace(/^ADH_/, 'DH_ANON_')
    .replace(/^AECDH_/, 'ECDH_ANON_')
    .replace(/^EDH_/, 'DHE_');
  if (expanded !== key) {
    const expandedHit = lookupKey(expanded);
    if (expandedHit !== null) return expandedHit;
  }
  // Short forms without the mode ("AES_256_SHA", "CAMELLIA_128_SHA256") are CBC suites.
  const withCbc = expanded.replace(
    /((?:AES|CAMELLIA)_(?:128|256))_(SHA(?:256|384)?)$/,
    '$1_CBC_$2',
  );
  if (withCbc !== expanded) {
    const cbcHit = lookupKey(withCbc);
    if (cbcHit !== null) return cbcHit;
  }
  if (IANA_SHAPE.test(up) && up.includes('_WITH_')) return up.replace(/_ANON_/, '_anon_');
  return null;
}

function lookupKey(key: string): string | null {
  const hit = CANON.get(key);
  if (hit !== undefined) return hit;
  // No key exchange named: static RSA (TLS 1.3 keys were tried first and would have matched).
  if (/^(?:AES|CAMELLIA|ARIA|3DES|DES|RC4|SEED|IDEA|NULL)/.test(key)) {
    const rsa = CANON.get(`RSA_${key}`);
    if (rsa !== undefined) return rsa;
  }
  return null;
}

/** The OpenSSL name of a suite (any accepted spelling), for `tls.connect({ciphers})`. */
export function toOpenSslCipherName(name: string | null | undefined): string | null {
  const iana = normalizeCipherName(name);
  return iana === null ? null : (TO_OPENSSL.get(iana) ?? null);
}

export interface CipherSuiteInfo {
  /** IANA name. */
  iana: string;
  /** Key exchange and authentication as the IANA name writes them; null for TLS 1.3 suites. */
  keyExchange: string | null;
  /** Bulk cipher and MAC, e.g. `AES_256_GCM_SHA384`. */
  bulk: string;
  tls13Only: boolean;
  forwardSecret: boolean;
  aead: boolean;
  class: SecurityClass;
}

const INSECURE_BULK = /^(?:NULL|RC4|RC2|DES40|DES_CBC)/;
const OBSOLETE_BULK = /^(?:3DES|IDEA|SEED)/;
const GOOD_AEAD = /^(?:AES_(?:128|256)_(?:GCM|CCM(?!_8))|CHACHA20_POLY1305)/;
const ANY_AEAD = /_(?:GCM|CCM)|POLY1305/;

/** Components and class of a suite, or null when the name is not recognised. */
export function cipherSuiteInfo(name: string | null | undefined): CipherSuiteInfo | null {
  const iana = normalizeCipherName(name);
  return iana === null ? null : suiteInfoOfIana(iana);
}

function suiteInfoOfIana(iana: string): CipherSuiteInfo {
  const withAt = iana.indexOf('_WITH_');
  const keyExchange = withAt > 0 ? iana.slice(4, withAt).toUpperCase() : null;
  const bulk = withAt > 0 ? iana.slice(withAt + 6) : iana.slice(4);
  const tls13Only = keyExchange === null;
  const forwardSecret =
    tls13Only || (keyExchange !== null && /^(?:ECDHE|DHE|PSK_DHE)(?:_|$)/.test(keyExchange));
  const aead = ANY_AEAD.test(bulk);
  let cls: SecurityClass;
  if (
    (keyExchange !== null && /ANON|EXPORT|NULL/.test(keyExchange)) ||
    INSECURE_BULK.test(bulk) ||
    /EXPORT/.test(bulk)
  ) {
    cls = 'insecure';
  } else if (OBSOLETE_BULK.test(bulk)) {
    cls = 'obsolete';
  } else if (tls13Only) {
    cls = bulk.includes('CCM_8') ? 'secure' : 'recommended';
  } else if (forwardSecret && GOOD_AEAD.test(bulk)) {
    cls = 'recommended';
  } else {
    cls = 'secure';
  }
  return { iana, keyExchange, bulk, tls13Only, forwardSecret, aead, class: cls };
}

/** Class of every suite in the table, computed once at load (the header engine asks per hop). */
const CLASS_BY_IANA: ReadonlyMap<string, SecurityClass> = (() => {
  const classes = new Map<string, SecurityClass>();
  for (const iana of new Set(EXACT.values())) classes.set(iana, suiteInfoOfIana(iana).class);
  return classes;
})();

/** Class of a cipher suite on its own (any accepted spelling). Null when unrecognised. */
export function classifyCipher(name: string | null | undefined): SecurityClass | null {
  const iana = normalizeCipherName(name);
  if (iana === null) return null;
  return CLASS_BY_IANA.get(iana) ?? suiteInfoOfIana(iana).class;
}

/**
 * Class of a negotiated (version, cipher) pair: the worse of the two. With only a version,
 * TLS 1.3 (always forward-secret AEAD) and the obsolete/insecure versions decide alone; TLS 1.2
 * alone says nothing about the cipher and gives null.
 */
export function classifyTls(
  version: string | null | undefined,
  cipher: string | null | undefined,
): SecurityClass | null {
  const v = normalizeTlsVersion(version);
  const vc = classifyTlsVersion(v);
  const cc = classifyCipher(cipher);
  if (cc === null) {
    if (v === 'TLSv1.2' || v === 'DTLSv1.2') return null;
    return vc;
  }
  return worseClass(vc, cc);
}

// ---------------------------------------------------------------------------------------------
// NCSC levels (Internet.nl checks/tasks/tls/tls_constants.py), for the probe's grading.

export type NcscLevel = 'good' | 'sufficient' | 'phase-out' | 'insufficient';

export function ncscVersionLevel(version: string | null | undefined): NcscLevel | null {
  const v = normalizeTlsVersion(version);
  if (v === null) return null;
  if (v === 'TLSv1.3') return 'good';
  if (v === 'TLSv1.2') return 'sufficient';
  return 'insufficient';
}

export function ncscCipherLevel(name: string | null | undefined): NcscLevel | null {
  const info = cipherSuiteInfo(name);
  if (info === null) return null;
  const { iana, keyExchange, bulk } = info;
  if (iana === 'TLS_AES_256_GCM_SHA384' || iana === 'TLS_CHACHA20_POLY1305_SHA256') return 'good';
  if (iana === 'TLS_AES_128_GCM_SHA256' || iana === 'TLS_AES_128_CCM_SHA256') return 'sufficient';
  const ecdhe = keyExchange === 'ECDHE_ECDSA' || keyExchange === 'ECDHE_RSA';
  if (ecdhe && /^(?:AES_(?:128|256)_GCM|CHACHA20_POLY1305)/.test(bulk)) return 'sufficient';
  if (keyExchange === 'ECDHE_ECDSA' && /^AES_(?:128|256)_CCM$/.test(bulk)) return 'sufficient';
  if (ecdhe && /^(?:AES_(?:128|256)_CBC_SHA(?:256|384)|CAMELLIA|ARIA)/.test(bulk)) {
    return 'phase-out';
  }
  if (keyExchange === 'DHE_RSA' && info.class !== 'insecure' && info.class !== 'obsolete') {
    return 'phase-out';
  }
  return 'insufficient';
}
