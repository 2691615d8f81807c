// SPF record and macro-string conformance, derived from RFC 7208 §4.5 (record selection), §4.6.1
// (term syntax), §5 (mechanisms), §6 (modifiers), §7.1 (macro ABNF), §7.3 (macro rules),
// §7.4 and Appendix A (examples), §12 (collected ABNF). Each row cites its section.
import { describe, expect, it } from 'vitest';
import { parseSpf, SPF_VERSION } from '../../../lib/checks/spf/spf-syntax.ts';

const errorCodes = (record: string) => parseSpf(record).errors.map((e) => e.code);
const targetOf = (record: string) => parseSpf(record).terms.find((t) => t.kind === 'mechanism');

describe('RFC 7208 §4.5 / §12 version: "v=spf1" then SP or the end', () => {
  it.each([
    ['v=spf1 -all', '§4.5'],
    ['V=SPF1 -all', '§12: "v=spf1" is a case-insensitive ABNF literal (RFC 5234 §2.3)'],
    ['v=spf1', '§4.5: the version alone is a record (no terms)'],
    ['v=spf1    -all   ', '§12 record = version terms *SP'],
  ])('%s is an SPF record (%s)', (record) => {
    expect(SPF_VERSION.test(record)).toBe(true);
    expect(errorCodes(record)).toEqual([]);
  });

  it.each([
    ['v=spf10 -all', '§4.5: "v=spf1" must be followed by SP or end the record'],
    ['v=spf1-all', '§4.5'],
    ['v=spf1\t-all', '§4.5/§12: the separator is SP, not HTAB'],
    [' v=spf1 -all', '§4.5: the record starts with the version'],
    ['spf2.0/pra -all', '§4.5: Sender ID records are not SPF records'],
  ])('%s is not an SPF record (%s)', (record) => {
    expect(SPF_VERSION.test(record)).toBe(false);
  });
});

