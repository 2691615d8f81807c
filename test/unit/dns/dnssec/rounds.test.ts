// Local validation adds no round trip after an answer: the DS and DNSKEY RRsets of the zone
// most likely to have signed it (its registrable domain, and the suffixes above it) go out
// beside the answer itself, so a dependent lookup (an MX host after the MX set) can start as
// soon as the first answer is in. Requests are batched into rounds by the round counter, so a
// lookup that waits for another's answer lands in a later round, however long the answers take
// (a generous settle time only makes the count safer against a busy machine).
import { describe, expect, it } from 'vitest';
import { createDohClient } from '../../../../lib/dns/doh-client.ts';
import { createValidatingClient } from '../../../../lib/dns/validating-client.ts';
import { countRounds } from '../../../fixtures/dns/round-counter.ts';
import { fakeDohTransport } from './fake-doh.ts';
import { NOW, type ZoneSpec } from './fake-resolver.ts';
import { A, setup, TXT } from './setup.ts';

const specs: ZoneSpec[] = [
  { apex: '' },
  { apex: 'com', denial: 'nsec3', nsec3: { optOut: true } },
  {
    apex: 'one.com',
    records: [
      { name: 'one.com', type: 'MX', ttl: 300, data: { preference: 10, exchange: 'mx.one.com' } },
      A('mx.one.com'),
      TXT('_dmarc.one.com', 'v=DMARC1; p=reject'),
    ],
  },
  { apex: 'two.com', records: [A('mx.two.com'), TXT('two.com', 'v=spf1 -all')] },
  { apex: 'hosting.net', records: [A('mx.customer.hosting.net')] },
  { apex: 'net', denial: 'nsec3', nsec3: { optOut: true } },
];

async function client() {
  const { resolver, anchor } = await setup(specs);
  const counter = countRounds(fakeDohTransport(resolver), 50);
  const inner = createDohClient({
    resolvers: ['https://doh.test/dns-query'],
    transport: counter.transport,
  });
  const dns = createValidatingClient(inner, { anchor, now: () => NOW * 1000 });
  return { dns, counter, resolver };
}

describe('validation rounds', () => {
  it('a cold answer is validated in the round that fetched it (RFC 4035 §5: chain from the anchor)', async () => {
    const { dns, counter } = await client();
    const answer = await dns.query('one.com', 'MX');
    expect(answer.dnssec?.state).toBe('secure');
    expect(counter.rounds()).toBe(1);
  });

  it('two domains validated at once share the anchor without waiting for it', async () => {
    const { dns, counter } = await client();
    const [one, two] = await Promise.all([dns.query('one.com', 'MX'), dns.query('two.com', 'TXT')]);
    expect([one.dnssec?.state, two.dnssec?.state]).toEqual(['secure', 'secure']);
    expect(counter.rounds()).toBe(1);
  });

  it('a dependent lookup in another zone costs one round more, not two', async () => {
    const { dns, counter } = await client();
    await dns.query('one.com', 'MX');
    const host = await dns.query('mx.customer.hosting.net', 'A');
    expect(host.dnssec?.state).toBe('secure');
    expect(counter.rounds()).toBe(2);
  });

  it('a name in a known zone asks no DS or DNSKEY again', async () => {
    const { dns, resolver } = await client();
    await dns.query('one.com', 'MX');
    resolver.queries.length = 0;
    await Promise.all([dns.query('mx.one.com', 'A'), dns.query('_dmarc.one.com', 'TXT')]);
    expect(resolver.queries.sort()).toEqual(['_dmarc.one.com|TXT', 'mx.one.com|A']);
  });
});
