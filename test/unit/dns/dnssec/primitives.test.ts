// The building blocks, each against its RFC text.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../../lib/dns/dnssec/message.ts';
import { compareNames, nameToString, parseName } from '../../../../lib/dns/dnssec/names.ts';
import { keyTag } from '../../../../lib/dns/dnssec/records.ts';
import { serialLte, serialToDate } from '../../../../lib/dns/dnssec/rrsig.ts';
import { parseAnchorText, ROOT_TRUST_ANCHOR } from '../../../../lib/dns/dnssec/trust-anchor.ts';
import { dnskeyRdata, makeKey, tagOf } from './fake-zones.ts';

describe('canonical name order (RFC 4034 §6.1)', () => {
  it('sorts the RFC example list exactly as printed', () => {
    // The example of RFC 4034 §6.1, in its canonical order.
    const ordered = [
      'example',
      'a.example',
      'yljkjljk.a.example',
      'Z.a.example',
      'zABC.a.EXAMPLE',
      'z.example',
      '\\001.z.example',
      '*.z.example',
      '\\200.z.example',
    ];
    const shuffled = [...ordered].reverse().map(parseName);
    const sorted = shuffled.sort(compareNames).map(nameToString);
    expect(sorted).toEqual(ordered.map((n) => nameToString(parseName(n))));
  });
});

describe('serial number arithmetic (RFC 1982 §3.2)', () => {
  it('compares across the 2^32 wrap', () => {
    expect(serialLte(0xfffffff0, 5)).toBe(true);
    expect(serialLte(5, 0xfffffff0)).toBe(false);
    expect(serialLte(7, 7)).toBe(true);
  });
  it('maps a serial time to the nearest instant', () => {
    const now = Date.UTC(2106, 1, 8);
    const serial = (Math.floor(now / 1000) + 60) % 2 ** 32;
    expect(serialToDate(serial, now).getTime()).toBe(now + 60_000);
  });
});

describe('key tag (RFC 4034 Appendix B)', () => {
  it('matches an independent computation over generated keys', async () => {
    for (const alg of [8, 13, 15] as const) {
      const key = await makeKey(alg);
      expect(keyTag(new Uint8Array(dnskeyRdata(key)))).toBe(tagOf(dnskeyRdata(key)));
    }
  });
});

describe('trust anchor', () => {
  it('ships the IANA root KSKs 20326 and 38696 (RSA/SHA-256, SHA-256 DS)', () => {
    expect(ROOT_TRUST_ANCHOR.zone).toEqual([]);
    expect(
      ROOT_TRUST_ANCHOR.ds.map((d) => [d.keyTag, d.algorithm, d.digestType, d.digest.length]),
    ).toEqual([
      [20326, 8, 2, 32],
      [38696, 8, 2, 32],
    ]);
  });
  it('reads a DNSKEY-form anchor like the lab writes for unbound', () => {
    const anchor = parseAnchorText('lab.\t3600\tIN\tDNSKEY\t257 3 13 AQID BAUG\n');
    expect(anchor && nameToString(anchor.zone)).toBe('lab.');
    expect(Array.from(anchor?.keys?.[0] ?? [])).toEqual([1, 1, 3, 13, 1, 2, 3, 4, 5, 6]);
  });
  it('reads DS lines', () => {
    const anchor = parseAnchorText(
      '. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D',
    );
    expect(anchor?.ds[0]?.keyTag).toBe(20326);
  });
});

describe('message reader', () => {
  it('rejects a record whose RDLENGTH runs past the end', () => {
    const bytes = new Uint8Array([
      0, 0, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0,
    ]);
    expect(() => parseMessage(bytes)).toThrow(/RDATA runs past/);
  });
  it('expands a compressed MX target into canonical lowercase RDATA (RFC 4034 §6.2)', () => {
    // example. MX 10 MAIL.<pointer to example>
    const q = [7, ...Buffer.from('EXAMPLE'), 0];
    const bytes = new Uint8Array([
      0,
      0,
      0x81,
      0x80,
      0,
      1,
      0,
      1,
      0,
      0,
      0,
      0,
      ...q,
      0,
      15,
      0,
      1,
      0xc0,
      12,
      0,
      15,
      0,
      1,
      0,
      0,
      0,
      60,
      0,
      9,
      0,
      10,
      4,
      ...Buffer.from('MAIL'),
      0xc0,
      12,
    ]);
    const m = parseMessage(bytes);
    expect(Array.from(m.answer[0]?.rdata ?? [])).toEqual([
      0,
      10,
      4,
      ...Buffer.from('mail'),
      7,
      ...Buffer.from('example'),
      0,
    ]);
  });
});
