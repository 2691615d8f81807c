// TLSA conformance, derived from RFC 6698 §2.1 (RDATA fields), §2.2 (presentation format), §2.3
// (examples), RFC 7218 (acronyms) and RFC 7672 §3.1.3 (usages for SMTP). The DNS check and the
// probe judge a record with the same function; both are asserted. Each row cites its section.

import packet from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { toRecordData } from '../../../lib/dns/rdata.ts';
import { parseTlsaPresentation, tlsaAcronyms, tlsaUnusable } from '../../../lib/dns/tlsa-record.ts';
import type { TlsaRecord } from '../../../lib/dns/types.ts';
import { assessDane } from '../../../lib/probe/dane.ts';

const SHA256 = 'd2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971';
const SHA512 =
  '92003ba34942dc74152e2f2c408d29eca5a520e7f2e06bb944f4dca346baf63c1b177615d466f6c4b71c216a50292bd58c9ebdd2f74e38fe51ffd48c43326cbc';
const rec = (usage: number, selector: number, matchingType: number, data: string): TlsaRecord => ({
  usage,
  selector,
  matchingType,
  data,
});

describe('RFC 6698 §2.2 presentation format and the §2.3 examples', () => {
  it.each([
    [
      `0 0 1 ${SHA256.slice(0, 32)}\n      ${SHA256.slice(32)}`,
      rec(0, 0, 1, SHA256),
      '§2.3 first example, hex split by whitespace',
    ],
    [
      `( 1 1 2 ${SHA512.slice(0, 64)}\n ${SHA512.slice(64)} )`,
      rec(1, 1, 2, SHA512),
      '§2.3 second example, in parentheses',
    ],
    [
      '3 0 0 30820307308201efa003020102020',
      null,
      '§2.3 third example is truncated in the RFC: odd hex is refused',
    ],
    ['3 0 0 3082030730', rec(3, 0, 0, '3082030730'), '§2.3 third example shape (Full certificate)'],
    [`3 1 1 ${SHA256.toUpperCase()}`, rec(3, 1, 1, SHA256), '§2.2 hex in either case'],
    [`255 255 255 ab`, rec(255, 255, 255, 'ab'), '§2.1 fields are one octet each'],
  ] as [string, TlsaRecord | null, string][])('%j (%s)', (text, expected) => {
    expect(parseTlsaPresentation(text)).toEqual(expected);
  });

  it.each([
    [`256 1 1 ${SHA256}`, '§2.1.1 usage is one octet'],
    [`3 1 ${SHA256}`, '§2.2 four fields'],
    [`DANE-EE SPKI SHA2-256 ${SHA256}`, 'RFC 7218 acronyms are for discussion, not master files'],
    ['3 1 1', '§2.2 association data is present'],
    ['3 1 1 xyz0', '§2.2 hexadecimal'],
    ['03 1 1 ab', '§2.2 unsigned decimal integer without leading zero'],
  ])('%j is refused (%s)', (text) => {
    expect(parseTlsaPresentation(text)).toBeNull();
  });
});

describe('RFC 7218 acronyms', () => {
  it.each([
    [rec(0, 0, 0, ''), 'PKIX-TA Cert Full'],
    [rec(1, 1, 1, ''), 'PKIX-EE SPKI SHA2-256'],
    [rec(2, 0, 2, ''), 'DANE-TA Cert SHA2-512'],
    [rec(3, 1, 1, ''), 'DANE-EE SPKI SHA2-256'],
    [rec(255, 255, 255, ''), 'PrivCert PrivSel PrivMatch'],
    [rec(4, 2, 3, ''), '4 2 3'],
  ])('%j → %s', (r, text) => {
    expect(tlsaAcronyms(r)).toBe(text);
  });
});

describe('RFC 6698 §2.1 / RFC 7672 §3.1.3: which records an SMTP client uses', () => {
  it.each([
    [rec(3, 1, 1, SHA256), 'DANE-EE SPKI SHA2-256'],
    [rec(3, 0, 2, SHA512), 'DANE-EE Cert SHA2-512'],
    [rec(2, 0, 1, SHA256), 'DANE-TA Cert SHA2-256'],
    [rec(2, 1, 0, '3059301306072a'), 'DANE-TA SPKI Full (RFC 7671 §5.2.2 anchor in DNS)'],
    [rec(3, 0, 0, '30820307'), 'DANE-EE Cert Full'],
  ])('%j is usable (%s)', (r) => {
    expect(tlsaUnusable(r)).toBeNull();
  });

  it.each([
    [rec(0, 0, 1, SHA256), 'pkix-usage', 'RFC 7672 §3.1.3: PKIX-TA unsuitable'],
    [rec(1, 1, 1, SHA256), 'pkix-usage', 'RFC 7672 §3.1.3: PKIX-EE unsuitable'],
    [rec(4, 1, 1, SHA256), 'unknown-parameter', '§2.1.1 unassigned usage'],
    [rec(255, 1, 1, SHA256), 'unknown-parameter', 'RFC 7218 PrivCert: private, not ours'],
    [rec(3, 2, 1, SHA256), 'unknown-parameter', '§2.1.2 selector 0 or 1'],
    [rec(3, 1, 3, SHA256), 'unknown-parameter', '§2.1.3 matching type 0, 1 or 2'],
    [rec(3, 1, 1, SHA256.slice(2)), 'bad-digest-length', '§2.1.4 SHA-256 is 32 octets'],
    [rec(3, 1, 2, SHA256), 'bad-digest-length', '§2.1.4 SHA-512 is 64 octets'],
    [rec(3, 1, 0, ''), 'bad-data', '§2.1.4 a Full association is the DER structure, not empty'],
    [rec(3, 1, 0, '0102'), 'bad-data', '§2.1.4 Full SPKI is a DER SEQUENCE'],
    [rec(3, 1, 1, `${SHA256.slice(1)}z`), 'bad-data', '§2.2 hex octets'],
  ])('%j → %s (%s)', (r, kind) => {
    expect(tlsaUnusable(r)?.kind).toBe(kind);
  });

  it('§2.1: a TLSA RDATA of only the three octets decodes to empty data, unusable for check and probe alike', () => {
    const buf = packet.encode({
      type: 'response',
      id: 1,
      answers: [
        {
          type: 'TLSA',
          name: '_25._tcp.mx.example.com',
          data: { usage: 3, selector: 1, matchingType: 0, certificate: Buffer.alloc(0) },
        },
      ],
    });
    const decoded = packet.decode(buf).answers?.[0];
    const r = toRecordData('TLSA', decoded as never);
    expect(r).toEqual(rec(3, 1, 0, ''));
    expect(tlsaUnusable(r as TlsaRecord)?.kind).toBe('bad-data');
    const report = assessDane({
      tlsa: {
        name: '_25._tcp.mx.example.com',
        type: 'TLSA',
        status: 'noerror',
        records: [r as TlsaRecord],
        authenticData: true,
        cnameChain: [],
        ttl: 300,
        resolver: 'fake',
      },
      baseDomain: 'mx.example.com',
      mxSecure: true,
      chain: [],
      tlsNegotiated: false,
      referenceNames: ['mx.example.com'],
      now: new Date(),
    } as never);
    expect(report.records[0]?.unusableReason).toMatch(/association data/);
  });
});
