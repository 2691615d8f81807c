import { describe, expect, it } from 'vitest';
import { checkSpf } from '../../../lib/checks/spf/spf-check.ts';
import { a, codes, fakeDns, mx, txt } from './fake-zone.ts';

describe('SPF check', () => {
  it('missing record → none', async () => {
    const { dns } = fakeDns([a('example.test')]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.status).toBe('none');
    expect(codes(spf)).toEqual(['spf.missing']);
  });

  it('two SPF records → permerror', async () => {
    const { dns } = fakeDns([
      txt('example.test', 'v=spf1 -all'),
      txt('example.test', 'v=spf1 mx -all'),
      txt('example.test', 'google-site-verification=x'),
    ]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.status).toBe('permerror');
    expect(codes(spf)).toEqual(['spf.multiple-records']);
  });

  it.each([
    ['v=spf1 ip4:192.0.2.1 -all', 'fail', 'pass', []],
    ['v=spf1 ip4:192.0.2.1 ~all', 'softfail', 'pass', ['spf.all-softfail']],
    ['v=spf1 ip4:192.0.2.1 ?all', 'neutral', 'fail', ['spf.all-neutral']],
    ['v=spf1 +all', 'pass', 'fail', ['spf.all-pass']],
    ['v=spf1 all', 'pass', 'fail', ['spf.all-pass']],
    ['v=spf1 ip4:192.0.2.1', 'none', 'fail', ['spf.no-all']],
  ])('classifies %s as %s (MECSA categories)', async (record, policy, status, expected) => {
    const { dns } = fakeDns([txt('example.test', record)]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.details?.allPolicy).toBe(policy);
    expect(spf.status).toBe(status);
    expect(codes(spf)).toEqual(expected);
  });

  it('follows redirect for the policy and counts it', async () => {
    const { dns } = fakeDns([
      txt('example.test', 'v=spf1 redirect=_spf.example.test'),
      txt('_spf.example.test', 'v=spf1 ip4:192.0.2.0/24 -all'),
    ]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf).toMatchObject({
      status: 'pass',
      details: { allPolicy: 'fail', totalLookups: 1, lookups: { redirect: 1 } },
    });
    expect(spf.records).toHaveLength(2);
  });

  it('counts lookups recursively per mechanism, and flags more than 10', async () => {
    const records = [
      txt('example.test', 'v=spf1 include:a.example.test include:b.example.test mx a -all'),
      txt(
        'a.example.test',
        'v=spf1 include:c.example.test a:x.example.test a:y.example.test exists:z.example.test ~all',
      ),
      txt('b.example.test', 'v=spf1 mx:example.test ptr a:x.example.test ~all'),
      txt('c.example.test', 'v=spf1 a:x.example.test a:y.example.test ~all'),
      a('example.test'),
      mx('example.test', 'mx.example.test'),
      a('x.example.test'),
      a('y.example.test'),
      a('z.example.test'),
    ];
    const { dns } = fakeDns(records);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.details?.lookups).toEqual({
      include: 3,
      a: 6,
      mx: 2,
      ptr: 1,
      exists: 1,
      redirect: 0,
    });
    expect(spf.details?.totalLookups).toBe(13);
    expect(spf.status).toBe('permerror');
    expect(codes(spf)).toContain('spf.too-many-lookups');
    expect(codes(spf)).toContain('spf.ptr-deprecated');
  });

  it('exactly 10 lookups is fine', async () => {
    const terms = Array.from({ length: 10 }, (_, i) => `a:h${i}.example.test`).join(' ');
    const hosts = Array.from({ length: 10 }, (_, i) => a(`h${i}.example.test`));
    const { dns } = fakeDns([txt('example.test', `v=spf1 ${terms} -all`), ...hosts]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf).toMatchObject({ status: 'pass', details: { totalLookups: 10, voidLookups: 0 } });
  });

  it('counts void lookups; more than 2 is a permerror', async () => {
    const { dns } = fakeDns([
      txt(
        'example.test',
        'v=spf1 a:gone1.example.test mx:gone2.example.test exists:gone3.example.test -all',
      ),
    ]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.details?.voidLookups).toBe(3);
    expect(codes(spf).filter((c) => c === 'spf.void-lookup')).toHaveLength(3);
    expect(codes(spf)).toContain('spf.too-many-void-lookups');
    expect(spf.status).toBe('permerror');
  });

  it('two void lookups are tolerated', async () => {
    const { dns } = fakeDns([
      txt('example.test', 'v=spf1 a:gone1.example.test a:gone2.example.test -all'),
    ]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.status).toBe('pass');
    expect(spf.details?.voidLookups).toBe(2);
  });

  it('include of a domain without SPF → permerror', async () => {
    const { dns } = fakeDns([
      txt('example.test', 'v=spf1 include:nospf.example.test -all'),
      a('nospf.example.test'),
    ]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.status).toBe('permerror');
    expect(codes(spf)).toContain('spf.include-no-record');
  });

  it('redirect to a domain without SPF → permerror', async () => {
    const { dns } = fakeDns([
      txt('example.test', 'v=spf1 redirect=nospf.example.test'),
      a('nospf.example.test'),
    ]);
    expect(codes(await checkSpf(dns, 'example.test'))).toContain('spf.redirect-no-record');
  });

  it('detects include loops', async () => {
    const { dns } = fakeDns([
      txt('example.test', 'v=spf1 include:a.example.test -all'),
      txt('a.example.test', 'v=spf1 include:example.test -all'),
    ]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.status).toBe('permerror');
    expect(codes(spf)).toContain('spf.loop');
  });

  it('flags an mx mechanism with more than 10 MX hosts', async () => {
    const mxs = Array.from({ length: 11 }, (_, i) =>
      mx('big.example.test', `mx${i}.example.test`, i),
    );
    const { dns } = fakeDns([txt('example.test', 'v=spf1 mx:big.example.test -all'), ...mxs]);
    expect(codes(await checkSpf(dns, 'example.test'))).toContain('spf.mx-too-many');
  });

  it('counts but does not follow macros', async () => {
    const { dns, fake } = fakeDns([
      txt('example.test', 'v=spf1 exists:%{i}.spf.example.test include:%{d}.example.test -all'),
    ]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.status).toBe('pass');
    expect(spf.details?.totalLookups).toBe(2);
    expect(codes(spf)).toEqual(['spf.macro-not-evaluated']);
    expect(fake.queries).toHaveLength(1);
  });

  it('notes terms after all, ignored redirect and a long record', async () => {
    const long = `v=spf1 ${'ip4:192.0.2.1 '.repeat(40)}-all ip4:198.51.100.1 redirect=other.example.test`;
    const { dns } = fakeDns([txt('example.test', long)]);
    const found = codes(await checkSpf(dns, 'example.test'));
    expect(found).toEqual(
      expect.arrayContaining([
        'spf.terms-after-all',
        'spf.redirect-ignored',
        'spf.record-too-long',
      ]),
    );
  });

  it('syntax errors make a permerror', async () => {
    const { dns } = fakeDns([txt('example.test', 'v=spf1 ip4:300.1.1.1 -all')]);
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.status).toBe('permerror');
    expect(codes(spf)).toContain('spf.syntax.bad-ip4');
  });

  it('a failed lookup makes temperror, not a verdict', async () => {
    const { dns } = fakeDns([txt('example.test', 'v=spf1 include:broken.example.test -all')], {
      servfail: ['broken.example.test'],
    });
    const spf = await checkSpf(dns, 'example.test');
    expect(spf.status).toBe('temperror');
    expect(codes(spf)).toContain('dns.lookup-failed');
    const { dns: down } = fakeDns([], { servfail: ['example.test'] });
    expect((await checkSpf(down, 'example.test')).status).toBe('temperror');
  });
});
