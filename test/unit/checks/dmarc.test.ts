import { describe, expect, it } from 'vitest';
import { checkDmarc } from '../../../lib/checks/dmarc/dmarc-check.ts';
import { parseDmarc } from '../../../lib/checks/dmarc/dmarc-syntax.ts';
import { codes, fakeDns, txt } from './fake-zone.ts';

const tagCodes = (record: string) => {
  const parsed = parseDmarc(record);
  return [...parsed.fatal, ...parsed.findings].map((f) => f.code);
};

describe('DMARC tags', () => {
  it.each([
    'v=DMARC1; p=reject; rua=mailto:d@example.test',
    'v=DMARC1;p=quarantine;sp=reject;pct=100;adkim=s;aspf=r;fo=0:1:d:s;ri=86400;rf=afrf;rua=mailto:a@example.test!10m,mailto:b@example.test;ruf=mailto:f@example.test',
    'v=DMARC1; p=none; np=reject; t=y; psd=n; rua=mailto:d@example.test;',
  ])('accepts %s', (record) => {
    expect(tagCodes(record).filter((c) => c !== 'dmarc.unknown-tag')).toEqual([]);
  });

  it.each([
    ['p=reject; v=DMARC1', 'dmarc.v-not-first'],
    ['v=DMARC1; rua=mailto:d@example.test', 'dmarc.p-missing'],
    ['v=DMARC1; rua=mailto:d@example.test; p=reject', 'dmarc.p-not-second'],
    ['v=DMARC1; p=block', 'dmarc.bad-policy'],
    ['v=DMARC1; p=reject; sp=drop', 'dmarc.bad-subdomain-policy'],
    ['v=DMARC1; p=reject; pct=150', 'dmarc.bad-pct'],
    ['v=DMARC1; p=reject; pct=half', 'dmarc.bad-pct'],
    ['v=DMARC1; p=reject; adkim=x', 'dmarc.bad-alignment-mode'],
    ['v=DMARC1; p=reject; aspf=strict', 'dmarc.bad-alignment-mode'],
    ['v=DMARC1; p=reject; fo=2', 'dmarc.bad-fo'],
    ['v=DMARC1; p=reject; ri=daily', 'dmarc.bad-ri'],
    ['v=DMARC1; p=reject; rua=d@example.test', 'dmarc.bad-uri'],
    ['v=DMARC1; p=reject; rua=https://example.test/report', 'dmarc.bad-uri'],
    ['v=DMARC1; p=reject; ruf=mailto:nobody', 'dmarc.bad-uri'],
    ['v=DMARC1; p=reject; p=none', 'dmarc.duplicate-tag'],
    ['v=DMARC1; p=reject; foo=bar', 'dmarc.unknown-tag'],
    ['v=DMARC1; p=reject; garbage', 'dmarc.bad-tag-syntax'],
  ])('%s → %s', (record, code) => {
    expect(tagCodes(record)).toContain(code);
  });

  it.each(['constructor', '__proto__', 'tostring'])(
    'reads a %s= tag as an unknown tag, not a duplicate',
    (name) => {
      const parsed = parseDmarc(`v=DMARC1; p=reject; ${name}=1`);
      expect(tagCodes(`v=DMARC1; p=reject; ${name}=1`)).toEqual(['dmarc.unknown-tag']);
      expect(Object.hasOwn(parsed.record.tags, name)).toBe(true);
      expect(parsed.record.tags[name]).toBe('1');
    },
  );
});

describe('DMARC check', () => {
  it('missing at the domain and the organizational domain → none', async () => {
    const { dns, fake } = fakeDns([txt('mail.example.test', 'x')]);
    const dmarc = await checkDmarc(dns, 'mail.example.test');
    expect(dmarc.status).toBe('none');
    expect(codes(dmarc)).toEqual(['dmarc.missing']);
    expect(fake.queries.map((q) => q.name).sort()).toEqual([
      '_dmarc.example.test',
      '_dmarc.mail.example.test',
    ]);
  });

  it('falls back to the organizational domain, applying sp', async () => {
    const { dns } = fakeDns([
      txt('_dmarc.example.test', 'v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.test'),
    ]);
    const dmarc = await checkDmarc(dns, 'shop.example.test');
    expect(dmarc).toMatchObject({
      status: 'pass',
      details: { recordDomain: 'example.test', effectivePolicy: 'quarantine', enforced: true },
    });
    expect(codes(dmarc)).toEqual(['dmarc.inherited']);
  });

  it('prefers the domain own record', async () => {
    const { dns } = fakeDns([
      txt('_dmarc.shop.example.test', 'v=DMARC1; p=none; rua=mailto:d@example.test'),
      txt('_dmarc.example.test', 'v=DMARC1; p=reject; rua=mailto:d@example.test'),
    ]);
    const dmarc = await checkDmarc(dns, 'shop.example.test');
    expect(dmarc).toMatchObject({
      status: 'fail',
      details: { recordDomain: 'shop.example.test', effectivePolicy: 'none', enforced: false },
    });
    expect(codes(dmarc)).toEqual(['dmarc.policy-none']);
  });

  it('multiple records → permerror', async () => {
    const { dns } = fakeDns([
      txt('_dmarc.example.test', 'v=DMARC1; p=reject'),
      txt('_dmarc.example.test', 'v=DMARC1; p=none'),
    ]);
    const dmarc = await checkDmarc(dns, 'example.test');
    expect(dmarc.status).toBe('permerror');
    expect(codes(dmarc)).toEqual(['dmarc.multiple-records']);
  });

  it('a fatal tag error → permerror', async () => {
    const { dns } = fakeDns([txt('_dmarc.example.test', 'v=DMARC1; p=maybe')]);
    expect((await checkDmarc(dns, 'example.test')).status).toBe('permerror');
  });

  it('reports weak settings', async () => {
    const { dns } = fakeDns([
      txt('_dmarc.example.test', 'v=DMARC1; p=reject; sp=none; pct=50; t=y'),
    ]);
    const dmarc = await checkDmarc(dns, 'example.test');
    expect(dmarc.status).toBe('pass');
    expect(dmarc.details?.enforced).toBe(false);
    expect(codes(dmarc)).toEqual([
      'dmarc.subdomain-policy-none',
      'dmarc.pct-partial',
      'dmarc.testing',
      'dmarc.no-rua',
    ]);
  });

  it('checks authorisation of external report destinations', async () => {
    const { dns } = fakeDns([
      txt(
        '_dmarc.example.test',
        'v=DMARC1; p=reject; rua=mailto:d@example.test,mailto:r@reports.test,mailto:x@other.test',
      ),
      txt('example.test._report._dmarc.reports.test', 'v=DMARC1'),
    ]);
    const dmarc = await checkDmarc(dns, 'example.test');
    expect(codes(dmarc)).toEqual(['dmarc.external-destination-unauthorized']);
    expect(dmarc.findings[0]?.evidence).toBe('example.test._report._dmarc.other.test');
  });

  it('lookup failure → temperror', async () => {
    const { dns } = fakeDns([], { servfail: ['_dmarc.example.test'] });
    const dmarc = await checkDmarc(dns, 'example.test');
    expect(dmarc.status).toBe('temperror');
    expect(codes(dmarc)).toEqual(['dns.lookup-failed']);
  });
});
