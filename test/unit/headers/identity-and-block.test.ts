import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charCodes } from '../../../lib/headers/char-codes.ts';
import { isoFromMs, parseMailDate, parseMailDateIn } from '../../../lib/headers/date.ts';
import {
  decodeEncodedWords,
  MAX_HEADERS,
  splitHeaderBlock,
} from '../../../lib/headers/header-block.ts';
import { aligned, organizationalDomain, parseAddressList } from '../../../lib/headers/identity.ts';
import { analyzeHeaders } from '../../../lib/headers/index.ts';

describe('splitHeaderBlock', () => {
  it('unfolds CRLF and LF, stops at the empty line, skips an mbox From line', () => {
    const b = splitHeaderBlock(
      'From sender@x Tue Mar  3 18:00:00 2026\nSubject: a\r\n  b\r\nX-Y:\tc\n\td\n\nBody: no\n',
    );
    expect(b.fields.map((f) => [f.name, f.value])).toEqual([
      ['subject', 'a b'],
      ['x-y', 'c d'],
    ]);
  });

  it('keeps 8-bit bytes (Latin-1) and never throws on junk lines', () => {
    const b = splitHeaderBlock(
      Uint8Array.from(
        [...'Subject: caf', 0xe9, 10, ...'junk line\nA: b\n'].map((c) =>
          typeof c === 'string' ? c.charCodeAt(0) : c,
        ),
      ),
    );
    expect(b.fields[0]?.value).toBe('café');
    expect(b.fields[1]?.name).toBe('a');
    expect(b.warnings.join()).toMatch(/malformed/);
  });

  it('caps the number of fields', () => {
    const b = splitHeaderBlock('X: y\n'.repeat(MAX_HEADERS + 50));
    expect(b.fields).toHaveLength(MAX_HEADERS);
    expect(b.truncated).toBe(true);
  });

  it('decodes RFC 2047 encoded words', () => {
    expect(decodeEncodedWords('=?windows-1251?B?zeDx7vH7?= <a@b>')).toBe('Насосы <a@b>');
    expect(decodeEncodedWords('=?UTF-8?Q?caf=C3=A9?= =?UTF-8?Q?_bar?=')).toBe('café bar');
    expect(decodeEncodedWords('plain')).toBe('plain');
  });
});