describe('RFC 7208 §5 mechanisms: valid forms', () => {
  it.each([
    ['v=spf1 all', '§5.1 all'],
    ['v=spf1 +all', '§4.6.2 qualifier +'],
    ['v=spf1 -all', '§4.6.2 qualifier -'],
    ['v=spf1 ~all', '§4.6.2 qualifier ~'],
    ['v=spf1 ?all', '§4.6.2 qualifier ?'],
    ['v=spf1 ALL', '§12: mechanism names are case-insensitive'],
    ['v=spf1 include:example.com -all', '§5.2 include'],
    ['v=spf1 a -all', '§5.3 a'],
    ['v=spf1 a:example.com -all', '§5.3 a:domain-spec'],
    ['v=spf1 a/24 -all', '§5.3 a with ip4-cidr-length'],
    ['v=spf1 a//64 -all', '§5.3 a with ip6-cidr-length only'],
    ['v=spf1 a:example.com/24//64 -all', '§5.3 dual-cidr-length'],
    ['v=spf1 a/0 -all', '§5.6 ip4-cidr-length "0"'],
    ['v=spf1 mx -all', '§5.4 mx'],
    ['v=spf1 mx:example.com//128 -all', '§5.4 mx with ip6 cidr 128'],
    ['v=spf1 ptr -all', '§5.5 ptr'],
    ['v=spf1 ptr:example.com -all', '§5.5 ptr:domain-spec'],
    ['v=spf1 ip4:192.0.2.1 -all', '§5.6 ip4'],
    ['v=spf1 ip4:192.0.2.0/24 -all', '§5.6 ip4-network/cidr'],
    ['v=spf1 ip4:0.0.0.0/0 -all', '§5.6 qnum 0, cidr 0'],
    ['v=spf1 ip6:2001:db8::/32 -all', '§5.6 ip6'],
    ['v=spf1 ip6:::1 -all', '§5.6 ip6 (RFC 4291 compressed)'],
    ['v=spf1 ip6:::ffff:192.0.2.1/128 -all', '§5.6 ip6 with embedded IPv4'],
    ['v=spf1 exists:example.com -all', '§5.7 exists'],
  ])('%s (%s)', (record) => {
    expect(errorCodes(record)).toEqual([]);
  });

  it.each([
    ['v=spf1 foo -all', 'spf.syntax.unknown-mechanism', '§5: only the defined mechanisms'],
    ['v=spf1 all/24', 'spf.syntax.unknown-mechanism', '§5.1 all takes nothing'],
    ['v=spf1 *all', 'spf.syntax.unknown-mechanism', '§4.6.2 qualifier is one of + - ~ ?'],
    ['v=spf1 include -all', 'spf.syntax.bad-domain-spec', '§5.2 include needs ":" domain-spec'],
    ['v=spf1 exists -all', 'spf.syntax.bad-domain-spec', '§5.7 exists needs ":" domain-spec'],
    ['v=spf1 a: -all', 'spf.syntax.bad-domain-spec', '§5.3 ":" needs a domain-spec'],
    ['v=spf1 a/33 -all', 'spf.syntax.bad-cidr', '§5.6 ip4-cidr-length ≤ 32'],
    ['v=spf1 a/024 -all', 'spf.syntax.bad-cidr', '§5.6 ip4-cidr-length has no leading zero'],
    ['v=spf1 mx//129 -all', 'spf.syntax.bad-cidr', '§5.6 ip6-cidr-length ≤ 128'],
    ['v=spf1 ip4:192.0.2 -all', 'spf.syntax.bad-ip4', '§5.6 ip4-network has four qnums'],
    ['v=spf1 ip4:192.0.2.01 -all', 'spf.syntax.bad-ip4', '§5.6 qnum has no leading zero'],
    ['v=spf1 ip4:256.0.0.1 -all', 'spf.syntax.bad-ip4', '§5.6 qnum ≤ 255'],
    ['v=spf1 ip4 -all', 'spf.syntax.bad-ip4', '§5.6 ip4 needs ":" ip4-network'],
    ['v=spf1 ip6:2001:db8::1::2 -all', 'spf.syntax.bad-ip6', '§5.6 ip6-network (RFC 4291)'],
    ['v=spf1 ip6:2001:db8::/129 -all', 'spf.syntax.bad-cidr', '§5.6 ip6-cidr-length ≤ 128'],
    ['v=spf1 ip4:192.0.2.0/24/24 -all', 'spf.syntax.bad-cidr', '§5.6 one cidr length'],
  ])('%s → %s (%s)', (record, code) => {
    expect(errorCodes(record)).toContain(code);
  });
});

describe('RFC 7208 §7.1 domain-spec = macro-string domain-end', () => {
  it.each([
    [
      'v=spf1 a:foo:bar/baz.example.com -all',
      'foo:bar/baz.example.com',
      '§7.1 macro-literal is any VCHAR but "%"',
    ],
    ['v=spf1 include:_spf.example.com -all', '_spf.example.com', '§7.1 "_" is a macro-literal'],
    ['v=spf1 exists:a!b#c$d&e.example.com -all', 'a!b#c$d&e.example.com', '§7.1 %x21-24 / %x26-7E'],
    ['v=spf1 include:example.com. -all', 'example.com.', '§7.1 domain-end may end in "."'],
    ['v=spf1 include:x.123-4 -all', 'x.123-4', '§7.1 toplabel with a hyphen may be all digits'],
    ['v=spf1 include:x.a1 -all', 'x.a1', '§7.1 toplabel with a letter'],
    ['v=spf1 exists:%{d} -all', '%{d}', '§7.1 domain-end = macro-expand'],
    ['v=spf1 exists:%{i}.%{d} -all', '%{i}.%{d}', '§7.1 macro-string then macro-expand'],
    ['v=spf1 exists:%{d}.example.com -all', '%{d}.example.com', '§7.1 macro-expand then literal'],
  ])('%s → target %s (%s)', (record, target) => {
    expect(errorCodes(record)).toEqual([]);
    expect(targetOf(record)?.kind === 'mechanism' && targetOf(record)).toMatchObject({ target });
  });

  it('§7.1: a:foo:bar/baz.example.com/24 splits the ip4-cidr-length off the domain-spec', () => {
    expect(errorCodes('v=spf1 a:foo:bar/baz.example.com/24 -all')).toEqual([]);
    expect(targetOf('v=spf1 a:foo:bar/baz.example.com/24 -all')).toMatchObject({
      target: 'foo:bar/baz.example.com',
    });
  });

  it.each([
    ['v=spf1 include:localhost -all', '§7.1 domain-end needs "." toplabel'],
    ['v=spf1 include:example.123 -all', '§7.1 toplabel without a hyphen needs a letter'],
    ['v=spf1 include:example.-com -all', '§7.1 toplabel does not start with "-"'],
    ['v=spf1 include:example.com- -all', '§7.1 toplabel does not end with "-"'],
    ['v=spf1 include:example.com.. -all', '§7.1 at most one trailing "."'],
    [
      'v=spf1 include:_spf.google.com~all',
      '§7.1 "~" glued to the next term is part of the toplabel',
    ],
    ['v=spf1 include:%{d}x -all', '§7.1 after a macro, domain-end needs "." toplabel'],
  ])('%s → bad domain-spec (%s)', (record) => {
    expect(errorCodes(record)).toContain('spf.syntax.bad-domain-spec');
  });
});

