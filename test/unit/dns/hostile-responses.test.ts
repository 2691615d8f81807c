// A malformed or hostile resolver reply must end as a clean temperror, never a throw.
import { Buffer } from 'buffer';
import * as packet from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { createDohClient } from '../../../lib/dns/index.ts';
import type { DohHttpResponse } from '../../../lib/dns/transport.ts';
import { createFakeDoh, type FakeQuery } from '../../fixtures/dns/fake-doh.ts';

const records = [{ name: 'host.test', type: 'A', data: '192.0.2.1' }];

async function ask(reply: (q: FakeQuery) => Partial<DohHttpResponse>, maxResponseBytes?: number) {
  const fake = createFakeDoh({ records, hook: (q) => reply(q) });
  const dns = createDohClient({
    resolvers: ['https://doh.test/dns-query'],
    transport: fake.transport,
    ...(maxResponseBytes ? { maxResponseBytes } : {}),
  });
  return dns.query('host.test', 'A');
}

const header = (id: number, flags = 0x8180, qd = 1, an = 0) => [
  id >> 8,
  id & 0xff,
  flags >> 8,
  flags & 0xff,
  0,
  qd,
  0,
  an,
  0,
  0,
  0,
  0,
];
const hostTest = [4, ...Buffer.from('host'), 4, ...Buffer.from('test'), 0];

function wire(p: packet.Packet): Uint8Array {
  return new Uint8Array(packet.encode(p));
}

function goodReply(id: number, overrides: Partial<packet.Packet> = {}): Uint8Array {
  return wire({
    type: 'response',
    id,
    flags: packet.RECURSION_AVAILABLE,
    questions: [{ name: 'host.test', type: 'A', class: 'IN' }],
    answers: [{ name: 'host.test', type: 'A', ttl: 60, data: '192.0.2.1' }],
    ...overrides,
  });
}

describe('hostile DoH responses become temperror', () => {
  it('compression pointer loop in the question name', async () => {
    const bytes = new Uint8Array([...header(0), 0xc0, 12, 0, 1, 0, 1]);
    const a = await ask(() => ({ body: bytes }));
    expect(a).toMatchObject({ status: 'temperror' });
    expect(a.error).toMatch(/malformed/);
  });

  it('compression loop between two answer names', async () => {
    const answerAt = 12 + hostTest.length + 4;
    const bytes = new Uint8Array([
      ...header(0, 0x8180, 1, 1),
      ...hostTest,
      0,
      1,
      0,
      1,
      1,
      0x61,
      0xc0,
      answerAt + 3,
      1,
      0x62,
      0xc0,
      answerAt,
      0,
      1,
      0,
      1,
      0,
      0,
      0,
      60,
      0,
      4,
      192,
      0,
      2,
      1,
    ]);
    const a = await ask(() => ({ body: bytes }));
    expect(a.status).toBe('temperror');
  });

  it('truncated packet (cut mid-record)', async () => {
    const full = goodReply(0);
    const a = await ask(() => ({ body: full.slice(0, full.length - 3) }));
    expect(a).toMatchObject({ status: 'temperror' });
    expect(a.error).toMatch(/malformed/);
  });

  it('header shorter than 12 bytes and an empty body', async () => {
    expect((await ask(() => ({ body: new Uint8Array([0, 0, 0x81]) }))).status).toBe('temperror');
    expect((await ask(() => ({ body: new Uint8Array(0) }))).status).toBe('temperror');
  });

  it('random garbage', async () => {
    const garbage = new Uint8Array(200).map((_, i) => (i * 97 + 13) % 256);
    expect((await ask(() => ({ body: garbage }))).status).toBe('temperror');
  });

  it('wrong DNS ID', async () => {
    const a = await ask(() => ({ body: goodReply(4242) }));
    expect(a).toMatchObject({ status: 'temperror', error: 'wrong DNS ID 4242, sent 0' });
  });

  it('answer to a different question (cache-poisoning shape)', async () => {
    const body = goodReply(0, { questions: [{ name: 'evil.test', type: 'A', class: 'IN' }] });
    const a = await ask(() => ({ body }));
    expect(a).toMatchObject({
      status: 'temperror',
      error: 'response does not echo the question asked',
    });
  });

  it('answer for a different type', async () => {
    const body = goodReply(0, { questions: [{ name: 'host.test', type: 'TXT', class: 'IN' }] });
    expect((await ask(() => ({ body }))).status).toBe('temperror');
  });

  it('a query echoed back (QR unset)', async () => {
    const body = wire({
      type: 'query',
      id: 0,
      questions: [{ name: 'host.test', type: 'A', class: 'IN' }],
    });
    const a = await ask(() => ({ body }));
    expect(a.error).toMatch(/QR unset/);
  });

  it('truncated flag set', async () => {
    const body = goodReply(0, { flags: packet.TRUNCATED_RESPONSE });
    expect((await ask(() => ({ body }))).error).toMatch(/TC set/);
  });

  it('oversized response', async () => {
    const answers = Array.from({ length: 100 }, (_, i) => ({
      name: 'host.test',
      type: 'A' as const,
      ttl: 60,
      data: `192.0.2.${i}`,
    }));
    const body = goodReply(0, { answers });
    const a = await ask(() => ({ body }), 512);
    expect(a).toMatchObject({ status: 'temperror', error: 'response larger than 512 bytes' });
  });

  it('HTTP error status and wrong media type', async () => {
    expect((await ask(() => ({ status: 502 }))).error).toBe('HTTP 502');
    const html = await ask(() => ({ contentType: 'text/html', body: new Uint8Array([60, 104]) }));
    expect(html.error).toMatch(/content-type/);
  });

  it('REFUSED and FORMERR rcodes', async () => {
    const refused = goodReply(0, { flags: 5, answers: [] });
    expect((await ask(() => ({ body: refused }))).error).toBe('resolver answered REFUSED');
    const formerr = goodReply(0, { flags: 1, answers: [] });
    expect((await ask(() => ({ body: formerr }))).error).toBe('resolver answered FORMERR');
  });

  it('an A record with a malformed RDATA length', async () => {
    const bytes = new Uint8Array([
      ...header(0, 0x8180, 1, 1),
      ...hostTest,
      0,
      1,
      0,
      1,
      0xc0,
      12,
      0,
      1,
      0,
      1,
      0,
      0,
      0,
      60,
      0,
      40,
      192,
      0,
      2,
      1,
    ]);
    expect((await ask(() => ({ body: bytes }))).status).toBe('temperror');
  });
});
