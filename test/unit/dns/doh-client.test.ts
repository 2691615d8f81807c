import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../../lib/dns/answer-cache.ts';
import { createDohClient } from '../../../lib/dns/index.ts';
import { createFakeDoh, type FakeDohOptions } from '../../fixtures/dns/fake-doh.ts';

const R1 = 'https://doh-one.test/dns-query';
const R2 = 'https://doh-two.test/dns-query';

const zone: FakeDohOptions = {
  zones: [
    { apex: 'secure.test', dnssec: 'secure' },
    { apex: 'plain.test', dnssec: 'insecure' },
    { apex: 'bogus.test', dnssec: 'bogus' },
  ],
  records: [
    { name: 'secure.test', type: 'MX', data: { preference: 10, exchange: 'MX1.Secure.Test.' } },
    {
      name: 'secure.test',
      type: 'TXT',
      data: `v=spf1 ${'ip4:192.0.2.1 '.repeat(30)}-all`,
      ttl: 120,
    },
    { name: 'mx1.secure.test', type: 'A', data: '192.0.2.25' },
    {
      name: '_25._tcp.mx1.secure.test',
      type: 'TLSA',
      data: { usage: 3, selector: 1, matchingType: 1, data: 'ab01ff' },
    },
    { name: 'www.plain.test', type: 'CNAME', data: 'web.plain.test' },
    { name: 'web.plain.test', type: 'A', data: '192.0.2.80' },
    { name: 'loop1.plain.test', type: 'CNAME', data: 'loop2.plain.test' },
    { name: 'loop2.plain.test', type: 'CNAME', data: 'loop1.plain.test' },
    { name: 'sub.deep.plain.test', type: 'A', data: '192.0.2.9' },
    { name: 'bogus.test', type: 'A', data: '192.0.2.66' },
  ],
};

function client(
  extra: Partial<FakeDohOptions> = {},
  options: Parameters<typeof createDohClient>[0] = {},
) {
  const fake = createFakeDoh({ ...zone, ...extra });
  const dns = createDohClient({ resolvers: [R1], transport: fake.transport, ...options });
  return { fake, dns };
}

describe('DoH client: answers', () => {
  it('parses records, reports AD and the resolver, sends DO and ID 0 over GET', async () => {
    const { fake, dns } = client();
    const mx = await dns.query('Secure.Test.', 'MX');
    expect(mx).toMatchObject({
      name: 'secure.test',
      status: 'noerror',
      authenticData: true,
      resolver: R1,
    });
    expect(mx.records).toEqual([{ preference: 10, exchange: 'mx1.secure.test' }]);
    expect(fake.queries[0]).toMatchObject({
      method: 'GET',
      id: 0,
      dnssecOk: true,
      checkingDisabled: false,
    });
  });

  it('joins TXT character-strings without separators', async () => {
    const { dns } = client();
    const txt = await dns.query('secure.test', 'TXT');
    expect(txt.records[0]).toBe(`v=spf1 ${'ip4:192.0.2.1 '.repeat(30)}-all`);
    expect(txt.ttl).toBe(120);
  });

  it('parses TLSA into numbers and lowercase hex', async () => {
    const { dns } = client();
    const tlsa = await dns.query('_25._tcp.mx1.secure.test', 'TLSA');
    expect(tlsa.records).toEqual([{ usage: 3, selector: 1, matchingType: 1, data: 'ab01ff' }]);
  });

  it('works over POST with a random ID', async () => {
    const { fake, dns } = client({}, { method: 'POST' });
    const a = await dns.query('mx1.secure.test', 'A');
    expect(a.records).toEqual(['192.0.2.25']);
    expect(fake.queries[0]?.method).toBe('POST');
  });

  it('tells NXDOMAIN from NODATA and takes the negative TTL from the SOA', async () => {
    const { dns } = client();
    const nx = await dns.query('nothing.plain.test', 'TXT');
    const nodata = await dns.query('web.plain.test', 'TXT');
    const emptyNonTerminal = await dns.query('deep.plain.test', 'A');
    expect(nx).toMatchObject({ status: 'nxdomain', ttl: 60, authenticData: false });
    expect(nodata.status).toBe('nodata');
    expect(emptyNonTerminal.status).toBe('nodata');
  });

  it('reports SERVFAIL for bogus data, and the data without AD when CD is set', async () => {
    const { dns } = client();
    const validated = await dns.query('bogus.test', 'A');
    const unchecked = await dns.query('bogus.test', 'A', { checkingDisabled: true });
    expect(validated.status).toBe('servfail');
    expect(unchecked).toMatchObject({
      status: 'noerror',
      authenticData: false,
      records: ['192.0.2.66'],
    });
  });
});

