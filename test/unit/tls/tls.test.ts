import { describe, expect, it } from 'vitest';
import {
  cipherSuiteInfo,
  classifyCipher,
  classifyTls,
  classifyTlsVersion,
  minimumTlsVersion,
  ncscCipherLevel,
  ncscVersionLevel,
  normalizeCipherName,
  normalizeTlsVersion,
  type SecurityClass,
  toOpenSslCipherName,
  worseClass,
} from '../../../lib/tls/index.ts';

describe('normalizeTlsVersion', () => {
  it.each([
    ['TLSv1.3', 'TLSv1.3'],
    ['TLS1_3', 'TLSv1.3'],
    ['TLS1.3', 'TLSv1.3'],
    ['TLS 1.3', 'TLSv1.3'],
    ['tlsv1_3', 'TLSv1.3'],
    ['TLS13', 'TLSv1.3'],
    ['TLSv1_2', 'TLSv1.2'],
    ['TLS1_2,', 'TLSv1.2'],
    ['TLS-1.0', 'TLSv1.0'],
    ['TLSv1', 'TLSv1.0'],
    ['TLS1', 'TLSv1.0'],
    ['TLSv1.1', 'TLSv1.1'],
    ['SSLv3', 'SSLv3'],
    ['SSL3.0', 'SSLv3'],
    ['SSLv2', 'SSLv2'],
    ['DTLSv1.2', 'DTLSv1.2'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeTlsVersion(raw)).toBe(expected);
  });

  it.each([
    '',
    'TLS',
    'TLSv1/SSLv3',
    'TLSv2.0',
    'TLSv1.9',
    'SSLv4',
    'HTTP/1.1',
    'OTHER',
    'x'.repeat(100),
  ])('rejects %s', (raw) => {
    expect(normalizeTlsVersion(raw)).toBeNull();
  });

  it('never throws on non-strings', () => {
    expect(normalizeTlsVersion(undefined)).toBeNull();
    expect(normalizeTlsVersion(null)).toBeNull();
    expect(normalizeTlsVersion(42 as unknown as string)).toBeNull();
  });
});