describe('RFC 7208 §7.1 / §7.3 macro-expand', () => {
  it.each([
    ['%{s}', '§7.2 s'],
    ['%{l}', '§7.2 l'],
    ['%{o}', '§7.2 o'],
    ['%{d}', '§7.2 d'],
    ['%{i}', '§7.2 i'],
    ['%{p}', '§7.2 p'],
    ['%{v}', '§7.2 v'],
    ['%{h}', '§7.2 h'],
    ['%{D}', '§7.3: an upper-case letter means URL-escaped, still valid'],
    ['%{d2}', '§7.1 transformers *DIGIT'],
    ['%{d2r}', '§7.1 transformers *DIGIT ["r"]'],
    ['%{dR}', '§7.1 "r" is a case-insensitive literal'],
    ['%{l-}', '§7.1 delimiter "-"'],
    ['%{l1r+-}', '§7.1 several delimiters (Appendix A.4)'],
    ['%{d.-+,/_=}', '§7.1 every delimiter'],
    ['x%%y.%{d}', '§7.1 "%%" is a literal percent'],
    ['x%_y.%{d}', '§7.1 "%_" is a space'],
    ['x%-y.%{d}', '§7.1 "%-" is "%20"'],
  ])('exists:%s is valid (%s)', (spec) => {
    expect(errorCodes(`v=spf1 exists:${spec} -all`)).toEqual([]);
  });

  it.each([
    ['%{z}', 'spf.syntax.bad-macro', '§7.1 macro-letter is one of s l o d i p h c r t v'],
    ['%{d', 'spf.syntax.bad-macro', '§7.1 "}" closes the macro'],
    ['%{d0}', 'spf.syntax.bad-macro', '§7.3 a DIGIT transformer MUST be nonzero'],
    ['%{dx}', 'spf.syntax.bad-macro', '§7.1 only digits, "r" and delimiters follow the letter'],
    ['%{d;}', 'spf.syntax.bad-macro', '§7.1 ";" is not a delimiter'],
    ['50%.example.com', 'spf.syntax.bad-macro', '§7.1 a bare "%" is not a macro-literal'],
    ['%x.example.com', 'spf.syntax.bad-macro', '§7.1 "%" is followed by "{", "%", "_" or "-"'],
    ['%{c}.example.com', 'spf.syntax.exp-only-macro', '§7.3 c only in exp text'],
    ['%{r}.example.com', 'spf.syntax.exp-only-macro', '§7.3 r only in exp text'],
    ['%{t}.example.com', 'spf.syntax.exp-only-macro', '§7.3 t only in exp text'],
    ['%{T}.example.com', 'spf.syntax.exp-only-macro', '§7.3 c/r/t in either case'],
    ['x.%{c}', 'spf.syntax.exp-only-macro', '§7.3 also as the domain-end'],
  ])('exists:%s → %s (%s)', (spec, code) => {
    expect(errorCodes(`v=spf1 exists:${spec} -all`)).toContain(code);
  });

  it.each([
    ['v=spf1 redirect=%{c}.example.com', '§6.1 redirect = "redirect" "=" domain-spec'],
    [
      'v=spf1 exp=%{r}.example.com -all',
      '§6.2 exp = "exp" "=" domain-spec: the name, not the text',
    ],
    ['v=spf1 a:%{t}.example.com -all', '§5.3'],
    ['v=spf1 include:%{c}.example.com -all', '§5.2'],
  ])('%s → exp-only macro in a domain-spec is a permerror (%s)', (record) => {
    expect(errorCodes(record)).toContain('spf.syntax.exp-only-macro');
  });

  it('§7.4 / Appendix A.4 macro examples are valid domain-specs', () => {
    for (const spec of [
      '%{ir}.%{v}._spf.%{d2}',
      '%{lr-}.lp._spf.%{d2}',
      '%{lr-}.lp.%{ir}.%{v}._spf.%{d2}',
      '%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}',
      '%{d2}.trusted-domains.example.net',
      '%{ir}.%{l1r+-}._spf.%{d}',
      '%{l1r+-}._spf.%{d}',
    ])
      expect(errorCodes(`v=spf1 exists:${spec} -all`), spec).toEqual([]);
  });
});