describe('DoH client: CNAME chains', () => {
  it('follows a chain and records it', async () => {
    const { dns } = client();
    const a = await dns.query('www.plain.test', 'A');
    expect(a).toMatchObject({
      status: 'noerror',
      cnameChain: ['web.plain.test'],
      records: ['192.0.2.80'],
    });
  });

  it('turns a CNAME loop into temperror', async () => {
    const { dns } = client();
    const a = await dns.query('loop1.plain.test', 'A');
    expect(a.status).toBe('temperror');
    expect(a.error).toMatch(/loop|longer/);
  });

  it('limits chain length', async () => {
    const records = Array.from({ length: 6 }, (_, i) => ({
      name: `c${i}.plain.test`,
      type: 'CNAME',
      data: `c${i + 1}.plain.test`,
    }));
    const { dns } = client(
      { records: [...records, { name: 'c6.plain.test', type: 'A', data: '192.0.2.1' }] },
      { maxCnameChain: 3 },
    );
    const a = await dns.query('c0.plain.test', 'A');
    expect(a).toMatchObject({ status: 'temperror', error: 'CNAME chain longer than 3' });
  });

  it('asks again when the resolver stops mid-chain', async () => {
    const { fake, dns } = client({
      hook: (q) => (q.name === 'www.plain.test' ? { body: partialChain(q.id) } : undefined),
    });
    const a = await dns.query('www.plain.test', 'A');
    expect(a).toMatchObject({
      status: 'noerror',
      records: ['192.0.2.80'],
      cnameChain: ['web.plain.test'],
    });
    expect(fake.queries.map((q) => q.name)).toEqual(['www.plain.test', 'web.plain.test']);
  });
});

