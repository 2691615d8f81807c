// MTA-STS conformance, derived from RFC 8461 §3.1 (TXT record ABNF and discovery), §3.2 (policy
// ABNF, A-labels, unknown fields), §4.1 (mx matching) and the §3.1/§3.2 examples. One parser of
// the TXT record serves the DNS check and the probe; both are asserted here. Each row cites its
// section.
import { describe, expect, it } from 'vitest';
import { checkMtaStsRecord, parseStsRecord } from '../../../lib/checks/mta-sts-record.ts';
import { readStsRecord, selectStsRecords } from '../../../lib/checks/mta-sts-txt.ts';
import type { DnsAnswer } from '../../../lib/dns/types.ts';
import { matchingPattern } from '../../../lib/probe/mta-sts-mx-match.ts';
import { parseMtaStsPolicy } from '../../../lib/probe/mta-sts-policy.ts';
import { assessMtaStsRecord } from '../../../lib/probe/mta-sts-record.ts';
import { a, codes, fakeDns, txt } from '../checks/fake-zone.ts';

function answer(records: string[]): DnsAnswer<'TXT'> {
  return {
    name: '_mta-sts.example.com',
    type: 'TXT',
    status: 'noerror',
    records,
    authenticData: false,
    cnameChain: [],
    ttl: 300,
    resolver: 'fake',
  };
}

/** Both consumers of the one parser must agree on validity and id. */
function bothAgree(text: string): { valid: boolean; id: string | null } {
  const probe = assessMtaStsRecord(answer([text]));
  const check = parseStsRecord(text);
  expect(probe.valid).toBe(check.errors.length === 0);
  expect(probe.id).toBe(check.id ?? null);
  return { valid: probe.valid, id: probe.id };
}

describe('RFC 8461 §3.1 sts-text-record: valid records', () => {
  it.each([
    ['v=STSv1; id=20160831085700Z;', '20160831085700Z', '§3.1 the RFC example'],
    ['v=STSv1; id=20160831085700Z', '20160831085700Z', '§3.1 the trailing delimiter is optional'],
    ['v=STSv1;id=abc', 'abc', '§3.1 sts-field-delim = *WSP ";" *WSP: no space needed'],
    ['v=STSv1;\tid=abc\t;', 'abc', '§3.1 WSP includes HTAB'],
    [`v=STSv1; id=${'a'.repeat(32)}`, 'a'.repeat(32), '§3.1 sts-id is at most 32 characters'],
    ['v=STSv1; id=A1', 'A1', '§3.1 sts-id is ALPHA / DIGIT in any case'],
    ['v=STSv1; ext=value; id=abc', 'abc', '§3.1 "the order of other fields is not significant"'],
    ['v=STSv1; id=abc; x_y-z.1=a:b!c', 'abc', '§3.1 sts-extension name and value characters'],
    ['v=STSv1; id=abc; ID=other', 'abc', '§3.1 %s"id=": "ID" is an extension, not the id'],
  ])('%s → id %s (%s)', (text, id) => {
    expect(bothAgree(text)).toEqual({ valid: true, id });
  });

  it('§3.1: a record in several TXT strings is read concatenated (the DNS layer joins them)', () => {
    expect(bothAgree('v=STSv1; id=abc' + 'def')).toEqual({ valid: true, id: 'abcdef' });
  });
});

describe('RFC 8461 §3.1 sts-text-record: invalid records (senders MUST treat MTA-STS as absent)', () => {
  it.each([
    ['v=STSv1;', 'mta-sts.record.missing-id', '§3.1 1*(sts-field-delim sts-field): id required'],
    ['v=STSv1; ext=1', 'mta-sts.record.missing-id', '§3.1 "id" is required'],
    ['v=STSv1; ID=abc', 'mta-sts.record.missing-id', '§3.1 %s"id=" is case-sensitive'],
    ['v=STSv1; id=', 'mta-sts.record.bad-id', '§3.1 sts-id is 1*32 characters'],
    [`v=STSv1; id=${'a'.repeat(33)}`, 'mta-sts.record.bad-id', '§3.1 sts-id is at most 32'],
    ['v=STSv1; id=2024-01-01', 'mta-sts.record.bad-id', '§3.1 sts-id is ALPHA / DIGIT only'],
    ['v=STSv1; id = abc', 'mta-sts.record.bad-extension', '§3.1 no WSP around "=" in a field'],
    ['v=STSv1; id=abc;; ext=1', 'mta-sts.record.bad-syntax', '§3.1 no empty field'],
    ['v=STSv1; id=abc; _x=1', 'mta-sts.record.bad-extension', '§3.1 ext-name starts ALPHA / DIGIT'],
    ['v=STSv1; id=abc; x=a b', 'mta-sts.record.bad-extension', '§3.1 ext-value excludes SP'],
    ['v=STSv1; id=abc; x=a=b', 'mta-sts.record.bad-extension', '§3.1 ext-value excludes "="'],
    ['v=STSv1; id=abc; x=', 'mta-sts.record.bad-extension', '§3.1 ext-value is 1*'],
    [`v=STSv1; id=abc; ${'x'.repeat(33)}=1`, 'mta-sts.record.bad-extension', '§3.1 ext-name ≤ 32'],
    ['v=STSv1; id=abc; x=é', 'mta-sts.record.bad-extension', '§3.1 records are US-ASCII'],
  ])('%s → %s (%s)', (text, code) => {
    expect(parseStsRecord(text).errors.map((e) => e.code)).toContain(code);
    expect(bothAgree(text).valid).toBe(false);
  });
});

