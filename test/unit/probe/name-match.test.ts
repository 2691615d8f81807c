import { describe, expect, it } from 'vitest';
import {
  classifyNameMatch,
  matchesHostPattern,
  presentedNames,
} from '../../../lib/probe/name-match.ts';

describe('matchesHostPattern (RFC 6125 / RFC 8461 wildcard rule)', () => {
  it.each([
    ['mx.example.com', 'mx.example.com', true],
    ['MX.Example.COM.', 'mx.example.com', true],
    ['*.example.com', 'mx.example.com', true],
    ['*.example.com', 'example.com', false],
    // mailauth's validateMx accepts any depth; the RFC does not.
    ['*.example.com', 'a.b.example.com', false],
    // checkdmarc's unanchored regex matches this; it must not.
    ['mx.example.com', 'mx.example.com.attacker.net', false],
    ['*.example.com', 'mx.example.com.attacker.net', false],
    ['mx*.example.com', 'mx1.example.com', false],
    ['*.com', 'example.com', false],
    ['*', 'example', false],
    ['a.*.example.com', 'a.b.example.com', false],
  ])('%s vs %s → %s', (pattern, host, expected) => {
    expect(matchesHostPattern(pattern, host)).toBe(expected);
  });
});

describe('classifyNameMatch (domain / mx / none split)', () => {
  it('prefers the mail domain', () => {
    expect(
      classifyNameMatch(['example.com', 'mx.example.com'], 'example.com', 'mx.example.com')
        .hostnameMatch,
    ).toBe('domain');
  });
  it('falls back to the MX host', () => {
    const result = classifyNameMatch(['*.example.com'], 'example.com', 'mx.example.com');
    expect(result).toEqual({ hostnameMatch: 'mx', matchesDomain: false, matchesMxHost: true });
  });
  it('says none for a certificate for another name', () => {
    expect(
      classifyNameMatch(['mail.other.net'], 'example.com', 'mx.example.com').hostnameMatch,
    ).toBe('none');
  });
});

describe('presentedNames', () => {
  it('uses DNS SANs and ignores the CN when SANs exist', () => {
    expect(
      presentedNames(
        'DNS:mx.example.com, IP Address:192.0.2.1, DNS:*.example.com',
        'CN=other.example',
      ),
    ).toEqual(['mx.example.com', '*.example.com']);
  });
  it('falls back to the CN without DNS SANs', () => {
    expect(presentedNames(undefined, 'C=NL\nCN=mx.example.com')).toEqual(['mx.example.com']);
  });
});