describe('DoH client: cache, coalescing, failover, timeouts', () => {
  it('serves repeats from the cache, negative answers too, until the TTL runs out', async () => {
    let now = 1_000_000;
    const { fake, dns } = client({}, { cache: new AnswerCache({ now: () => now }) });
    await dns.query('mx1.secure.test', 'A');
    await dns.query('nothing.plain.test', 'A');
    const again = await dns.query('mx1.secure.test', 'A');
    await dns.query('nothing.plain.test', 'A');
    expect(fake.queries).toHaveLength(2);
    expect(again.ttl).toBe(300);
    now += 61_000; // the negative TTL (60 s) has passed, the positive one (300 s) has not
    await dns.query('nothing.plain.test', 'A');
    await dns.query('mx1.secure.test', 'A');
    expect(fake.queries).toHaveLength(3);
    expect(dns.stats().cacheHits).toBe(3);
  });

  it('never caches SERVFAIL', async () => {
    const { fake, dns } = client();
    await dns.query('bogus.test', 'A');
    await dns.query('bogus.test', 'A');
    expect(fake.queries).toHaveLength(2);
  });

  it('coalesces identical in-flight queries into one request', async () => {
    const { fake, dns } = client({ delayMs: 20 });
    const answers = await Promise.all([1, 2, 3].map(() => dns.query('mx1.secure.test', 'A')));
    expect(answers.map((a) => a.records[0])).toEqual(['192.0.2.25', '192.0.2.25', '192.0.2.25']);
    expect(fake.queries).toHaveLength(1);
    expect(dns.stats().coalesced).toBe(2);
  });

  it('times out per query as temperror, then fails over to the next resolver', async () => {
    const fake = createFakeDoh({ ...zone, hook: () => undefined });
    const hanging = createFakeDoh({ ...zone, hook: () => 'hang' });
    const dns = createDohClient({
      resolvers: [R1, R2],
      timeoutMs: 50,
      transport: (req) => (req.url.startsWith(R1) ? hanging.transport(req) : fake.transport(req)),
    });
    const a = await dns.query('mx1.secure.test', 'A');
    expect(a).toMatchObject({ status: 'noerror', resolver: R2 });
    // The working resolver is now preferred: no second timeout.
    const started = Date.now();
    await dns.query('web.plain.test', 'A');
    expect(Date.now() - started).toBeLessThan(45);
  });

  it('reports temperror with the reason when every resolver times out', async () => {
    const { dns } = client({ hook: () => 'hang' }, { timeoutMs: 30 });
    const a = await dns.query('mx1.secure.test', 'A');
    expect(a).toMatchObject({
      status: 'temperror',
      error: 'timeout after 30 ms',
      authenticData: false,
    });
  });

  it('returns temperror when the caller aborts', async () => {
    const { dns } = client({ delayMs: 200 });
    const controller = new AbortController();
    const pending = dns.query('mx1.secure.test', 'A', { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ status: 'temperror', error: 'aborted' });
  });

  it('reports transport failures as temperror', async () => {
    const dns = createDohClient({
      resolvers: [R1],
      transport: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const a = await dns.query('example.test', 'A');
    expect(a).toMatchObject({ status: 'temperror', error: 'TypeError: Failed to fetch' });
    expect(dns.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  // Issue 22: a 4-worker scan reported one domain's DMARC as "could not test" because Unbound,
  // its TCP slots full, closed one DoH connection during the TLS handshake. A connection lost
  // before any answer says nothing about the name: the same resolver is asked again.
  it('asks again when the connection fails before any answer, then answers', async () => {
    const fake = createFakeDoh(zone);
    let failures = 1;
    const dns = createDohClient({
      resolvers: [R1],
      transport: async (req) => {
        if (failures-- > 0)
          throw new Error('Client network socket disconnected before secure TLS connection');
        return fake.transport(req);
      },
    });
    const a = await dns.query('mx1.secure.test', 'A');
    expect(a).toMatchObject({ status: 'noerror', records: ['192.0.2.25'] });
    expect(dns.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  it('does not ask again after a timeout, an HTTP error or a bad answer', async () => {
    for (const hook of [
      () => 'hang' as const,
      () => ({ status: 503 }),
      () => ({ contentType: 'text/html' }),
    ]) {
      const { dns } = client({ hook }, { timeoutMs: 30 });
      expect(await dns.query('mx1.secure.test', 'A')).toMatchObject({ status: 'temperror' });
      expect(dns.stats()).toMatchObject({ requests: 1, retries: 0 });
    }
  });
});

/** A NOERROR answer holding only the first CNAME, with no SOA: the chain left the response. */
function partialChain(id: number): Uint8Array {
  const name = (labels: string[]) => labels.flatMap((l) => [l.length, ...Buffer.from(l)]).concat(0);
  const q = name(['www', 'plain', 'test']);
  const target = name(['web', 'plain', 'test']);
  return new Uint8Array([
    id >> 8,
    id & 0xff,
    0x81,
    0x80,
    0,
    1,
    0,
    1,
    0,
    0,
    0,
    0,
    ...q,
    0,
    1,
    0,
    1,
    0xc0,
    12,
    0,
    5,
    0,
    1,
    0,
    0,
    1,
    0x2c,
    0,
    target.length,
    ...target,
  ]);
}
