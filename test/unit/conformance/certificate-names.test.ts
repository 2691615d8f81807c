// Certificate name matching conformance, derived from RFC 6125 §6.4 (DNS-ID matching, wildcards,
// CN-ID fallback), RFC 9525 §6.3 (its successor: wildcard only as the complete left-most label,
// A-labels), RFC 5280 §4.2.1.6 and RFC 1034 §3.5 (dNSName in preferred name syntax), and RFC 7672
// §3.2.3 (DANE-TA name checks use the same rules). Each row cites its section.
import { describe, expect, it } from 'vitest';
import {
  classifyNameMatch,
  matchesPresentedName,
  presentedNameProblem,
  presentedNames,
} from '../../../lib/probe/name-match.ts';

describe('RFC 6125 §6.4.1 / RFC 9525 §6.3: exact DNS-ID matching', () => {
  it.each([
    ['mx.example.com', 'mx.example.com', '§6.4.1 exact'],
    ['MX.Example.COM', 'mx.example.com', '§6.4.1 case-insensitive ASCII comparison'],
    ['mx.example.com', 'MX.EXAMPLE.COM', '§6.4.1 either side'],
    ['mx.example.com', 'mx.example.com.', 'a reference from DNS may carry the root dot'],
    ['1mx.example.com', '1mx.example.com', 'RFC 1123 §2.1: a label may start with a digit'],
  ])('%s matches %s (%s)', (presented, reference) => {
    expect(matchesPresentedName(presented, reference)).toBe(true);
  });

  it.each([
    [
      'mx.example.com.',
      'mx.example.com',
      'RFC 5280 §4.2.1.6 / RFC 1034 §3.5: no trailing dot in a dNSName',
    ],
    [
      'mx.example.com.',
      'mx.example.com.',
      'RFC 5280 §4.2.1.6: still malformed when the reference has one',
    ],
    ['mx.example.com', 'mx.example.com.evil.test', '§6.4.1 whole-name comparison'],
    ['example.com', 'mx.example.com', '§6.4.1 no suffix matching'],
    ['mx..example.com', 'mx..example.com', 'RFC 1034 §3.5: no empty label'],
    ['mx_1.example.com', 'mx_1.example.com', 'RFC 1034 §3.5: letters, digits, hyphen only'],
    ['-mx.example.com', '-mx.example.com', 'RFC 1034 §3.5: no leading hyphen'],
    ['mx-.example.com', 'mx-.example.com', 'RFC 1034 §3.5: no trailing hyphen'],
    [
      `${'a'.repeat(64)}.example.com`,
      `${'a'.repeat(64)}.example.com`,
      'RFC 1034 §3.1: labels ≤ 63',
    ],
    ['', 'mx.example.com', 'an empty name matches nothing'],
  ])('%s does not match %s (%s)', (presented, reference) => {
    expect(matchesPresentedName(presented, reference)).toBe(false);
  });
});

describe('RFC 6125 §6.4.3 / RFC 9525 §6.3: wildcards', () => {
  it.each([
    ['*.example.com', 'mx.example.com', '9525 §6.3 "*" as the complete left-most label'],
    ['*.EXAMPLE.com', 'Mx.example.COM', 'case-insensitive'],
    ['*.mail.example.co.uk', 'mx.mail.example.co.uk', 'deeper base under a multi-label suffix'],
    ['*.example.co.uk', 'mx.example.co.uk', 'the base is a registrable domain, not a suffix'],
    ['*.xn--bcher-kva.example', 'mx.bücher.example', 'an IDN base compared as A-labels'],
  ])('%s matches %s (%s)', (presented, reference) => {
    expect(matchesPresentedName(presented, reference)).toBe(true);
  });

  it.each([
    ['*.example.com', 'example.com', '§6.4.3 the wildcard stands for one label, not zero'],
    ['*.example.com', 'a.b.example.com', '9525 §6.3 one label only'],
    [
      'mx*.example.com',
      'mx1.example.com',
      '9525 §6.3 no partial-label wildcard (6125 allowed it as MAY)',
    ],
    ['*mx.example.com', 'amx.example.com', '9525 §6.3 no partial-label wildcard'],
    ['m*x.example.com', 'max.example.com', '9525 §6.3 no partial-label wildcard'],
    ['a.*.example.com', 'a.b.example.com', '§6.4.3 only the left-most label'],
    ['*.*.example.com', 'a.b.example.com', '§6.4.3 one wildcard, left-most'],
    ['*', 'example', '§6.4.3 a bare "*" matches nothing'],
    ['*.com', 'example.com', '§7.2 no wildcard on a public suffix'],
    ['*.co.uk', 'example.co.uk', '§7.2 no wildcard on a multi-label public suffix'],
    ['*.example', 'mx.example', '§7.2 an unknown single-label TLD counts as a suffix'],
    ['*.example.com.', 'mx.example.com', 'RFC 5280 §4.2.1.6 no trailing dot, wildcard or not'],
    ['xn--*.example.com', 'xn--bcher-kva.example.com', '6125 §6.4.3 no wildcard inside an A-label'],
  ])('%s does not match %s (%s)', (presented, reference) => {
    expect(matchesPresentedName(presented, reference)).toBe(false);
  });
});

