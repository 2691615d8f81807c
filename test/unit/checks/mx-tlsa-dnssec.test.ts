import { describe, expect, it } from 'vitest';
import { checkDnssec } from '../../../lib/checks/dnssec.ts';
import { checkMx } from '../../../lib/checks/mx.ts';
import { checkTlsa } from '../../../lib/checks/tlsa.ts';
import type { FakeRecord, FakeZoneState } from '../../fixtures/dns/fake-doh.ts';
import { a, codes, fakeDns, mx, txt } from './fake-zone.ts';

const DIGEST = 'ab'.repeat(32);
const tlsa = (
  host: string,
  usage = 3,
  selector = 1,
  matchingType = 1,
  data = DIGEST,
): FakeRecord => ({
  name: `_25._tcp.${host}`,
  type: 'TLSA',
  data: { usage, selector, matchingType, data },
});
const dnskey = (name: string): FakeRecord => ({ name, type: 'DNSKEY', data: 'k' });
const zones = (...list: [string, FakeZoneState['dnssec']][]) =>
  list.map(([apex, dnssec]) => ({ apex, dnssec }));

describe('MX check', () => {
  it('lists hosts by preference with their addresses', async () => {
    const { dns } = fakeDns([
      mx('example.test', 'mx2.example.test', 20),
      mx('example.test', 'mx1.example.test', 10),
      a('mx1.example.test'),
      a('mx2.example.test', '192.0.2.2'),
      { name: 'mx2.example.test', type: 'AAAA', data: '2001:db8::2' },
    ]);
    const out = await checkMx(dns, 'example.test');
    expect(out.status).toBe('pass');
    expect(out.details?.hosts.map((h) => [h.exchange, h.preference, h.ipv4, h.ipv6])).toEqual([
      ['mx1.example.test', 10, ['192.0.2.1'], []],
      ['mx2.example.test', 20, ['192.0.2.2'], ['2001:db8::2']],
    ]);
  });

  it('null MX → none, and null MX mixed with others is flagged', async () => {
    const nullOnly = await checkMx(fakeDns([mx('example.test', '.', 0)]).dns, 'example.test');
    expect(nullOnly).toMatchObject({ status: 'none', details: { nullMx: true } });
    expect(codes(nullOnly)).toEqual(['mx.null']);
    const mixed = await checkMx(
      fakeDns([
        mx('example.test', '.', 0),
        mx('example.test', 'mx.example.test'),
        a('mx.example.test'),
      ]).dns,
      'example.test',
    );
    expect(codes(mixed)).toEqual(['mx.null-mixed']);
  });

  it('no MX: implicit MX from the domain address, or none', async () => {
    const implicit = await checkMx(fakeDns([a('example.test')]).dns, 'example.test');
    expect(implicit).toMatchObject({
      status: 'pass',
      details: { implicit: true, hosts: [{ exchange: 'example.test' }] },
    });
    expect(codes(implicit)).toEqual(['mx.implicit']);
    const nothing = await checkMx(fakeDns([txt('example.test', 'x')]).dns, 'example.test');
    expect(nothing.status).toBe('none');
    expect(codes(nothing)).toEqual(['mx.none']);
    const nx = await checkMx(fakeDns([]).dns, 'nowhere.test');
    expect(codes(nx)).toEqual(['mx.domain-nxdomain']);
  });

  it('flags IP literals, CNAME targets and hosts without addresses', async () => {
    const { dns } = fakeDns([
      mx('example.test', '192.0.2.7', 5),
      mx('example.test', 'alias.example.test', 10),
      mx('example.test', 'gone.example.test', 20),
      { name: 'alias.example.test', type: 'CNAME', data: 'real.example.test' },
      a('real.example.test'),
    ]);
    const out = await checkMx(dns, 'example.test');
    expect(codes(out).sort()).toEqual([
      'mx.cname',
      'mx.host-no-address',
      'mx.host-no-address',
      'mx.ip-literal',
    ]);
    expect(out.status).toBe('pass');
  });

  it('temperror when the MX lookup fails', async () => {
    const out = await checkMx(fakeDns([], { servfail: ['example.test'] }).dns, 'example.test');
    expect(out.status).toBe('temperror');
  });
});

