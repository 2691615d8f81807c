// Issue 14: with tokens configured, /metrics and /openapi.json answered anonymous callers, the
// body was validated before the token was checked (a 400 told an anonymous caller about the
// schema), and invalid bodies never counted against the rate limit.

import { afterEach, describe, expect, it } from 'vitest';
import { buildServer, type ServerOptions } from '../../../server/app.ts';
import { createMemoryBackends } from '../../../server/backends/memory-backends.ts';
import { createAddressGuard } from '../../../server/core/address-policy.ts';
import { createAssessmentService } from '../../../server/core/assessment-service.ts';
import { MetricsRegistry } from '../../../server/core/metrics.ts';
import { createFakeEngine } from './support/fake-engine.ts';

const WORLD = {
  mx: { 'example.com': ['mx.provider.net'] },
  addresses: { 'mx.provider.net': ['192.0.43.10'] },
};
const apps: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

function setup(overrides: Partial<ServerOptions> = {}) {
  const backends = createMemoryBackends();
  const metrics = new MetricsRegistry();
  const { engine } = createFakeEngine(WORLD);
  const guard = createAddressGuard({ lab: false });
  const service = createAssessmentService({ engine, backends, guard, metrics });
  const app = buildServer({ service, backends, metrics, ...overrides });
  apps.push(app, backends);
  return app;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('with API tokens configured', () => {
  const options = { tokens: ['api-token'] };
  it('/metrics and /openapi.json need a token; /healthz stays open', async () => {
    const app = setup(options);
    for (const url of ['/metrics', '/openapi.json']) {
      const anonymous = await app.inject({ method: 'GET', url });
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(anonymous.body).not.toMatch(/mailseal_http|openapi/);
      expect((await app.inject({ method: 'GET', url, headers: bearer('wrong') })).statusCode).toBe(
        401,
      );
      const allowed = await app.inject({ method: 'GET', url, headers: bearer('api-token') });
      expect(allowed.statusCode, url).toBe(200);
    }
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
  it('checks the token before the body: an anonymous invalid body is 401, not 400', async () => {
    const app = setup(options);
    const cases = [
      { payload: { domains: 'not-a-list' } },
      { payload: { domains: ['a.example.com'], extra: 1 } },
      { payload: '{not json', headers: { 'content-type': 'application/json' } },
    ];
    for (const body of cases) {
      const response = await app.inject({ method: 'POST', url: '/v1/assess', ...body });
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toBe('unauthorized');
    }
    const longName = await app.inject({ method: 'GET', url: `/v1/domains/${'a'.repeat(600)}` });
    expect(longName.statusCode).toBe(401);
  });
});

describe('with a separate metrics token', () => {
  it('only the metrics token opens /metrics, and it opens nothing else', async () => {
    const app = setup({ tokens: ['api-token'], metricsTokens: ['scrape-token'] });
    const metrics = (token: string) =>
      app.inject({ method: 'GET', url: '/metrics', headers: bearer(token) });
    expect((await metrics('scrape-token')).statusCode).toBe(200);
    expect((await metrics('api-token')).statusCode).toBe(401);
    const api = await app.inject({
      method: 'GET',
      url: '/v1/domains/example.com',
      headers: bearer('scrape-token'),
    });
    expect(api.statusCode).toBe(401);
  });
  it('works without API tokens: /metrics closed, the API open', async () => {
    const app = setup({ metricsTokens: ['scrape-token'] });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/v1/domains/example.com' })).statusCode).toBe(
      200,
    );
  });
});

describe('invalid requests count against the rate limit', () => {
  it('invalid bodies and names use up the limit like valid requests', async () => {
    const app = setup({ rateLimits: { requests: 3, probes: 10, windowMs: 60_000 } });
    const statuses: number[] = [];
    statuses.push(
      (await app.inject({ method: 'POST', url: '/v1/assess', payload: {} })).statusCode,
    );
    statuses.push(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/assess',
          payload: '{nope',
          headers: { 'content-type': 'application/json' },
        })
      ).statusCode,
    );
    statuses.push(
      (await app.inject({ method: 'GET', url: `/v1/domains/${'a'.repeat(600)}` })).statusCode,
    );
    statuses.push(
      (await app.inject({ method: 'POST', url: '/v1/assess', payload: {} })).statusCode,
    );
    statuses.push((await app.inject({ method: 'GET', url: '/v1/domains/example.com' })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
  });
  it('with tokens, the limit is per token, and invalid bodies from a token count', async () => {
    const app = setup({
      tokens: ['api-token'],
      rateLimits: { requests: 2, probes: 10, windowMs: 60_000 },
    });
    const post = () =>
      app.inject({ method: 'POST', url: '/v1/assess', payload: {}, headers: bearer('api-token') });
    expect([
      (await post()).statusCode,
      (await post()).statusCode,
      (await post()).statusCode,
    ]).toEqual([400, 400, 429]);
  });
});
