// MTA-STS record, TLS-RPT and BIMI: presence and every syntax case.
import { describe, expect, it } from 'vitest';
import { checkBimi } from '../../../lib/checks/bimi.ts';
import { checkMtaStsRecord, parseStsRecord } from '../../../lib/checks/mta-sts-record.ts';
import { checkTlsRpt, parseTlsRpt } from '../../../lib/checks/tls-rpt.ts';
import { a, codes, fakeDns, txt } from './fake-zone.ts';

describe('MTA-STS record (RFC 8461 §3.1; IMC 2025 §4.3.2 error kinds)', () => {
  it.each([
    'v=STSv1; id=20240101T000000',
    'v=STSv1;id=abc123;',
    'v=STSv1; id=1; ext_name-1.x=value!',
    `v=STSv1; id=${'a'.repeat(32)}`,
  ])('accepts %s', (record) => {
    expect(parseStsRecord(record).errors).toEqual([]);
  });

  it.each([
    ['v=STSv1;', 'mta-sts.record.missing-id'],
    ['v=STSv1; mode=enforce', 'mta-sts.record.missing-id'],
    ['v=STSv1; id=2024-01-01', 'mta-sts.record.bad-id'],
    ['v=STSv1; id=', 'mta-sts.record.bad-id'],
    [`v=STSv1; id=${'a'.repeat(33)}`, 'mta-sts.record.bad-id'],
    ['v=STSv1; id=1; mx: a.com', 'mta-sts.record.bad-syntax'],
    ['v=STSv1; id=1; _ext=x', 'mta-sts.record.bad-extension'],
    ['v=STSv1; id=1; mode=a b', 'mta-sts.record.bad-extension'],
  ])('%s → %s', (record, code) => {
    expect(parseStsRecord(record).errors.map((e) => e.code)).toContain(code);
  });

  // RFC 8461 §3.1 allows a repeated id (the grammar's 1*sts-field) and §3.2 says parsers MUST
  // accept syntactically valid records: a note, not an error (the two old parsers disagreed).
  it('v=STSv1; id=1; id=2 is valid with a duplicate-id note, first id read', () => {
    const parsed = parseStsRecord('v=STSv1; id=1; id=2');
    expect(parsed.errors).toEqual([]);
    expect(parsed.notes.map((e) => e.code)).toEqual(['mta-sts.record.duplicate-id']);
    expect(parsed.id).toBe('1');
  });

  it('valid record with a resolvable policy host → pass', async () => {
    const { dns } = fakeDns([
      txt('_mta-sts.example.test', 'v=STSv1; id=42'),
      a('mta-sts.example.test'),
    ]);
    const out = await checkMtaStsRecord(dns, 'example.test');
    expect(out).toMatchObject({
      status: 'pass',
      findings: [],
      details: { id: '42', policyHostResolves: true },
    });
  });

  // Issue 22: 94% of a scan's domains have no record; asking for their policy host's addresses
  // anyway cost two DoH questions per domain. The host is looked up only for a record.
  it('without a record, the policy host is not looked up', async () => {
    const { dns, fake } = fakeDns([a('mta-sts.example.test')]);
    const out = await checkMtaStsRecord(dns, 'example.test');
    expect(out.status).toBe('none');
    expect(fake.queries.map((q) => `${q.name} ${q.type}`)).toEqual(['_mta-sts.example.test TXT']);
  });

  it('policy host without address → fail', async () => {
    const { dns } = fakeDns([txt('_mta-sts.example.test', 'v=STSv1; id=42')]);
    const out = await checkMtaStsRecord(dns, 'example.test');
    expect(out.status).toBe('fail');
    expect(codes(out)).toEqual(['mta-sts.policy-host-unresolvable']);
  });

  it.each([
    [[], 'none', 'mta-sts.record.missing'],
    [['v=STSV1; id=1'], 'permerror', 'mta-sts.record.bad-version'],
    [['v=sts1; id=1'], 'permerror', 'mta-sts.record.bad-version'],
    [['v=STSv1; id=1', 'v=STSv1; id=2'], 'permerror', 'mta-sts.record.multiple'],
    [['v=STSv1; id=x-y'], 'permerror', 'mta-sts.record.bad-id'],
  ])('%j → %s %s', async (texts, status, code) => {
    const { dns } = fakeDns([
      ...texts.map((t) => txt('_mta-sts.example.test', t)),
      txt('_mta-sts.example.test', 'unrelated'),
      a('mta-sts.example.test'),
    ]);
    const out = await checkMtaStsRecord(dns, 'example.test');
    expect(out.status).toBe(status);
    expect(codes(out)).toContain(code);
  });

  it('temperror when the TXT lookup fails', async () => {
    const { dns } = fakeDns([], { servfail: ['_mta-sts.example.test'] });
    expect((await checkMtaStsRecord(dns, 'example.test')).status).toBe('temperror');
  });
});

