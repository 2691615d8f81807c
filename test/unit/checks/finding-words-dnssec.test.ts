// The DNSSEC and TLSA findings in the reader's language (issue 16, "Languages"): each is worded
// as a catalogue key whose English is the unchanged `message`, and German words it in German.
// Scenarios follow mx-tlsa-dnssec.test.ts (resolver's AD flag) and dnssec-local.test.ts (local
// validation), which assert the codes themselves.
import { describe, expect, it } from 'vitest';
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
import { expectWorded, inGerman } from './worded.ts';

const tlsa = (host: string, usage = 3, selector = 1, matchingType = 1, data = 'ab'.repeat(32)) =>
  ({
    name: `_25._tcp.${host}`,
    type: 'TLSA',
    data: { usage, selector, matchingType, data },
  }) satisfies FakeRecord;
const dnskey = (name: string): FakeRecord => ({ name, type: 'DNSKEY', data: 'k' });
const zones = (...list: [string, FakeZoneState['dnssec']][]) =>
  list.map(([apex, dnssec]) => ({ apex, dnssec }));
const secure = zones(['example.test', 'secure']);
const base = [mx('example.test', 'mx1.example.test'), a('mx1.example.test')];

async function tlsaFindings(): Promise<Finding[]> {
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

async function dnssecFindings(): Promise<Finding[]> {
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
  return out;
}

describe('DNSSEC and TLSA findings in the reader’s language', () => {
  it('TLSA: every finding is worded, its English unchanged', async () => {
    const findings = await tlsaFindings();
    expect(new Set(findings.map((f) => f.code)).size).toBeGreaterThanOrEqual(7);
    expectWorded(findings);
  });

  it('DNSSEC: every finding is worded, its English unchanged', async () => {
    const findings = await dnssecFindings();
    expect(new Set(findings.map((f) => f.code)).size).toBeGreaterThanOrEqual(6);
    expectWorded(findings);
  });

  it('translates the reason nested in a TLSA finding', async () => {
    const { dns } = fakeDns([...base, tlsa('mx1.example.test', 1)], { zones: secure });
    const pkix = (await checkTlsa(dns, 'example.test')).findings[0];
    if (!pkix) throw new Error('no finding');
    expect(pkix.message).toBe(
      'TLSA PKIX-EE SPKI SHA2-256: PKIX-EE(1) is unsuitable for SMTP (RFC 7672 §3.1.3); senders ignore it.',
    );
    expect(inGerman(pkix)).toBe(
      'TLSA PKIX-EE SPKI SHA2-256: PKIX-EE(1) ist für SMTP ungeeignet (RFC 7672 §3.1.3); Absender ignorieren den Eintrag.',
    );
  });
});
