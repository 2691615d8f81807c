// The Node DoH transport (undici) against a hostile HTTP server on loopback: a resolver, or
// anything pretending to be one, can send huge, trickling, reset or error answers. Each one is
// a rejected query with a reason; none leaves an unheard stream error behind (issue 14).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createUndiciTransport,
  type UndiciTransport,
} from '../../../lib/dns/node/undici-transport.ts';
import { answerHostile } from '../../lab/adversarial/hostile-http-answers.ts';

let server: Server;
let base: string;
let doh: UndiciTransport;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  server = createServer(answerHostile);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  doh = createUndiciTransport();
});
afterAll(async () => {
  await doh.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  uncaught.length = 0;
  process.on('uncaughtException', onUncaught);
});
afterEach(() => process.off('uncaughtException', onUncaught));

const ask = (path: string) =>
  doh.transport({
    url: `${base}/${path}/dns-query`,
    method: 'GET',
    headers: { accept: 'application/dns-message' },
    signal: AbortSignal.timeout(1_500),
    maxResponseBytes: 65_535,
  });

describe('hostile DoH answers', () => {
  it('a body over the cap is refused and dropped (declared and chunked)', async () => {
    await expect(ask('huge')).rejects.toThrow(/larger than 65535/);
    await expect(ask('huge-chunked')).rejects.toThrow(/larger than 65535/);
  });
  it('a trickle ends at the time limit', async () => {
    await expect(ask('trickle')).rejects.toThrow(/abort|time/i);
  });
  it('a reset mid-body rejects', async () => {
    await expect(ask('reset')).rejects.toThrow();
  });
  it('error statuses come back as statuses for the client to judge', async () => {
    expect((await ask('not-found')).status).toBe(404);
    expect((await ask('server-error')).status).toBe(500);
    expect((await ask('redirect-private')).status).toBe(302);
  });
  it('leaves no unheard error events behind', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(uncaught).toEqual([]);
  });
});
