import { describe, expect, it } from 'vitest';
import { parseSpf } from '../../../lib/checks/spf/spf-syntax.ts';

const errorCodes = (record: string) => parseSpf(record).errors.map((e) => e.code);

describe('SPF syntax (RFC 7208 §12)', () => {
  it.each([
    'v=spf1 -all',
    'v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 ip6:2001:db8::/32 ip6:::1 ip6:2001:db8::192.0.2.1 ~all',
    'v=spf1 a mx a:mail.example.com/24 mx:example.com//64 a/24//64 ?all',
    'v=spf1 include:_spf.example.com exists:%{i}._spf.%{d} ptr ptr:example.com -all',
    'v=spf1 redirect=_spf.example.com',
    'v=spf1 exp=explain._spf.%{d} -all',
    'v=spf1 unknown-mod=anything -all',
    'v=spf1 include:%{d2r}.example.com -all',
    'V=SPF1   +all  ',
    'v=spf1',
  ])('accepts %s', (record) => {
    expect(errorCodes(record)).toEqual([]);
  });

  it.each([
    ['v=spf1 foo -all', 'spf.syntax.unknown-mechanism'],
    ['v=spf1 all:example.com', 'spf.syntax.unknown-mechanism'],
    ['v=spf1 a;example.com -all', 'spf.syntax.unknown-mechanism'],
    ['v=spf1 ip4:192.0.2.256 -all', 'spf.syntax.bad-ip4'],
    ['v=spf1 ip4 -all', 'spf.syntax.bad-ip4'],
    ['v=spf1 ip4:2001:db8::1 -all', 'spf.syntax.bad-ip4'],
    ['v=spf1 ip6:2001:db8:::1 -all', 'spf.syntax.bad-ip6'],
    ['v=spf1 ip6:1:2:3:4:5:6:7:8:9 -all', 'spf.syntax.bad-ip6'],
    ['v=spf1 ip6:192.0.2.1 -all', 'spf.syntax.bad-ip6'],
    ['v=spf1 ip4:192.0.2.0/33 -all', 'spf.syntax.bad-cidr'],
    ['v=spf1 ip6:2001:db8::/129 -all', 'spf.syntax.bad-cidr'],
    ['v=spf1 a/40 -all', 'spf.syntax.bad-cidr'],
    ['v=spf1 mx//200 -all', 'spf.syntax.bad-cidr'],
    ['v=spf1 include: -all', 'spf.syntax.bad-domain-spec'],
    ['v=spf1 include -all', 'spf.syntax.bad-domain-spec'],
    ['v=spf1 include:_spf.google.com~all', 'spf.syntax.bad-domain-spec'],
    ['v=spf1 include:localhost -all', 'spf.syntax.bad-domain-spec'],
    ['v=spf1 exists:foo.123 -all', 'spf.syntax.bad-domain-spec'],
    ['v=spf1 include:%{z}.example.com -all', 'spf.syntax.bad-macro'],
    ['v=spf1 exists:%{i.example.com -all', 'spf.syntax.bad-macro'],
    ['v=spf1 foo=%{q} -all', 'spf.syntax.bad-modifier'],
    ['v=spf1 redirect=a.example.com redirect=b.example.com', 'spf.syntax.duplicate-modifier'],
    ['v=spf1 exp=a.example.com exp=b.example.com -all', 'spf.syntax.duplicate-modifier'],
    ['v=spf1 redirect=not_a_domain', 'spf.syntax.bad-domain-spec'],
    ['v=spf1 ip4:192.0.2.1\t-all', 'spf.syntax.non-ascii'],
    ['v=spf1 include:exämple.com -all', 'spf.syntax.non-ascii'],
  ])('rejects %s with %s', (record, code) => {
    expect(errorCodes(record)).toContain(code);
  });

  it('parses qualifiers and targets', () => {
    const { terms } = parseSpf('v=spf1 ~include:a.example.com ?mx:b.example.com/24 -all');
    expect(terms).toMatchObject([
      { name: 'include', qualifier: '~', target: 'a.example.com' },
      { name: 'mx', qualifier: '?', target: 'b.example.com' },
      { name: 'all', qualifier: '-' },
    ]);
  });
});