describe('TLSA check (RFC 7672)', () => {
  const secure = zones(['example.test', 'secure']);
  const base = [mx('example.test', 'mx1.example.test'), a('mx1.example.test')];

  it('secure usage-3 records on every MX → pass', async () => {
    const out = await checkTlsa(
      fakeDns([...base, tlsa('mx1.example.test')], { zones: secure }).dns,
      'example.test',
    );
    expect(out).toMatchObject({
      status: 'pass',
      findings: [],
      details: { hosts: [{ usable: true, dnssec: 'secure' }] },
    });
  });

  it('no TLSA → none', async () => {
    expect((await checkTlsa(fakeDns(base, { zones: secure }).dns, 'example.test')).status).toBe(
      'none',
    );
  });

  it.each([
    [[tlsa('mx1.example.test', 1)], ['tlsa.pkix-usage', 'tlsa.unusable']],
    [[tlsa('mx1.example.test', 0)], ['tlsa.pkix-usage', 'tlsa.unusable']],
    [[tlsa('mx1.example.test', 3, 2)], ['tlsa.unknown-parameter', 'tlsa.unusable']],
    [[tlsa('mx1.example.test', 3, 1, 1, 'abcd')], ['tlsa.bad-digest-length', 'tlsa.unusable']],
    [
      [tlsa('mx1.example.test', 2, 0, 2, 'cd'.repeat(64)), tlsa('mx1.example.test', 1)],
      ['tlsa.pkix-usage'],
    ],
  ])('%j → %j', async (records, expected) => {
    const out = await checkTlsa(
      fakeDns([...base, ...records], { zones: secure }).dns,
      'example.test',
    );
    expect(codes(out)).toEqual(expected);
  });

  it('TLSA without DNSSEC is unusable', async () => {
    const out = await checkTlsa(fakeDns([...base, tlsa('mx1.example.test')]).dns, 'example.test');
    expect(out.status).toBe('fail');
    expect(codes(out)).toEqual(['tlsa.insecure', 'tlsa.mx-insecure']);
  });

  it('TLSA in a signed host zone but an unsigned MX RRset', async () => {
    const { dns } = fakeDns(
      [mx('example.test', 'mx.provider.test'), a('mx.provider.test'), tlsa('mx.provider.test')],
      { zones: zones(['provider.test', 'secure']) },
    );
    const out = await checkTlsa(dns, 'example.test');
    expect(codes(out)).toEqual(['tlsa.mx-insecure']);
  });

  it('bogus TLSA and partial coverage', async () => {
    const { dns } = fakeDns(
      [
        mx('example.test', 'mx1.example.test'),
        mx('example.test', 'mx2.bad.test', 20),
        mx('example.test', 'mx3.example.test', 30),
        a('mx1.example.test'),
        a('mx2.bad.test'),
        a('mx3.example.test'),
        tlsa('mx1.example.test'),
        tlsa('mx2.bad.test'),
      ],
      { zones: zones(['example.test', 'secure'], ['bad.test', 'bogus']) },
    );
    const out = await checkTlsa(dns, 'example.test');
    expect(out.status).toBe('fail');
    expect(codes(out).sort()).toEqual(['tlsa.bogus', 'tlsa.partial']);
  });
});