describe('RFC 8461 §3.1 discovery: selecting the record', () => {
  it.each([
    ['v=STSv1; id=a', true, '§3.1'],
    ['v=STSv1 ; id=a', true, '§3.1 ABNF sts-field-delim allows WSP before ";"'],
    ['V=STSv1; id=a', false, '§3.1 %s"v=STSv1" is case-sensitive'],
    ['v=STSV1; id=a', false, '§3.1 %s"v=STSv1" is case-sensitive'],
    ['v=STSv10; id=a', false, '§3.1 the version is followed by a delimiter'],
    ['id=a; v=STSv1', false, '§3.1 "The TXT record MUST begin with the sts-version field"'],
    [' v=STSv1; id=a', false, '§3.1 begins with, no leading space'],
    ['v=spf1 -all', false, '§3.1 other TXT records are discarded'],
  ])('%s selected: %s (%s)', (text, selected) => {
    expect(selectStsRecords([text]).records.length === 1).toBe(selected);
  });

  it('§3.1: other records are discarded before counting, so one STS record among others is used', () => {
    expect(
      selectStsRecords(['v=spf1 -all', 'v=STSv1; id=good', 'V=STSv1; id=bad']).records,
    ).toEqual(['v=STSv1; id=good']);
  });

  it('§3.1: more than one STS record → senders MUST assume no policy (both consumers)', async () => {
    const probe = assessMtaStsRecord(answer(['v=STSv1; id=a', 'v=STSv1; id=b']));
    expect(probe.valid).toBe(false);
    const { dns } = fakeDns([
      txt('_mta-sts.example.test', 'v=STSv1; id=a'),
      txt('_mta-sts.example.test', 'v=STSv1; id=b'),
      a('mta-sts.example.test'),
    ]);
    expect((await checkMtaStsRecord(dns, 'example.test')).status).toBe('permerror');
  });

  it('open: "v=STSv1 ;" fits the grammar but not "begins with v=STSv1;": valid, with a note that receivers differ', async () => {
    const parsed = parseStsRecord('v=STSv1 ; id=a');
    expect(parsed.errors).toEqual([]);
    expect(parsed.notes.map((n) => n.code)).toEqual(['mta-sts.record.lenient-version']);
    expect(parsed.notes[0]?.message).toMatch(/receivers differ/);
    const { dns } = fakeDns([
      txt('_mta-sts.example.test', 'v=STSv1 ; id=a'),
      a('mta-sts.example.test'),
    ]);
    const out = await checkMtaStsRecord(dns, 'example.test');
    expect(out.status).toBe('pass');
    expect(codes(out)).toEqual(['mta-sts.record.lenient-version']);
  });
});

describe('RFC 8461 §3.1 duplicate id: one parser, one answer', () => {
  it.each([
    ['v=STSv1; id=first; id=second', 'first', 'two valid ids: the grammar allows repeats'],
    ['v=STSv1; id=a-b; id=good', 'good', 'the bad one is an sts-extension named "id"'],
    ['v=STSv1; id=good; id=a-b', 'good', 'likewise after the good one'],
  ])('%s is valid, id %s (%s)', (text, id) => {
    expect(bothAgree(text)).toEqual({ valid: true, id });
    expect(readStsRecord(text).problems.every((p) => !p.fatal)).toBe(true);
  });

  it('two ids: a low-severity note saying receivers differ, in the check and in the probe', async () => {
    const probe = assessMtaStsRecord(answer(['v=STSv1; id=first; id=second']));
    expect(probe.errors.map((e) => [e.kind, e.severity])).toEqual([['duplicate-id', 'low']]);
    expect(probe.errors[0]?.message).toMatch(/receivers differ/);
    const { dns } = fakeDns([
      txt('_mta-sts.example.test', 'v=STSv1; id=first; id=second'),
      a('mta-sts.example.test'),
    ]);
    const out = await checkMtaStsRecord(dns, 'example.test');
    expect(out.status).toBe('pass');
    expect(out.details?.id).toBe('first');
    expect(codes(out)).toEqual(['mta-sts.record.duplicate-id']);
  });

  it('"id=" with an empty value is not even an extension: invalid beside a good id', () => {
    expect(bothAgree('v=STSv1; id=good; id=').valid).toBe(false);
  });
});