describe('normalizeCipherName', () => {
  it.each([
    // OpenSSL
    ['ECDHE-RSA-AES256-GCM-SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
    ['ECDHE-ECDSA-AES128-GCM-SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
    ['DHE-RSA-AES256-GCM-SHA384', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'],
    ['AES256-GCM-SHA384', 'TLS_RSA_WITH_AES_256_GCM_SHA384'],
    ['AES256-SHA', 'TLS_RSA_WITH_AES_256_CBC_SHA'],
    ['DES-CBC3-SHA', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
    ['EDH-RSA-DES-CBC3-SHA', 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
    ['RC4-SHA', 'TLS_RSA_WITH_RC4_128_SHA'],
    ['ECDHE-RSA-CHACHA20-POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
    ['ecdhe-rsa-aes256-gcm-sha384', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
    // IANA and TLS 1.3
    ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
    ['TLS_AES_256_GCM_SHA384', 'TLS_AES_256_GCM_SHA384'],
    ['TLS_CHACHA20_POLY1305_SHA256', 'TLS_CHACHA20_POLY1305_SHA256'],
    ['TLS_DH_anon_WITH_AES_256_GCM_SHA384', 'TLS_DH_anon_WITH_AES_256_GCM_SHA384'],
    // rustls / Stalwart
    ['TLS13_AES_256_GCM_SHA384', 'TLS_AES_256_GCM_SHA384'],
    // BoringSSL
    ['AEAD-AES128-GCM-SHA256', 'TLS_AES_128_GCM_SHA256'],
    // GnuTLS (Exim with GnuTLS, Courier)
    ['ECDHE_RSA_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
    ['DHE_RSA_3DES_EDE_CBC_SHA', 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
    ['DHE_RSA_3DES_EDE_CBC_SHA1', 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
    ['TLS_RSA_ARCFOUR_128_SHA1', 'TLS_RSA_WITH_RC4_128_SHA'],
    ['TLS_ECDHE_RSA_CHACHA20_POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
    // SChannel curve suffix
    ['TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384'],
    // MECSA's short forms
    ['DHE_RSA_AES_256_SHA', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA'],
    ['RSA_AES_128_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA'],
    ['AES_256_SHA', 'TLS_RSA_WITH_AES_256_CBC_SHA'],
    ['AECDH_AES256_SHA', 'TLS_ECDH_anon_WITH_AES_256_CBC_SHA'],
    ['ECDHE_RSA_CHACHA20_POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeCipherName(raw)).toBe(expected);
  });

  it.each(['', 'OTHER', 'TLS', 'TLSv1.3', 'banana', 'TLS_ECDHE_RSA'])('rejects %s', (raw) => {
    expect(normalizeCipherName(raw)).toBeNull();
  });

  it('gives the oldest protocol a suite can run on', () => {
    expect(minimumTlsVersion('TLS_AES_128_GCM_SHA256')).toBe('TLSv1.3');
    expect(minimumTlsVersion('ECDHE-RSA-AES128-GCM-SHA256')).toBe('TLSv1.2');
    expect(minimumTlsVersion('ECDHE-RSA-AES256-SHA384')).toBe('TLSv1.2');
    expect(minimumTlsVersion('ECDHE-ECDSA-AES128-SHA')).toBeNull();
    expect(minimumTlsVersion('DES-CBC3-SHA')).toBeNull();
    expect(minimumTlsVersion('OTHER')).toBeNull();
  });

  it('maps back to OpenSSL names for the probe', () => {
    expect(toOpenSslCipherName('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384')).toBe(
      'ECDHE-RSA-AES256-GCM-SHA384',
    );
    expect(toOpenSslCipherName('TLS13_AES_128_GCM_SHA256')).toBe('TLS_AES_128_GCM_SHA256');
    expect(toOpenSslCipherName('nonsense')).toBeNull();
  });
});

// Rows of MECSA (IEEE Access 2020) tables 1 (inbound) and 3 (outbound): version, suite, class.
const MECSA_ROWS: [string, string, SecurityClass][] = [
  ['TLSv1.2', 'ECDHE_RSA_AES_256_GCM_SHA384', 'recommended'],
  ['TLSv1.2', 'ECDHE_RSA_CHACHA20_POLY1305', 'recommended'],
  ['TLSv1.2', 'DHE_RSA_AES_256_GCM_SHA384', 'recommended'],
  ['TLSv1.2', 'ECDHE_RSA_AES_128_GCM_SHA256', 'recommended'],
  ['TLSv1.2', 'ECDHE_RSA_AES_256_CBC_SHA384', 'secure'],
  ['SSLv3', 'DHE_RSA_AES_256_SHA', 'obsolete'],
  ['TLSv1.2', 'ECDHE_ECDSA_AES_256_GCM_SHA384', 'recommended'],
  ['TLSv1.2', 'DHE_RSA_CAMELLIA_256_CBC_SHA256', 'secure'],
  ['TLSv1.2', 'RSA_AES_256_GCM_SHA384', 'secure'],
  ['SSLv3', 'RSA_AES_128_SHA', 'obsolete'],
  ['TLSv1.0', 'ECDHE_RSA_AES_256_CBC_SHA', 'obsolete'],
  ['TLSv1.2', 'DHE_RSA_AES_256_CBC_SHA256', 'secure'],
  ['SSLv3', 'RSA_AES_256_SHA', 'obsolete'],
  ['TLSv1.2', 'ECDHE_ECDSA_CHACHA20_POLY1305', 'recommended'],
  ['TLSv1.2', 'ECDHE_ECDSA_AES_128_GCM_SHA256', 'recommended'],
  // table 3
  ['TLSv1.2', 'AECDH_AES_256_CBC_SHA', 'insecure'],
  ['TLSv1.2', 'ADH_AES_256_GCM_SHA384', 'insecure'],
  ['TLSv1.0', 'ECDHE_RSA_AES_256_SHA', 'obsolete'],
  ['TLSv1.2', 'ECDHE_RSA_AES_256_CBC_SHA', 'secure'],
  ['TLSv1.1', 'ECDHE_RSA_AES_256_CBC_SHA', 'obsolete'],
  ['TLSv1.2', 'ECDHE_RSA_AES_128_CBC_SHA256', 'secure'],
  ['TLSv1.2', 'RSA_RC4_128_SHA', 'insecure'],
  ['TLSv1.0', 'DHE_RSA_AES_256_SHA', 'obsolete'],
  ['TLSv1.0', 'AES_256_SHA', 'obsolete'],
];

describe('classification against MECSA tables 1 and 3', () => {
  it.each(MECSA_ROWS)('%s %s → %s', (version, suite, expected) => {
    expect(normalizeCipherName(suite)).not.toBeNull();
    expect(classifyTls(version, suite)).toBe(expected);
  });

  it('deliberately keeps anonymous suites insecure on TLS 1.0 (MECSA says obsolete)', () => {
    expect(classifyTls('TLSv1.0', 'ADH_AES_256_CBC_SHA')).toBe('insecure');
    expect(classifyTls('TLSv1.0', 'AECDH_AES256_SHA')).toBe('insecure');
  });
});

describe('classifyCipher', () => {
  it.each([
    ['TLS_AES_256_GCM_SHA384', 'recommended'],
    ['TLS_AES_128_GCM_SHA256', 'recommended'],
    ['TLS_AES_128_CCM_8_SHA256', 'secure'],
    ['ECDHE-ECDSA-AES256-CCM', 'recommended'],
    ['ECDHE-ECDSA-AES256-CCM8', 'secure'],
    ['ECDHE-ARIA256-GCM-SHA384', 'secure'],
    ['AES128-SHA', 'secure'],
    ['DES-CBC3-SHA', 'obsolete'],
    ['IDEA-CBC-SHA', 'obsolete'],
    ['RC4-MD5', 'insecure'],
    ['NULL-SHA256', 'insecure'],
    ['EXP-RC4-MD5', 'insecure'],
    ['DES-CBC-SHA', 'insecure'],
    ['ADH-AES128-GCM-SHA256', 'insecure'],
  ] as const)('%s → %s', (suite, expected) => {
    expect(classifyCipher(suite)).toBe(expected);
  });

  it('returns null for unknown names', () => {
    expect(classifyCipher('OTHER')).toBeNull();
    expect(classifyCipher(undefined)).toBeNull();
  });

  it('describes suites', () => {
    expect(cipherSuiteInfo('ECDHE-RSA-AES256-GCM-SHA384')).toEqual({
      iana: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      keyExchange: 'ECDHE_RSA',
      bulk: 'AES_256_GCM_SHA384',
      tls13Only: false,
      forwardSecret: true,
      aead: true,
      class: 'recommended',
    });
    expect(cipherSuiteInfo('TLS_AES_128_GCM_SHA256')?.tls13Only).toBe(true);
  });
});

describe('classifyTlsVersion and classifyTls', () => {
  it.each([
    ['TLSv1.3', 'recommended'],
    ['TLS1_2', 'recommended'],
    ['TLSv1.1', 'obsolete'],
    ['TLSv1', 'obsolete'],
    ['SSLv3', 'obsolete'],
    ['SSLv2', 'insecure'],
  ] as const)('%s → %s', (v, expected) => {
    expect(classifyTlsVersion(v)).toBe(expected);
  });

  it('decides from the version alone only when the version settles it', () => {
    expect(classifyTls('TLSv1.3', null)).toBe('recommended');
    expect(classifyTls('TLSv1.0', null)).toBe('obsolete');
    expect(classifyTls('TLSv1.2', null)).toBeNull();
    expect(classifyTls(null, null)).toBeNull();
    expect(classifyTls(null, 'RC4-SHA')).toBe('insecure');
  });

  it('worseClass ignores unknowns and orders insecure below obsolete', () => {
    expect(worseClass(null, 'secure')).toBe('secure');
    expect(worseClass('obsolete', 'insecure')).toBe('insecure');
    expect(worseClass('recommended', 'secure')).toBe('secure');
  });
});

describe('NCSC levels (Internet.nl)', () => {
  it.each([
    ['TLS_AES_256_GCM_SHA384', 'good'],
    ['TLS_CHACHA20_POLY1305_SHA256', 'good'],
    ['TLS_AES_128_GCM_SHA256', 'sufficient'],
    ['ECDHE-RSA-AES128-GCM-SHA256', 'sufficient'],
    ['ECDHE-ECDSA-AES256-CCM', 'sufficient'],
    ['ECDHE-RSA-AES256-SHA384', 'phase-out'],
    ['ECDHE-RSA-CAMELLIA256-SHA384', 'phase-out'],
    ['DHE-RSA-AES256-GCM-SHA384', 'phase-out'],
    ['AES256-GCM-SHA384', 'insufficient'],
    ['RC4-SHA', 'insufficient'],
  ] as const)('%s → %s', (suite, expected) => {
    expect(ncscCipherLevel(suite)).toBe(expected);
  });

  it('grades versions', () => {
    expect(ncscVersionLevel('TLSv1.3')).toBe('good');
    expect(ncscVersionLevel('TLS1_2')).toBe('sufficient');
    expect(ncscVersionLevel('TLSv1.1')).toBe('insufficient');
    expect(ncscVersionLevel('nope')).toBeNull();
  });
});
