import { authenticate, type DNSResolver } from 'mailauth';
import { describe, expect, it } from 'vitest';
import { createDohClient, createMailauthResolver } from '../../../lib/dns/index.ts';
import { createFakeDoh, type FakeRecord } from '../../fixtures/dns/fake-doh.ts';

function resolverFor(records: FakeRecord[], servfail: string[] = []) {
  const fake = createFakeDoh({ records, servfail });
  const dns = createDohClient({
    resolvers: ['https://doh.test/dns-query'],
    transport: fake.transport,
  });
  return { resolve: createMailauthResolver(dns), fake };
}

const records: FakeRecord[] = [
  { name: 'example.test', type: 'TXT', data: `v=spf1 ${'ip4:192.0.2.1 '.repeat(25)}-all` },
  { name: 'example.test', type: 'MX', data: { preference: 10, exchange: 'mx.example.test' } },
  { name: 'mx.example.test', type: 'A', data: '192.0.2.25' },
  { name: 'mx.example.test', type: 'AAAA', data: '2001:db8::25' },
];

describe('mailauth resolver adapter (dns.promises.resolve contract)', () => {
  it('returns Node-shaped results', async () => {
    const { resolve } = resolverFor(records);
    expect(await resolve('mx.example.test', 'A')).toEqual(['192.0.2.25']);
    expect(await resolve('mx.example.test')).toEqual(['192.0.2.25']);
    expect(await resolve('mx.example.test', 'AAAA')).toEqual(['2001:db8::25']);
    expect(await resolve('example.test', 'MX')).toEqual([
      { exchange: 'mx.example.test', priority: 10 },
    ]);
    const txt = (await resolve('example.test', 'TXT')) as string[][];
    expect(txt).toHaveLength(1);
    expect(txt[0]?.join('')).toBe(`v=spf1 ${'ip4:192.0.2.1 '.repeat(25)}-all`);
  });

  it('maps NXDOMAIN to ENOTFOUND, NODATA to ENODATA, SERVFAIL to ESERVFAIL', async () => {
    const { resolve } = resolverFor(records, ['broken.test']);
    await expect(resolve('nowhere.example.test', 'TXT')).rejects.toMatchObject({
      code: 'ENOTFOUND',
      hostname: 'nowhere.example.test',
      syscall: 'queryTxt',
    });
    await expect(resolve('mx.example.test', 'TXT')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(resolve('broken.test', 'A')).rejects.toMatchObject({ code: 'ESERVFAIL' });
    await expect(resolve('example.test', 'SRV')).rejects.toMatchObject({ code: 'ENOTIMP' });
  });

  it('maps timeouts to ETIMEOUT', async () => {
    const fake = createFakeDoh({ records, hook: () => 'hang' });
    const dns = createDohClient({
      resolvers: ['https://doh.test/dns-query'],
      transport: fake.transport,
      timeoutMs: 20,
    });
    await expect(createMailauthResolver(dns)('example.test', 'TXT')).rejects.toMatchObject({
      code: 'ETIMEOUT',
    });
  });

  it('drives mailauth SPF entirely through our DoH client', async () => {
    const { resolve: nodeShaped, fake } = resolverFor(records);
    const resolve = nodeShaped as DNSResolver; // mailauth's type omits the MX objects it reads
    const message = 'From: a@example.test\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nbody\r\n';
    const pass = await authenticate(message, {
      ip: '192.0.2.1',
      helo: 'mx.example.test',
      sender: 'a@example.test',
      mta: 'mx.example.org',
      resolver: resolve,
    });
    expect(pass.spf ? pass.spf.status.result : null).toBe('pass');
    const fail = await authenticate(message, {
      ip: '198.51.100.9',
      helo: 'mx.example.test',
      sender: 'a@example.test',
      mta: 'mx.example.org',
      resolver: resolve,
    });
    expect(fail.spf ? fail.spf.status.result : null).toBe('fail');
    expect(fake.queries.some((q) => q.name === 'example.test' && q.type === 'TXT')).toBe(true);
    // DMARC discovery went through us too and found nothing (ENOTFOUND handled as "none").
    expect(pass.dmarc ? pass.dmarc.status.result : null).toBe('none');
  });
});
