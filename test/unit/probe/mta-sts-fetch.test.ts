import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMtaStsPolicy, policyContextFor } from '../../../lib/probe/mta-sts-fetch.ts';
import { answerWith } from '../../lab/adversarial/hostile-http-answers.ts';
import { expectWorded } from '../checks/worded.ts';
import { fakeDns } from './helpers/fake-dns.ts';
import { type PolicyResponse, startPolicyServer } from './helpers/policy-server.ts';
import { createTestPki } from './helpers/test-pki.ts';

const pki = createTestPki();
const good = pki.leaf({ cn: 'mta-sts.example.test', sans: ['mta-sts.example.test'] });
const wrong = pki.leaf({ cn: 'www.example.test', sans: ['www.example.test'] });
const chain = (leaf: typeof good) => ({
  key: leaf.keyPem,
  cert: leaf.certPem + pki.intermediate.certPem,
});
const policy = 'version: STSv1\r\nmode: enforce\r\nmx: mx.example.test\r\nmax_age: 86400\r\n';

let next: PolicyResponse = {};
let server: Awaited<ReturnType<typeof startPolicyServer>>;
let wrongNameServer: Awaited<ReturnType<typeof startPolicyServer>>;
beforeAll(async () => {
  server = await startPolicyServer(chain(good), () => next);
  wrongNameServer = await startPolicyServer(chain(wrong), () => ({ body: policy }));
});
afterAll(async () => {
  await server.close();
  await wrongNameServer.close();
});

const dns = fakeDns({ 'mta-sts.example.test A': { records: ['127.0.0.1'], cnameChain: [] } });
const options = (port: number, extra = {}) => ({
  dns,
  ca: [pki.root.certPem],
  allowLoopback: true,
  timeoutMs: 2_000,
  maxBytes: 64 * 1024,
  port,
  ...extra,
});

describe('fetchMtaStsPolicy', () => {
  it('fetches a policy over PKIX-valid HTTPS from the well-known path', async () => {
    next = { body: policy };
    const result = await fetchMtaStsPolicy('example.test', options(server.port));
    expect(result).toMatchObject({ ok: true, body: policy });
    expect(server.paths.at(-1)).toBe('/.well-known/mta-sts.txt');
  });
  it.each([
    [{ status: 404, body: 'nope' }, 'http-status'],
    [{ status: 301, headers: { location: 'https://elsewhere.test/' } }, 'http-redirect'],
    [{ body: policy, headers: { 'content-type': 'text/html' } }, 'http-content-type'],
    [{ body: 'x'.repeat(70 * 1024) }, 'http-too-large'],
  ])('classifies %j as %s', async (response, kind) => {
    next = response;
    const result = await fetchMtaStsPolicy('example.test', options(server.port));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ category: 'policy-fetch', kind });
    if (!result.ok) expectWorded([result.error]);
  });
  it('tells a certificate name mismatch from other TLS errors', async () => {
    const mismatch = await fetchMtaStsPolicy('example.test', options(wrongNameServer.port));
    expect(!mismatch.ok && mismatch.error.kind).toBe('tls-name-mismatch');
    const otherCa = createTestPki();
    const failed = await fetchMtaStsPolicy(
      'example.test',
      options(server.port, { ca: [otherCa.root.certPem] }),
    );
    expect(!failed.ok && failed.error.kind).toBe('tls');
    expectWorded([mismatch, failed].flatMap((r) => (r.ok ? [] : [r.error])));
  });
  it('builds the TLS context once per roots list, and each list trusts only its own roots', async () => {
    // A bulk scan fetches thousands of policies with the engine's one roots list: loading every
    // root into a new context per fetch was 3 % of a worker's CPU (issue 22).
    const roots = [pki.root.certPem];
    next = { body: policy };
    const first = await fetchMtaStsPolicy('example.test', options(server.port, { ca: roots }));
    const context = policyContextFor(roots);
    const second = await fetchMtaStsPolicy('example.test', options(server.port, { ca: roots }));
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(policyContextFor(roots)).toBe(context);
    const otherRoots = [createTestPki().root.certPem];
    expect(policyContextFor(otherRoots)).not.toBe(context);
    const refused = await fetchMtaStsPolicy(
      'example.test',
      options(server.port, { ca: otherRoots }),
    );
    expect(refused).toMatchObject({ ok: false, error: { kind: 'tls' } });
    // The context built for the first list still trusts it.
    expect((await fetchMtaStsPolicy('example.test', options(server.port, { ca: roots }))).ok).toBe(
      true,
    );
  });

  it('reports a closed port as a TCP error', async () => {
    const result = await fetchMtaStsPolicy('example.test', options(1));
    expect(!result.ok && result.error.kind).toBe('tcp');
    if (!result.ok) expectWorded([result.error]);
  });
  it('reports a policy host without addresses as a DNS error', async () => {
    const result = await fetchMtaStsPolicy('other.test', options(server.port));
    expect(!result.ok && result.error.kind).toBe('dns');
  });
  it('refuses non-public addresses outside lab mode', async () => {
    const result = await fetchMtaStsPolicy(
      'example.test',
      options(server.port, { allowLoopback: false }),
    );
    expect(!result.ok && result.error.message).toMatch(/non-public/);
  });
});

