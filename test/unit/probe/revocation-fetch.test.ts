// The CRL/OCSP fetcher against a hostile HTTP server on loopback (issue 14): every answer a
// responder named in a stranger's certificate can give (error statuses, a redirect to the
// metadata address, 50 MB bodies, a trickle, a reset mid-body, garbage) ends in a refused fetch
// with a reason, and never in an error event nobody listens to, which would end the process.

import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkRevocation } from '../../../lib/probe/revocation.ts';
import {
  createRevocationFetcher,
  type RevocationFetcher,
} from '../../../lib/probe/revocation-fetch.ts';
import {
  answerHostile,
  HOSTILE_ANSWERS,
  type HostileAnswer,
} from '../../lab/adversarial/hostile-http-answers.ts';
import { fakeDns } from './helpers/fake-dns.ts';
import { createTestPki } from './helpers/test-pki.ts';

let server: Server;
let base: string;
let fetcher: RevocationFetcher;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  server = createServer(answerHostile);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fetcher = createRevocationFetcher({ dns: fakeDns({}), allowLoopback: true });
});
afterAll(async () => {
  await fetcher.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  uncaught.length = 0;
  process.on('uncaughtException', onUncaught);
});
afterEach(() => {
  process.off('uncaughtException', onUncaught);
});

/** Lets error events that a destroyed stream emits on a later tick surface. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

const EXPECTED: Record<HostileAnswer, RegExp> = {
  'not-found': /HTTP 404/,
  'server-error': /HTTP 500/,
  'redirect-private': /HTTP 302/,
  huge: /larger than 65536 bytes/,
  'huge-chunked': /larger than 65536 bytes/,
  trickle: /time|abort/i,
  reset: /closed|reset|socket|terminated/i,
  garbage: /^$/, // fetched fine: the parser's job to refuse it, tested below
};

describe('every hostile answer is a refused fetch, not a crash', () => {
  const limits = { timeoutMs: 1_500, maxBytes: 64 * 1024 };
  for (const answer of HOSTILE_ANSWERS) {
    it(`${answer} (GET and POST)`, async () => {
      for (const post of [
        undefined,
        { contentType: 'application/ocsp-request', body: new Uint8Array([0x30, 0]) },
      ]) {
        const result = fetcher.fetchBytes(`${base}/${answer}/x`, {
          ...limits,
          ...(post ? { post } : {}),
        });
        if (answer === 'garbage') expect((await result).byteLength).toBeGreaterThan(0);
        else await expect(result).rejects.toThrow(EXPECTED[answer]);
      }
      await settle();
      expect(uncaught).toEqual([]);
    });
  }
});

describe('through checkRevocation: unknown with the reason, never revoked', () => {
  const pki = createTestPki();
  const issuer = new X509Certificate(pki.intermediate.certPem);
  for (const answer of HOSTILE_ANSWERS.filter((a) => a !== 'trickle')) {
    it(`a CRL distribution point answering ${answer}`, async () => {
      const leaf = pki.leaf({ cn: 'mx.hostile.test', crlUrl: `${base}/${answer}/ca.crl` });
      const result = await checkRevocation(
        new X509Certificate(leaf.certPem),
        issuer,
        fetcher.fetchBytes,
        new Date(),
      );
      expect(result.status).toBe('unknown');
      expect(result.method).toBe('crl');
      expect(result.detail).toContain(`${base}/${answer}/ca.crl`);
      await settle();
      expect(uncaught).toEqual([]);
    });
  }
});

describe('lab mode allows loopback responders and nothing else (issue 14)', () => {
  it('refuses metadata, private and link-local responders before connecting', async () => {
    const dns = fakeDns({
      'meta.hostile.test A': { records: ['169.254.169.254'] },
      'private.hostile.test A': { records: ['10.0.0.1'] },
    });
    const lab = createRevocationFetcher({ dns, allowLoopback: true });
    const limits = { timeoutMs: 500, maxBytes: 1024 };
    try {
      for (const url of [
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.1/ca.crl',
        'http://192.168.1.1/ca.crl',
        'http://[fe80::1]/ca.crl',
      ]) {
        await expect(lab.fetchBytes(url, limits)).rejects.toThrow(/refused/);
      }
      await expect(lab.fetchBytes('http://meta.hostile.test/', limits)).rejects.toThrow(
        /non-public/,
      );
      await expect(lab.fetchBytes('http://private.hostile.test/', limits)).rejects.toThrow(
        /non-public/,
      );
      expect((await lab.fetchBytes(`${base}/garbage/x`, limits)).byteLength).toBeGreaterThan(0);
    } finally {
      await lab.close();
    }
  });
});

describe('the answer cache stays bounded (issue 14, memory under load)', () => {
  it('drops expired answers and keeps at most 1024 entries', async () => {
    let now = 0;
    const cached = createRevocationFetcher({
      dns: fakeDns({}),
      allowLoopback: true,
      ttlMs: 1_000,
      clock: () => now,
    });
    const limits = { timeoutMs: 2_000, maxBytes: 1024 };
    try {
      for (let i = 0; i < 5; i++) await cached.fetchBytes(`${base}/garbage/${i}`, limits);
      expect(cached.cacheStats().entries).toBe(5);
      now = 5_000; // all five expired
      await cached.fetchBytes(`${base}/garbage/next`, limits);
      expect(cached.cacheStats().entries).toBe(1);
      for (let i = 0; i < 1_100; i++) await cached.fetchBytes(`${base}/garbage/n${i}`, limits);
      expect(cached.cacheStats().entries).toBe(1024);
    } finally {
      await cached.close();
    }
  }, 60_000);
});