describe('RFC 7208 §6 modifiers', () => {
  it.each([
    ['v=spf1 redirect=_spf.example.com', '§6.1 redirect'],
    ['v=spf1 -all exp=explain._spf.%{d}', '§6.2 exp (Appendix A.5 style)'],
    ['v=spf1 REDIRECT=_spf.example.com', '§12 modifier names are case-insensitive'],
    ['v=spf1 -all foo=bar', '§6: unknown modifiers are ignored'],
    ['v=spf1 -all x-y_z.w=%{c}', '§6/§12 unknown-modifier = name "=" macro-string (not expanded)'],
    ['v=spf1 -all foo=', '§12 macro-string may be empty'],
  ])('%s is valid (%s)', (record) => {
    expect(errorCodes(record)).toEqual([]);
  });

  it.each([
    [
      'v=spf1 redirect=a.example.com redirect=b.example.com',
      'spf.syntax.duplicate-modifier',
      '§6: redirect at most once',
    ],
    [
      'v=spf1 exp=a.example.com exp=b.example.com -all',
      'spf.syntax.duplicate-modifier',
      '§6: exp at most once',
    ],
    [
      'v=spf1 Redirect=a.example.com redirect=b.example.com',
      'spf.syntax.duplicate-modifier',
      '§6: names compared case-insensitively',
    ],
    ['v=spf1 redirect=', 'spf.syntax.bad-domain-spec', '§6.1 redirect needs a domain-spec'],
    [
      'v=spf1 foo=50% -all',
      'spf.syntax.bad-modifier',
      '§12 unknown-modifier value is a macro-string',
    ],
  ])('%s → %s (%s)', (record, code) => {
    expect(errorCodes(record)).toContain(code);
  });
});

describe('RFC 7208 Appendix A examples', () => {
  it.each([
    'v=spf1 +all',
    'v=spf1 a -all',
    'v=spf1 a:example.org -all',
    'v=spf1 mx -all',
    'v=spf1 mx:example.org -all',
    'v=spf1 mx mx:example.org -all',
    'v=spf1 mx/30 mx:example.org/30 -all',
    'v=spf1 ptr -all',
    'v=spf1 ip4:192.0.2.128/28 -all',
    'v=spf1 include:example.com include:example.net -all',
    'v=spf1 redirect=example.org',
    'v=spf1 mx -all exp=explain._spf.%{d}',
    'v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all',
    'v=spf1 -ip4:192.0.2.0/24 +all',
    'v=spf1 -ptr +all',
    'v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all',
  ])('%s parses without error', (record) => {
    expect(errorCodes(record)).toEqual([]);
  });
});