describe('DNSSEC: the six MECSA questions', () => {
  const records = [
    dnskey('example.test'),
    mx('example.test', 'mx1.mail.test'),
    txt('example.test', 'v=spf1 -all'),
    txt('_dmarc.example.test', 'v=DMARC1; p=reject'),
    dnskey('mail.test'),
    a('mx1.mail.test'),
    tlsa('mx1.mail.test'),
  ];

  it('all secure → pass, and says it trusted the resolver', async () => {
    const out = await checkDnssec(
      fakeDns(records, { zones: zones(['example.test', 'secure'], ['mail.test', 'secure']) }).dns,
      'example.test',
    );
    expect(out.status).toBe('pass');
    expect(out.details).toMatchObject({
      domainSigned: 'secure',
      mxSecure: 'secure',
      mxHostZonesSigned: 'secure',
      mxAddressesSecure: 'secure',
      txtSecure: 'secure',
      tlsaSecure: 'secure',
      trust: 'resolver-ad-flag',
      resolvers: ['https://doh.test/dns-query'],
    });
    expect(codes(out)).toEqual(['dnssec.resolver-trusted']);
  });

  it('unsigned domain → none', async () => {
    const out = await checkDnssec(fakeDns(records).dns, 'example.test');
    expect(out.status).toBe('none');
    expect(out.details?.domainSigned).toBe('insecure');
    expect(codes(out)).toEqual([
      'dnssec.unsigned',
      'dnssec.mx-host-unsigned',
      'dnssec.tlsa-insecure',
      'dnssec.resolver-trusted',
    ]);
  });

  it('signed domain with an unsigned MX host zone', async () => {
    const out = await checkDnssec(
      fakeDns(records, { zones: zones(['example.test', 'secure']) }).dns,
      'example.test',
    );
    expect(out.status).toBe('fail');
    expect(out.details).toMatchObject({
      domainSigned: 'secure',
      mxSecure: 'secure',
      mxHostZonesSigned: 'insecure',
      mxAddressesSecure: 'insecure',
    });
    expect(codes(out)).toContain('dnssec.mx-host-unsigned');
  });

  it('signed zone whose MX and TXT come unsigned (insecure delegation below it)', async () => {
    const { dns } = fakeDns(
      [
        dnskey('example.test'),
        mx('mail.example.test', 'mx1.mail.test'),
        txt('mail.example.test', 'v=spf1 -all'),
        dnskey('mail.test'),
        a('mx1.mail.test'),
        { name: 'x.mail.example.test', type: 'A', data: '192.0.2.1' },
      ],
      {
        zones: zones(
          ['example.test', 'secure'],
          ['mail.example.test', 'insecure'],
          ['mail.test', 'secure'],
        ),
      },
    );
    const out = await checkDnssec(dns, 'mail.example.test');
    expect(out.details?.domainSigned).toBe('insecure');
    const signedParent = await checkDnssec(
      fakeDns(
        [
          dnskey('example.test'),
          mx('example.test', 'mx1.mail.test'),
          txt('example.test', 'v=spf1 -all'),
          dnskey('mail.test'),
          { name: 'mx1.mail.test', type: 'CNAME', data: 'h.other.test' },
          a('h.other.test'),
        ],
        {
          zones: zones(['example.test', 'secure'], ['mail.test', 'secure']),
        },
      ).dns,
      'example.test',
    );
    expect(codes(signedParent)).toContain('dnssec.mx-address-insecure');
  });

  it('MX and TXT insecure inside a signed domain', async () => {
    const hook = () => undefined;
    const { dns } = fakeDns(records, {
      zones: zones(['example.test', 'secure'], ['mail.test', 'secure']),
      hook,
    });
    // Fake an unsigned MX and TXT by answering them from an insecure sub-zone view.
    const insecureView = {
      query: (name: string, type: never, o?: object) =>
        dns
          .query(name, type, o)
          .then((ans) =>
            ans.type === 'MX' || ans.type === 'TXT' ? { ...ans, authenticData: false } : ans,
          ),
    };
    const out = await checkDnssec(insecureView, 'example.test');
    expect(codes(out)).toEqual(
      expect.arrayContaining(['dnssec.mx-insecure', 'dnssec.txt-insecure']),
    );
  });

  it('bogus → fail, detected via SERVFAIL then an answer with CD', async () => {
    const { dns, fake } = fakeDns(records, {
      zones: zones(['example.test', 'bogus'], ['mail.test', 'secure']),
    });
    const out = await checkDnssec(dns, 'example.test');
    expect(out.status).toBe('fail');
    expect(out.details?.domainSigned).toBe('bogus');
    expect(codes(out)).toContain('dnssec.bogus');
    expect(fake.queries.some((q) => q.checkingDisabled)).toBe(true);
  });

  it('SERVFAIL with CD as well is indeterminate (temperror), not bogus', async () => {
    const { dns } = fakeDns(records, {
      zones: zones(['mail.test', 'secure']),
      servfail: ['example.test', '_dmarc.example.test'],
    });
    const out = await checkDnssec(dns, 'example.test');
    expect(out.details?.domainSigned).toBe('indeterminate');
    expect(out.status).toBe('temperror');
  });
});
