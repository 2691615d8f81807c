// A caller's abort (AbortSignal) ends that caller's wait with a temperror "aborted" answer in
// both DNS clients, while the shared work behind it finishes and fills the caches for others.
import { describe, expect, it } from 'vitest';
import { createDohClient } from '../../../lib/dns/doh-client.ts';
import { raceAbort } from '../../../lib/dns/race-abort.ts';
import type { DnsAnswer } from '../../../lib/dns/types.ts';
import { createValidatingClient } from '../../../lib/dns/validating-client.ts';
import { fakeDohTransport } from './dnssec/fake-doh.ts';
import { NOW } from './dnssec/fake-resolver.ts';
import { A, setup } from './dnssec/setup.ts';

const answer: DnsAnswer<'A'> = {
  name: 'example',
  type: 'A',
  status: 'noerror',
  records: ['192.0.2.1'],
  authenticData: true,
  cnameChain: [],
  ttl: 300,
  resolver: 'https://doh.test/dns-query',
};

describe('raceAbort', () => {
  it('answers "aborted" at once for a signal aborted before the call', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await raceAbort(new Promise<never>(() => {}), controller.signal, 'example', 'A');
    expect(out).toMatchObject({
      name: 'example',
      type: 'A',
      status: 'temperror',
      error: 'aborted',
    });
    expect(out.records).toEqual([]);
    expect(out.authenticData).toBe(false);
  });

  it('passes the shared answer through when no abort comes', async () => {
    const controller = new AbortController();
    expect(await raceAbort(Promise.resolve(answer), controller.signal, 'example', 'A')).toBe(
      answer,
    );
  });
});

describe('the validating client on a caller abort', () => {
  it('ends the wait with temperror and still caches the validated answer', async () => {
    const { resolver, anchor } = await setup([
      { apex: '' },
      { apex: 'example', records: [A('mx.example')] },
    ]);
    const inner = createDohClient({
      resolvers: ['https://doh.test/dns-query'],
      transport: fakeDohTransport(resolver),
    });
    const dns = createValidatingClient(inner, { anchor, now: () => NOW * 1000 });
    const controller = new AbortController();
    const pending = dns.query('mx.example', 'A', { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ status: 'temperror', error: 'aborted' });
    // The validation went on; asked again, the answer is secure without new chain lookups.
    const later = await dns.query('mx.example', 'A');
    const before = resolver.queries.length;
    const again = await dns.query('mx.example', 'A');
    expect(later).toMatchObject({ status: 'noerror', authenticData: true });
    expect(again.dnssec?.state).toBe('secure');
    expect(resolver.queries.length).toBe(before);
  });
});