describe('TLS-RPT (RFC 8460 §3)', () => {
  it.each([
    'v=TLSRPTv1; rua=mailto:tlsrpt@example.test',
    'v=TLSRPTv1;rua=https://reports.example.test/tlsrpt,mailto:a@example.test;',
    'v=TLSRPTv1; rua=mailto:a@example.test; ext=1',
  ])('accepts %s', (record) => {
    expect(parseTlsRpt(record).errors).toEqual([]);
  });

  it.each([
    ['v=TLSRPTv1;', 'tls-rpt.missing-rua'],
    ['v=TLSRPTv1; rua=http://example.test/r', 'tls-rpt.bad-uri'],
    ['v=TLSRPTv1; rua=ftp://example.test/r', 'tls-rpt.bad-uri'],
    ['v=TLSRPTv1; rua=tlsrpt@example.test', 'tls-rpt.bad-uri'],
    ['v=TLSRPTv1; rua=mailto:a@example.test; -x=1', 'tls-rpt.bad-extension'],
    ['v=TLSRPTv1; rua=mailto:a@example.test; junk', 'tls-rpt.bad-syntax'],
  ])('%s → %s', (record, code) => {
    expect(parseTlsRpt(record).errors.map((e) => e.code)).toContain(code);
  });

  it.each([
    [['v=TLSRPTv1; rua=mailto:a@example.test'], 'pass', []],
    [[], 'none', ['tls-rpt.missing']],
    [['v=TLSRPTv2; rua=mailto:a@example.test'], 'permerror', ['tls-rpt.bad-version']],
    [
      ['v=TLSRPTv1; rua=mailto:a@example.test', 'v=TLSRPTv1; rua=mailto:b@example.test'],
      'permerror',
      ['tls-rpt.multiple'],
    ],
    [['v=TLSRPTv1; rua=http://x.test'], 'permerror', ['tls-rpt.bad-uri']],
  ])('%j → %s', async (texts, status, expected) => {
    const { dns } = fakeDns(texts.map((t) => txt('_smtp._tls.example.test', t)));
    const out = await checkTlsRpt(dns, 'example.test');
    expect(out.status).toBe(status);
    expect(codes(out)).toEqual(expected);
  });
});

describe('BIMI', () => {
  const enforced = { organizationalDomain: 'example.test', enforced: true, dnssec: false };
  const lax = { ...enforced, enforced: false };

  it.each([
    [[], enforced, 'none', ['bimi.missing']],
    [
      ['v=BIMI1; l=https://example.test/logo.svg; a=https://example.test/vmc.pem'],
      enforced,
      'pass',
      [],
    ],
    [['v=BIMI1; l=https://example.test/logo.svg;'], enforced, 'pass', ['bimi.no-authority']],
    [['v=BIMI1; l=; a=;'], enforced, 'pass', ['bimi.declined']],
    [
      ['v=BIMI1; l=http://example.test/logo.svg; a=https://example.test/vmc.pem'],
      enforced,
      'permerror',
      ['bimi.bad-location'],
    ],
    [
      ['v=BIMI1; l=https://example.test/logo.svg; a=ftp://example.test/vmc.pem'],
      enforced,
      'permerror',
      ['bimi.bad-authority'],
    ],
    [
      ['v=BIMI1; l=https://example.test/logo.svg; a=https://example.test/vmc.pem; oops'],
      enforced,
      'permerror',
      ['bimi.bad-syntax'],
    ],
    [['v=BIMI2; l=https://example.test/logo.svg'], enforced, 'permerror', ['bimi.bad-version']],
    [['v=BIMI1; l=', 'v=BIMI1; l='], enforced, 'permerror', ['bimi.multiple']],
    [
      ['v=BIMI1; l=https://example.test/logo.svg; a=https://example.test/vmc.pem'],
      lax,
      'fail',
      ['bimi.dmarc-not-enforced'],
    ],
  ])('%j → %s', async (texts, dmarc, status, expected) => {
    const { dns } = fakeDns(texts.map((t) => txt('default._bimi.example.test', t)));
    const out = await checkBimi(dns, 'example.test', dmarc);
    expect(out.status).toBe(status);
    expect(codes(out)).toEqual(expected);
  });
});
