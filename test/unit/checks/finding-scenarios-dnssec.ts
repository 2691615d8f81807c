// Scenarios that drive the TLSA and DNSSEC checks into their findings (after mx-tlsa-dnssec and
// dnssec-local tests: the resolver's AD flag, and local validation).
import { checkDnssec } from '../../../lib/checks/dnssec.ts';
import { checkTlsa } from '../../../lib/checks/tlsa.ts';
import { createDohClient } from '../../../lib/dns/doh-client.ts';
import { createValidatingClient } from '../../../lib/dns/validating-client.ts';
import type { Finding } from '../../../lib/outcome.ts';
import type { FakeRecord, FakeZoneState } from '../../fixtures/dns/fake-doh.ts';
import { fakeDohTransport } from '../dns/dnssec/fake-doh.ts';
import { NOW, type ZoneSpec } from '../dns/dnssec/fake-resolver.ts';
import { A, setup, TXT } from '../dns/dnssec/setup.ts';
import { a, fakeDns, mx, txt } from './fake-zone.ts';

export const tlsa = (
  host: string,
  usage = 3,
  selector = 1,
  matchingType = 1,
  data = 'ab'.repeat(32),
) =>
  ({
    name: `_25._tcp.${host}`,
    type: 'TLSA',
    data: { usage, selector, matchingType, data },
  }) satisfies FakeRecord;
const dnskey = (name: string): FakeRecord => ({ name, type: 'DNSKEY', data: 'k' });
const zones = (...list: [string, FakeZoneState['dnssec']][]) =>
  list.map(([apex, dnssec]) => ({ apex, dnssec }));
export const secure = zones(['example.test', 'secure']);
export const base = [mx('example.test', 'mx1.example.test'), a('mx1.example.test')];

export async function tlsaFindings(): Promise<Finding[]> {
  const cases: [FakeRecord[], FakeZoneState[] | undefined][] = [
    [[...base, tlsa('mx1.example.test', 1)], secure],
    [[...base, tlsa('mx1.example.test', 4)], secure],
    [[...base, tlsa('mx1.example.test', 3, 2)], secure],
    [[...base, tlsa('mx1.example.test', 3, 1, 7)], secure],
    [[...base, tlsa('mx1.example.test', 3, 1, 1, 'abcd')], secure],
    [[...base, tlsa('mx1.example.test', 3, 1, 0, 'zz')], secure],
    [[...base, tlsa('mx1.example.test', 3, 1, 0, 'abcd')], secure],
    [[...base, tlsa('mx1.example.test')], undefined],
    [
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
      zones(['example.test', 'secure'], ['bad.test', 'bogus']),
    ],
  ];
  const out: Finding[] = [];
  for (const [records, zoneStates] of cases) {
    const { dns } = fakeDns(records, zoneStates ? { zones: zoneStates } : {});
    out.push(...(await checkTlsa(dns, 'example.test')).findings);
  }
  return out;
}

const mailZone = (apex: string, extra: Partial<ZoneSpec> = {}): ZoneSpec => ({
  apex,
  records: [
    { name: apex, type: 'MX', ttl: 300, data: { preference: 10, exchange: `mx.${apex}` } },
    A(`mx.${apex}`),
    TXT(apex, 'v=spf1 -all'),
    TXT(`_dmarc.${apex}`, 'v=DMARC1; p=reject'),
  ],
  ...extra,
});

async function locallyValidated(specs: ZoneSpec[], domain: string): Promise<Finding[]> {
  const { resolver, anchor } = await setup(specs);
  const inner = createDohClient({
    resolvers: ['https://doh.test/dns-query'],
    transport: fakeDohTransport(resolver),
  });
  const dns = createValidatingClient(inner, { anchor, now: () => NOW * 1000 });
  return (await checkDnssec(dns, domain)).findings;
}

export async function dnssecFindings(): Promise<Finding[]> {
  const records = [
    dnskey('example.test'),
    mx('example.test', 'mx1.mail.test'),
    txt('example.test', 'v=spf1 -all'),
    txt('_dmarc.example.test', 'v=DMARC1; p=reject'),
    dnskey('mail.test'),
    a('mx1.mail.test'),
    tlsa('mx1.mail.test'),
  ];
  const out: Finding[] = [];
  for (const zoneStates of [
    undefined,
    secure,
    zones(['example.test', 'secure'], ['mail.test', 'secure']),
    zones(['example.test', 'bogus'], ['mail.test', 'secure']),
  ]) {
    const { dns } = fakeDns(records, zoneStates ? { zones: zoneStates } : {});
    out.push(...(await checkDnssec(dns, 'example.test')).findings);
  }
  const window = { inception: NOW - 20 * 86400, expiration: NOW - 3600 };
  out.push(...(await locallyValidated([{ apex: '' }, mailZone('example', { window })], 'example')));
  out.push(...(await locallyValidated([{ apex: '' }, mailZone('example')], 'example')));
  const bothSigned = zones(['example.test', 'secure'], ['mail.test', 'secure']);
  const cnameHost = [
    ...records.slice(0, 5),
    { name: 'mx1.mail.test', type: 'CNAME', data: 'h.other.test' },
    a('h.other.test'),
  ];
  out.push(
    ...(await checkDnssec(fakeDns(cnameHost, { zones: bothSigned }).dns, 'example.test')).findings,
  );
  // An unsigned MX and TXT inside a signed domain, as mx-tlsa-dnssec.test.ts fakes them.
  const { dns } = fakeDns(records, { zones: bothSigned });
  const insecureView = {
    query: (name: string, type: never, o?: object) =>
      dns
        .query(name, type, o)
        .then((ans) =>
          ans.type === 'MX' || ans.type === 'TXT' ? { ...ans, authenticData: false } : ans,
        ),
  };
  out.push(...(await checkDnssec(insecureView, 'example.test')).findings);
  return out;
}
