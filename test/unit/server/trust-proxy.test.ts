// Issue 14: `--trust-proxy` took the left-most X-Forwarded-For entry, which the client writes, so
// 150 requests with rotating values passed a limit of 120. Now only configured hops or proxy
// addresses are believed and the client is the right-most untrusted address; the limits hold
// whatever a client puts in the header.

import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../../server/app.ts';
import { createMemoryBackends } from '../../../server/backends/memory-backends.ts';
import { loadServiceConfig } from '../../../server/config.ts';
import { createAddressGuard } from '../../../server/core/address-policy.ts';
import { createAssessmentService } from '../../../server/core/assessment-service.ts';
import { MetricsRegistry } from '../../../server/core/metrics.ts';
import { parseTrustProxy, type TrustProxy } from '../../../server/http/trust-proxy.ts';
import { createFakeEngine } from './support/fake-engine.ts';

const domains = Array.from({ length: 40 }, (_, i) => `d${i}.example.com`);
const WORLD = {
  mx: Object.fromEntries(domains.map((d) => [d, ['mx.provider.net']])),
  addresses: { 'mx.provider.net': ['192.0.43.10'] },
};

const apps: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

function setup(trustProxy: TrustProxy, limits = { requests: 5, probes: 3 }) {
  const backends = createMemoryBackends();
  const metrics = new MetricsRegistry();
  const { engine } = createFakeEngine(WORLD);
  const guard = createAddressGuard({ lab: false });
  const service = createAssessmentService({ engine, backends, guard, metrics });
  const app = buildServer({
    service,
    backends,
    metrics,
    trustProxy,
    rateLimits: { ...limits, windowMs: 60_000 },
  });
  apps.push(app, backends);
  // A route that reports what the service takes as the client address.
  app.get('/whoami', async (request) => ({ ip: request.ip }));
  return app;
}

type App = ReturnType<typeof setup>;
const whoami = async (app: App, remoteAddress: string, xff?: string) =>
  (
    await app.inject({
      method: 'GET',
      url: '/whoami',
      remoteAddress,
      ...(xff ? { headers: { 'x-forwarded-for': xff } } : {}),
    })
  ).json().ip;

/** `count` requests for one domain (cached after the first), each with a fresh spoofed entry. */
async function rotating(app: App, remoteAddress: string, count: number, tail = '') {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) {
    const xff = `198.51.100.${i}${tail}`;
    const response = await app.inject({
      method: 'GET',
      url: '/v1/domains/d0.example.com',
      remoteAddress,
      headers: { 'x-forwarded-for': xff },
    });
    codes.push(response.statusCode);
  }
  return codes;
}

describe('parseTrustProxy', () => {
  it('reads hop counts, booleans and address lists', () => {
    expect(parseTrustProxy(undefined)).toEqual({ kind: 'off' });
    expect(parseTrustProxy('0')).toEqual({ kind: 'off' });
    expect(parseTrustProxy(true)).toEqual({ kind: 'hops', hops: 1 });
    expect(parseTrustProxy('yes')).toEqual({ kind: 'hops', hops: 1 });
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16,::1,fd00::/8,loopback')).toEqual({
      kind: 'addresses',
      addresses: ['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback'],
    });
  });
  it('refuses entries that are not addresses or ranges', () => {
    for (const bad of ['proxy.example', '10.0.0.1/33', '::1/129', '10.0.0/8', '1.2.3.4/8/8']) {
      expect(() => parseTrustProxy(bad)).toThrow(/IP address or CIDR/);
    }
  });
  it('comes from flags or MAILSEAL_TRUST_PROXY, flags first', () => {
    expect(loadServiceConfig(['--trust-proxy'], {}).trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(loadServiceConfig(['--trust-proxy-hops', '2'], {}).trustProxy).toEqual({
      kind: 'hops',
      hops: 2,
    });
    expect(
      loadServiceConfig(['--trusted-proxy', '10.0.0.1', '--trusted-proxy', '10.2.0.0/16'], {})
        .trustProxy,
    ).toEqual({ kind: 'addresses', addresses: ['10.0.0.1', '10.2.0.0/16'] });
    expect(loadServiceConfig([], { MAILSEAL_TRUST_PROXY: '1' }).trustProxy).toEqual({
      kind: 'hops',
      hops: 1,
    });
    expect(loadServiceConfig([], { MAILSEAL_TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual({
      kind: 'addresses',
      addresses: ['127.0.0.1'],
    });
    expect(loadServiceConfig([], {}).trustProxy).toEqual({ kind: 'off' });
    expect(() => loadServiceConfig(['--trust-proxy-hops', '0'], {})).toThrow(/hops/);
  });
});

describe('which address is the client', () => {
  it('off: the socket peer, whatever the header says', async () => {
    const app = setup({ kind: 'off' });
    expect(await whoami(app, '10.0.0.1', '203.0.113.7')).toBe('10.0.0.1');
  });
  it('one hop: the entry the proxy added (right-most), never the client-written left ones', async () => {
    const app = setup({ kind: 'hops', hops: 1 });
    expect(await whoami(app, '10.0.0.1', '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(await whoami(app, '10.0.0.1')).toBe('10.0.0.1');
  });
  it('two hops: skips the inner proxy too', async () => {
    const app = setup({ kind: 'hops', hops: 2 });
    expect(await whoami(app, '10.0.0.1', '6.6.6.6, 203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
  });
  it('addresses: the right-most address that is not a configured proxy', async () => {
    const app = setup({ kind: 'addresses', addresses: ['10.0.0.0/24'] });
    expect(await whoami(app, '10.0.0.1', '6.6.6.6, 203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
  });
  it('addresses: a peer that is not a configured proxy is the client, its header ignored', async () => {
    const app = setup({ kind: 'addresses', addresses: ['10.0.0.0/24'] });
    expect(await whoami(app, '192.0.2.50', '6.6.6.6, 10.0.0.2')).toBe('192.0.2.50');
  });
});

describe('the rate limits hold against rotating X-Forwarded-For values', () => {
  it('one hop: request limit 5, rotating left-most entries behind the proxy', async () => {
    const app = setup({ kind: 'hops', hops: 1 });
    const codes = await rotating(app, '10.0.0.1', 8, ', 203.0.113.7');
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });
  it('addresses: a direct client rotating the whole header is still one client', async () => {
    const app = setup({ kind: 'addresses', addresses: ['10.0.0.1'] });
    const codes = await rotating(app, '192.0.2.50', 8);
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
  });
  it('fresh probes: limit 3, rotating entries', async () => {
    const app = setup({ kind: 'addresses', addresses: ['10.0.0.1'] }, { requests: 100, probes: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await app.inject({
        method: 'GET',
        url: `/v1/domains/d${i + 1}.example.com`,
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` },
      });
      codes.push(response.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 429, 429, 429]);
  });
  it('distinct real clients behind the proxy keep distinct limits', async () => {
    const app = setup({ kind: 'hops', hops: 1 });
    const a = await rotating(app, '10.0.0.1', 5, ', 203.0.113.7');
    const b = await rotating(app, '10.0.0.1', 5, ', 203.0.113.8');
    expect([...a, ...b].every((c) => c === 200)).toBe(true);
  });
});