const policy = (lines: string[], eol = '\r\n') => lines.join(eol) + eol;
const VALID = ['version: STSv1', 'mode: enforce', 'mx: mail.example.com', 'max_age: 86400'];
const kinds = (raw: string) => parseMtaStsPolicy(raw).errors.map((e) => e.kind);

describe('RFC 8461 §3.2 sts-policy-record: valid policies', () => {
  it('§3.2 the RFC example policy', () => {
    const raw = policy([
      'version: STSv1',
      'mode: enforce',
      'mx: mail.example.com',
      'mx: *.example.net',
      'mx: backupmx.example.com',
      'max_age: 604800',
    ]);
    const { policy: p, errors, notes } = parseMtaStsPolicy(raw);
    expect([errors, notes]).toEqual([[], []]);
    expect(p).toMatchObject({
      version: 'STSv1',
      mode: 'enforce',
      maxAge: 604800,
      mx: ['mail.example.com', '*.example.net', 'backupmx.example.com'],
    });
  });

  it.each([
    [policy(VALID, '\n'), '§3.2 sts-policy-term = LF / CRLF'],
    [VALID.join('\r\n'), '§3.2 the final terminator is optional'],
    [
      policy(['version:STSv1', 'mode:enforce', 'mx:mail.example.com', 'max_age:86400']),
      '§3.2 field-delim ":" *WSP',
    ],
    [
      policy(['version:\tSTSv1', 'mode: enforce  ', 'mx: mail.example.com', 'max_age: 86400']),
      '§3.2 WSP after the delimiter and after a field',
    ],
    [
      policy([...VALID, 'future_field: any value, even spaces']),
      '§3.2 unknown fields SHALL be ignored',
    ],
    [policy([...VALID, 'note: café']), '§3.2 extension values may be UTF-8'],
    [
      policy(['mode: enforce', 'max_age: 86400', 'mx: mail.example.com', 'version: STSv1']),
      '§3.2 field order is free',
    ],
    [policy(['version: STSv1', 'mode: none', 'max_age: 86400']), '§3.2 mode none needs no mx'],
    [
      policy(['version: STSv1', 'mode: testing', 'mx: mail.example.com', 'max_age: 0']),
      '§3.2 max_age 0',
    ],
    [
      policy(['version: STSv1', 'mode: testing', 'mx: mail.example.com', 'max_age: 31557600']),
      '§3.2 max_age maximum',
    ],
  ])('valid: %j (%s)', (raw) => {
    expect(kinds(raw)).toEqual([]);
  });
});