describe('parseMailDate', () => {
  it.each([
    ['Mon,  7 Sep 2020 17:43:49 +0200 (CEST)', Date.UTC(2020, 8, 7, 15, 43, 49)],
    ['30 Jun 2022 22:27:07 -0000', Date.UTC(2022, 5, 30, 22, 27, 7)],
    ['Wed, 26 Mar 03 20:43:24 -0600', Date.UTC(2003, 2, 27, 2, 43, 24)],
    ['Fri Feb 07 10:18:12 2003 -0800', Date.UTC(2003, 1, 7, 18, 18, 12)],
    ['Fri, 06 Nov 2020 12:54:00 GMT', Date.UTC(2020, 10, 6, 12, 54, 0)],
    ['Thu, 13 Mar 2003 15:23:15 EST', Date.UTC(2003, 2, 13, 20, 23, 15)],
    ['2018-04-22 02:54:17.028704749 +0000 UTC', Date.UTC(2018, 3, 22, 2, 54, 17)],
    // two-digit years: 00–49 are 20xx, 50–99 are 19xx (RFC 5322 §4.3)
    ['Thu, 9 Oct 97 12:34:56 -0400', Date.UTC(1997, 9, 9, 16, 34, 56)],
    ['Tue, 1 Jan 30 00:00:00 EST', Date.UTC(2030, 0, 1, 5, 0, 0)],
    ['9 Oct 97 12:34 edt', Date.UTC(1997, 9, 9, 16, 34, 0)],
  ])('%s', (text, expected) => {
    expect(parseMailDate(text)).toBe(expected);
  });

  it('isoFromMs equals Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), (ms) => {
        expect(isoFromMs(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
    expect(isoFromMs(Date.UTC(2024, 1, 29, 23, 59, 59))).toBe('2024-02-29T23:59:59.000Z');
  });

  it('reads a date in place exactly as the same text on its own', () => {
    const one = (...choices: string[]) => fc.constantFrom(...choices);
    // Dates of the usual shape, some parts cut short: a character read past the end would
    // complete them ("+020" then "0").
    const date = fc
      .tuple(
        one('', 'Mon, ', 'Tue ', 'Mar, '),
        one('7', '07', '3', ''),
        one(' Sep', ' mar', ' Se'),
        one(' 2020', ' 97', ' 202', ' 2'),
        one(' 17:43:49', ' 17:43', ' 17:4', ' 9:0', ' 17:43:4'),
        one(' +0200', ' -0700', ' +020', ' +', ' GMT', ' ES', ' EST', ''),
      )
      .map((parts) => parts.join(''));
    const edge = one('', ' ', '0', '00', '9', ':', '+', 'T', ';', '\u00a0');
    fc.assert(
      fc.property(edge, date, edge, (before, text, after) => {
        const s = before + text + after;
        const end = before.length + text.length;
        expect(parseMailDateIn(s, charCodes(s), before.length, end)).toBe(parseMailDate(text));
      }),
      { numRuns: 5000 },
    );
    const s = 'by x; Mon, 7 Sep 2020 17:43:49 +0200 (CEST)';
    expect(parseMailDateIn(s, charCodes(s), 6, 36)).toBe(Date.UTC(2020, 8, 7, 15, 43, 49));
  });

  it('returns null for junk', () => {
    expect(parseMailDate('yesterday')).toBeNull();
    expect(parseMailDate('')).toBeNull();
    expect(parseMailDate(undefined)).toBeNull();
  });
});

describe('identities and alignment (tldts public suffix list)', () => {
  it('parses address lists with display names, comments, groups and source routes', () => {
    expect(parseAddressList('"Doe, John" <john@a.example> (x), b@b.example')).toEqual([
      'john@a.example',
      'b@b.example',
    ]);
    expect(parseAddressList('<@test.com, @test.ru:test@attack.com>')).toEqual(['test@attack.com']);
    expect(parseAddressList('undisclosed: a@x.example, b@y.example;')).toEqual([
      'a@x.example',
      'b@y.example',
    ]);
  });

  it('computes organizational domains from the public suffix list', () => {
    expect(organizationalDomain('mail.example.co.uk')).toBe('example.co.uk');
    expect(organizationalDomain('a.b.google.com')).toBe('google.com');
    expect(organizationalDomain('localhost')).toBeNull();
  });

  it('relaxed and strict alignment', () => {
    expect(aligned('mail.example.com', 'example.com')).toEqual({ relaxed: true, strict: false });
    expect(aligned('example.com', 'EXAMPLE.com.')).toEqual({ relaxed: true, strict: true });
    expect(aligned('example.co.uk', 'other.co.uk')).toEqual({ relaxed: false, strict: false });
  });

  it('aligns trusted passing DKIM and SPF with the From domain', () => {
    const f = analyzeHeaders(
      [
        'Authentication-Results: mx.example.net; dkim=pass header.d=news.shop.example; spf=pass smtp.mailfrom=bounce@shop.example; dmarc=pass header.from=shop.example',
        'Received: from out.shop.example (out.shop.example [198.51.100.1]) by mx.example.net (Postfix) with ESMTPS id 1; Tue, 3 Mar 2026 18:00:00 +0000',
        'Return-Path: <bounce@shop.example>',
        'From: Shop <hello@shop.example>',
        '',
        '',
      ].join('\r\n'),
    );
    expect(f.from).toEqual({
      address: 'hello@shop.example',
      domain: 'shop.example',
      organizationalDomain: 'shop.example',
    });
    expect(f.envelopeFrom?.domain).toBe('shop.example');
    expect(f.alignment.dkim).toEqual({ relaxed: true, strict: false, domain: 'news.shop.example' });
    expect(f.alignment.spf).toEqual({ relaxed: true, strict: true, domain: 'shop.example' });
    expect(f.authentication.dmarc?.result).toBe('pass');
  });
});