describe('fetchMtaStsPolicy against hostile policy hosts (issue 14)', () => {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  it.each([
    ['not-found', 'http-status'],
    ['server-error', 'http-status'],
    ['redirect-private', 'http-redirect'],
    ['huge', 'http-too-large'],
    ['huge-chunked', 'http-too-large'],
    ['trickle', 'http'],
    ['reset', 'http'],
  ] as const)(
    '%s ends as %s within the time limit, leaving no unheard error',
    async (answer, kind) => {
      const hostile = https.createServer(chain(good), (req, res) => answerWith(answer, req, res));
      await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
      process.on('uncaughtException', onUncaught);
      try {
        const started = Date.now();
        const port = (hostile.address() as AddressInfo).port;
        const result = await fetchMtaStsPolicy('example.test', options(port, { timeoutMs: 1_500 }));
        expect(Date.now() - started).toBeLessThan(2_500); // a 1 byte/s trickle is cut at the limit
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toMatchObject({ category: 'policy-fetch', kind });
        if (!result.ok) expectWorded([result.error]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(uncaught).toEqual([]);
      } finally {
        process.off('uncaughtException', onUncaught);
        hostile.closeAllConnections();
        await new Promise<void>((resolve) => hostile.close(() => resolve()));
      }
    },
  );
});

describe('a policy body cut short', () => {
  it('is a fetch error, even when the part that arrived parses as a policy', async () => {
    const cut = https.createServer(chain(good), (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '4000' });
      res.write(policy);
      setTimeout(() => req.socket.destroy(), 50);
    });
    await new Promise<void>((resolve) => cut.listen(0, '127.0.0.1', resolve));
    try {
      const port = (cut.address() as AddressInfo).port;
      const result = await fetchMtaStsPolicy('example.test', options(port));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('http');
    } finally {
      await new Promise<void>((resolve) => cut.close(() => resolve()));
    }
  });
});

describe('lab mode allows a loopback policy host and nothing else (issue 14)', () => {
  it.each([['169.254.169.254'], ['10.0.0.1'], ['192.168.0.10'], ['fd00:ec2::254']])(
    'a policy host on %s is refused even in lab mode',
    async (address) => {
      const family = address.includes(':') ? 'AAAA' : 'A';
      const hostile = fakeDns({ [`mta-sts.example.test ${family}`]: { records: [address] } });
      const result = await fetchMtaStsPolicy('example.test', { ...options(443), dns: hostile });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ kind: 'dns' });
      if (!result.ok) expect(result.error.message).toMatch(/non-public/);
    },
  );
});