describe('RFC 8461 §3.2 sts-policy-record: invalid policies', () => {
  it.each([
    [
      policy(['version: STSv2', 'mode: none', 'max_age: 1']),
      'version',
      '§3.2 version is %s"STSv1"',
    ],
    [
      policy(['version: stsv1', 'mode: none', 'max_age: 1']),
      'version',
      '§3.2 %s: case-sensitive value',
    ],
    [
      policy(['Version: STSv1', 'mode: none', 'max_age: 1']),
      'version',
      '§3.2 %s"version": "Version" is an extension',
    ],
    [
      policy(['version: STSv1', 'mode: Enforce', 'mx: a.example.com', 'max_age: 1']),
      'mode',
      '§3.2 %s mode values',
    ],
    [
      policy(['version: STSv1', 'mode: strict', 'mx: a.example.com', 'max_age: 1']),
      'mode',
      '§3.2 testing / enforce / none',
    ],
    [policy(['version: STSv1', 'max_age: 1']), 'mode', '§3.2 mode is required'],
    [policy(['version: STSv1', 'mode: none']), 'max-age', '§3.2 max_age is required'],
    [
      policy(['version: STSv1', 'mode: none', 'max_age: 31557601']),
      'max-age',
      '§3.2 maximum value 31557600',
    ],
    [
      policy(['version: STSv1', 'mode: none', 'max_age: 12345678901']),
      'max-age',
      '§3.2 1*10 DIGIT',
    ],
    [policy(['version: STSv1', 'mode: none', 'max_age: -1']), 'max-age', '§3.2 DIGIT only'],
    [policy(['version: STSv1', 'mode: enforce', 'max_age: 1']), 'mx', '§3.2 enforce needs mx'],
    [
      policy(['version: STSv1', 'mode: enforce', 'max_age: 1', 'mx: mx.example.com.']),
      'mx',
      '§3.2 RFC 5321 Domain has no trailing dot',
    ],
    [
      policy(['version: STSv1', 'mode: enforce', 'max_age: 1', 'mx: mx*.example.com']),
      'mx',
      '§3.2 ["*."] Domain: whole label only',
    ],
    [
      policy(['version: STSv1', 'mode: enforce', 'max_age: 1', 'mx: a.*.example.com']),
      'mx',
      '§3.2 "*." only in front',
    ],
    [
      policy(['version: STSv1', 'mode: enforce', 'max_age: 1', 'mx: postmaster@example.com']),
      'mx',
      '§3.2 a Domain, not an address',
    ],
    [
      policy(['version: STSv1', 'mode: enforce', 'max_age: 1', 'mx: bücher.example']),
      'mx',
      '§3.2 "MUST specify the Punycode-encoded A-label"',
    ],
    [policy(['version: STSv1', 'mode none', 'max_age: 1']), 'line', '§3.2 field = name ":" value'],
    [
      policy(['version: STSv1', ' mode: none', 'max_age: 1']),
      'line',
      '§3.2 no WSP before the field name',
    ],
    [policy(['version: STSv1', 'mode : none', 'max_age: 1']), 'line', '§3.2 no WSP before ":"'],
    [policy([...VALID, 'x:']), 'line', '§3.2 sts-policy-ext-value has at least one character'],
    [policy([...VALID, '_x: 1']), 'line', '§3.2 ext-name starts with ALPHA / DIGIT'],
  ])('%j → %s (%s)', (raw, kind) => {
    expect(kinds(raw)).toContain(kind);
  });

  it('open: a repeated version/mode/max_age is allowed by the grammar; receivers differ, first read', () => {
    const { policy: p, errors, notes } = parseMtaStsPolicy(policy([...VALID, 'mode: testing']));
    expect(errors).toEqual([]);
    expect(p.mode).toBe('enforce');
    expect(notes.map((n) => [n.kind, n.severity])).toEqual([['duplicate', 'low']]);
    expect(notes[0]?.message).toMatch(/receivers differ/);
  });

  it('§3.2: a U-label mx is an error, yet kept in A-label form so the MX it names is known', () => {
    const { policy: p } = parseMtaStsPolicy(
      policy(['version: STSv1', 'mode: enforce', 'max_age: 1', 'mx: mx.bücher.example']),
    );
    expect(p.mx).toEqual(['mx.xn--bcher-kva.example']);
  });
});

describe('RFC 8461 §4.1 MX host matching', () => {
  it.each([
    ['mail.example.com', ['mail.example.com'], 'mail.example.com', '§4.1 exact'],
    [
      'MAIL.Example.COM.',
      ['mail.example.com'],
      'mail.example.com',
      '§4.1 case-insensitive; DNS root dot',
    ],
    ['mx1.example.net', ['*.example.net'], '*.example.net', '§4.1 "*." matches one label'],
    [
      'mx.bücher.example',
      ['mx.xn--bcher-kva.example'],
      'mx.xn--bcher-kva.example',
      '§3.2/§4.1 U-label MX, A-label pattern',
    ],
    [
      'mx.xn--bcher-kva.example',
      ['mx.bücher.example'],
      'mx.bücher.example',
      '§4.1 and the other way round',
    ],
    [
      'mx.BÜCHER.example',
      ['*.xn--bcher-kva.example'],
      '*.xn--bcher-kva.example',
      '§4.1 wildcard over an IDN base',
    ],
    ['xn--mller-kva.example', ['müller.example'], 'müller.example', '§4.1 the first label an IDN'],
  ])('%s vs %j → %s (%s)', (mx, patterns, expected) => {
    expect(matchingPattern(mx, patterns)).toBe(expected);
  });

  it.each([
    ['example.net', ['*.example.net'], '§4.1 the wildcard needs a label'],
    ['a.b.example.net', ['*.example.net'], '§4.1 "*.example.net" matches one label only'],
    ['mail.example.com.evil.test', ['mail.example.com'], '§4.1 whole-name comparison'],
    ['mx.bucher.example', ['mx.xn--bcher-kva.example'], '§4.1 ü is not u'],
    ['mx1.example.com', ['mx*.example.com'], '§4.1 no partial wildcard'],
  ])('%s vs %j → no match (%s)', (mx, patterns) => {
    expect(matchingPattern(mx, patterns)).toBeNull();
  });
});