describe('RFC 6125 §6.4.2 / RFC 9525 §6.3: internationalized names are compared as A-labels', () => {
  it.each([
    ['xn--bcher-kva.example', 'bücher.example', 'U-label reference converted to its A-label'],
    ['xn--bcher-kva.example', 'BÜCHER.example', 'UTS #46 mapping folds case first'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example', 'A-label against A-label'],
    ['XN--BCHER-KVA.example', 'bücher.example', 'A-labels compare case-insensitively'],
  ])('%s matches %s (%s)', (presented, reference) => {
    expect(matchesPresentedName(presented, reference)).toBe(true);
  });

  it.each([
    ['bücher.example', 'bücher.example', '9525 §6.3: a U-label in a dNSName is invalid'],
    ['bücher.example', 'xn--bcher-kva.example', 'even against the matching A-label'],
    ['xn--bcher-kva.example', 'bucher.example', 'ü is not u'],
  ])('%s does not match %s (%s)', (presented, reference) => {
    expect(matchesPresentedName(presented, reference)).toBe(false);
  });

  it('says why a presented name can never match', () => {
    expect(presentedNameProblem('mx.example.com.')).toMatch(/RFC 5280/);
    expect(presentedNameProblem('bücher.example')).toMatch(/U-label/);
    expect(presentedNameProblem('*.com')).toMatch(/public suffix/);
    expect(presentedNameProblem('mx.example.com')).toBeNull();
  });
});

describe('RFC 6125 §6.4.4: which names a certificate presents', () => {
  it('§6.4.4 DNS-IDs from subjectAltName; the CN is ignored when a DNS-ID exists', () => {
    expect(presentedNames('DNS:mx.example.com, DNS:*.example.net', 'CN=other.example')).toEqual([
      'mx.example.com',
      '*.example.net',
    ]);
  });

  it('keeps a trailing dot as presented, so that it fails to match', () => {
    const names = presentedNames('DNS:mx.example.com.', 'CN=mx.example.com');
    expect(names).toEqual(['mx.example.com.']);
    expect(classifyNameMatch(names, 'example.com', 'mx.example.com').hostnameMatch).toBe('none');
  });

  it('reads JSON-quoted SAN values (Node quotes values with special characters)', () => {
    expect(presentedNames('DNS:"a,b.example.com", DNS:mx.example.com', '')).toEqual([
      'a,b.example.com',
      'mx.example.com',
    ]);
  });

  it('§6.4.4 a URI-ID also rules the CN out', () => {
    expect(presentedNames('URI:https://mx.example.com/', 'CN=mx.example.com')).toEqual([]);
  });

  it('open: without DNS-IDs the CN is used (RFC 6125 §6.4.4, OpenSSL and Postfix); RFC 9525 drops CN-IDs: receivers differ', () => {
    expect(presentedNames(undefined, 'C=NL\nCN=mx.example.com')).toEqual(['mx.example.com']);
    expect(presentedNames('IP Address:192.0.2.1', 'CN=mx.example.com')).toEqual(['mx.example.com']);
  });
});
