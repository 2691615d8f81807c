import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { scoreProvider } from '../../../lib/score/index.ts';
import { buildServer, type ServerOptions } from '../../../server/app.ts';
import { createMemoryBackends } from '../../../server/backends/memory-backends.ts';
import { createAddressGuard } from '../../../server/core/address-policy.ts';
import { createAssessmentService } from '../../../server/core/assessment-service.ts';
import type { AssessEngine } from '../../../server/core/engine-types.ts';
import { MetricsRegistry } from '../../../server/core/metrics.ts';
import { assessmentSchema } from '../../../server/http/schemas.ts';
import { createFakeEngine, type FakeWorld } from './support/fake-engine.ts';

const WORLD: FakeWorld = {
  mx: {
    'example.com': ['mx.provider.net'],
    'example.org': ['mx.provider.net'],
    'xn--bcher-kva.de': ['mx.bucher.de'],
  },
  addresses: { 'mx.provider.net': ['192.0.43.10'], 'mx.bucher.de': ['193.0.0.1'] },
};

const apps: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

function setup(overrides: Partial<ServerOptions> = {}, engineOptions = {}) {
  const backends = createMemoryBackends();
  const metrics = new MetricsRegistry();
  const { engine, stats } = createFakeEngine(WORLD, engineOptions);
  const guard = createAddressGuard({ lab: false });
  const service = createAssessmentService({ engine, backends, guard, metrics });
  const app = buildServer({ service, backends, metrics, ...overrides });
  apps.push(app, backends);
  return { app, stats, service };
}

const ajv = new Ajv({ strict: false });
addFormats.default(ajv);
const validateAssessment = ajv.compile(assessmentSchema);

describe('GET /v1/domains/:domain', () => {
  it('answers fresh, then from the cache, and the body matches the published schema', async () => {
    const { app, stats } = setup();
    const first = await app.inject({ method: 'GET', url: '/v1/domains/Example.COM.' });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(validateAssessment(body), JSON.stringify(validateAssessment.errors)).toBe(true);
    expect(body).toMatchObject({
      domain: 'example.com',
      source: 'fresh',
      lab: false,
      resolver: 'https://resolver.test/dns-query',
    });
    const second = (await app.inject({ method: 'GET', url: '/v1/domains/example.com' })).json();
    expect(second.source).toBe('cached');
    expect(second.checkedAt).toBe(body.checkedAt);
    expect(stats.runs).toEqual(['example.com']);
  });

  it('normalises Unicode names to IDNA A-labels', async () => {
    const { app } = setup();
    const response = await app.inject({
      method: 'GET',
      url: `/v1/domains/${encodeURIComponent('BÜCHER.de')}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().domain).toBe('xn--bcher-kva.de');
  });

  it.each([
    ['127.0.0.1', 'ip-literal'],
    ['[::1]', 'forbidden-character'],
    ['localhost', 'single-label'],
    ['mail.localhost', 'special-use'],
    ['a..example.com', 'empty-label'],
    ['-bad.example.com', 'invalid-label'],
    ['example.com:25', 'forbidden-character'],
    ['user@example.com', 'forbidden-character'],
    [`${'a'.repeat(64)}.com`, 'label-too-long'],
    ['example.123', 'numeric-tld'],
  ])('refuses %s with a 400 and the reason %s', async (input, reason) => {
    const { app, stats } = setup();
    const response = await app.inject({
      method: 'GET',
      url: `/v1/domains/${encodeURIComponent(input)}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid-domain', reason });
    expect(response.json().message.length).toBeGreaterThan(5);
    expect(stats.runs).toEqual([]);
  });

  it('refuses input over the length cap by schema', async () => {
    const { app } = setup();
    const response = await app.inject({ method: 'GET', url: `/v1/domains/${'a'.repeat(600)}.com` });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad-request', reason: 'schema' });
  });
});

describe('POST /v1/assess', () => {
  it('assesses the sender and recipient pair in request order, probing the shared MX once', async () => {
    const { app, stats } = setup();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/assess',
      payload: { domains: ['example.org', 'EXAMPLE.com'] },
    });
    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(results.map((r: { domain: string }) => r.domain)).toEqual([
      'example.org',
      'example.com',
    ]);
    for (const r of results) expect(validateAssessment(r)).toBe(true);
    expect(stats.hostProbes).toEqual(['mx.provider.net']);
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, 'missing domains'],
    [{ domains: [] }, 'empty list'],
    [{ domains: ['a.com', 'b.com', 'c.com', 'd.com', 'e.com'] }, 'over the cap'],
    [{ domains: ['a.com'], extra: 1 }, 'unknown property'],
  ])('answers 400 for %j (%s)', async (payload) => {
    const { app } = setup();
    const response = await app.inject({ method: 'POST', url: '/v1/assess', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('bad-request');
  });

  it('names the offending entry of the list', async () => {
    const { app } = setup();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/assess',
      payload: { domains: ['example.com', '10.0.0.1'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ reason: 'ip-literal' });
    expect(response.json().message).toMatch(/^domains\[1\]/);
  });
});

describe('abuse resistance', () => {
  it('rate-limits each client with 429 and Retry-After', async () => {
    const { app } = setup({ rateLimits: { requests: 3, probes: 10, windowMs: 60_000 } });
    const codes: number[] = [];
    let last: Awaited<ReturnType<typeof app.inject>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await app.inject({ method: 'GET', url: '/v1/domains/example.com' });
      codes.push(last.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 429]);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(last?.json()).toMatchObject({ error: 'rate-limited' });
    const otherClient = await app.inject({
      method: 'GET',
      url: '/v1/domains/example.com',
      remoteAddress: '192.0.2.99',
    });
    expect(otherClient.statusCode).toBe(200);
  });

  it('limits fresh probes more tightly than cached answers', async () => {
    const { app } = setup({ rateLimits: { requests: 100, probes: 1, windowMs: 60_000 } });
    expect((await app.inject({ method: 'GET', url: '/v1/domains/example.com' })).statusCode).toBe(
      200,
    );
    const fresh = await app.inject({ method: 'GET', url: '/v1/domains/example.org' });
    expect(fresh.statusCode).toBe(429);
    expect(fresh.headers['retry-after']).toBeDefined();
    expect((await app.inject({ method: 'GET', url: '/v1/domains/example.com' })).statusCode).toBe(
      200,
    );
  });

  it('requires a bearer token when tokens are configured', async () => {
    const { app } = setup({ tokens: ['s3cret-token'] });
    const anonymous = await app.inject({ method: 'GET', url: '/v1/domains/example.com' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await app.inject({
      method: 'GET',
      url: '/v1/domains/example.com',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await app.inject({
      method: 'GET',
      url: '/v1/domains/example.com',
      headers: { authorization: 'Bearer s3cret-token' },
    });
    expect(right.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('answers 503 with Retry-After when the global probe cap and queue are full', async () => {
    const backends = createMemoryBackends();
    const { engine } = createFakeEngine(WORLD, { delayMs: 200 });
    const service = createAssessmentService({
      engine,
      backends,
      guard: createAddressGuard({ lab: false }),
      maxConcurrentProbes: 1,
      maxQueuedProbes: 0,
    });
    const app = buildServer({ service, backends });
    apps.push(app, backends);
    const [a, b] = await Promise.all([
      app.inject({ method: 'GET', url: '/v1/domains/example.com' }),
      app.inject({ method: 'GET', url: '/v1/domains/xn--bcher-kva.de' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 503]);
    const busy = a.statusCode === 503 ? a : b;
    expect(busy.json().error).toBe('busy');
    expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe('CORS', () => {
  const chromeOrigin = `chrome-extension://${'a'.repeat(32)}`;

  it('allows the extension origins and answers preflight', async () => {
    const { app } = setup();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/assess',
      headers: { origin: chromeOrigin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(chromeOrigin);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    const firefox = await app.inject({
      method: 'GET',
      url: '/v1/domains/example.com',
      headers: { origin: 'moz-extension://0b6c2a4e-1d2f-4f5a-9b8c-7d6e5f4a3b2c' },
    });
    expect(firefox.statusCode).toBe(200);
    expect(firefox.headers['access-control-allow-origin']).toBe(
      'moz-extension://0b6c2a4e-1d2f-4f5a-9b8c-7d6e5f4a3b2c',
    );
  });

  it('refuses web origins and extension ids that are not configured', async () => {
    const { app, stats } = setup({ cors: { chromeExtensionIds: ['b'.repeat(32)] } });
    for (const origin of ['https://evil.example', chromeOrigin, 'null']) {
      const response = await app.inject({
        method: 'GET',
        url: '/v1/domains/example.com',
        headers: { origin },
      });
      expect(response.statusCode, origin).toBe(403);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(stats.runs).toEqual([]);
  });
});

describe('operations', () => {
  it('serves Prometheus metrics', async () => {
    const { app } = setup();
    await app.inject({ method: 'GET', url: '/v1/domains/example.com' });
    await app.inject({ method: 'GET', url: '/v1/domains/example.com' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('# TYPE mailseal_http_requests_total counter');
    expect(response.body).toContain(
      'mailseal_http_requests_total{route="/v1/domains/:domain",method="GET",status="200"} 2',
    );
    expect(response.body).toContain('mailseal_assessments_total{source="fresh"} 1');
    expect(response.body).toContain('mailseal_assessments_total{source="cached"} 1');
    expect(response.body).toMatch(/mailseal_process_resident_memory_bytes \d+/);
  });

  it('serves an OpenAPI document generated from the validation schemas', async () => {
    const { app } = setup();
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const get = doc.paths['/v1/domains/{domain}'].get;
    expect(get.parameters[0]).toMatchObject({
      name: 'domain',
      in: 'path',
      required: true,
      schema: { maxLength: 512 },
    });
    expect(get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/DomainAssessment',
    });
    expect(
      doc.paths['/v1/assess'].post.requestBody.content['application/json'].schema.properties.domains
        .maxItems,
    ).toBe(4);
    expect(doc.components.schemas.DomainAssessment.required).toContain('checkedAt');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/metrics']));
    expect(doc.paths['/openapi.json']).toBeUndefined();
  });

  it('reports the cache backend on /healthz', async () => {
    const { app } = setup();
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toMatchObject({ status: 'ok', cache: 'memory', lab: false });
  });
});

describe('scores in a DomainAssessment', () => {
  it('are serialised whole (every ProviderScore field) and match the published schema', async () => {
    const backends = createMemoryBackends();
    const engine: AssessEngine = async (domain) => ({
      probe: null,
      dns: null,
      scores: scoreProvider({ domain }),
      resolver: null,
      problems: [],
      incomplete: false,
    });
    const guard = createAddressGuard({ lab: false });
    const service = createAssessmentService({ engine, backends, guard });
    const app = buildServer({ service, backends });
    apps.push(app, backends);
    const body = (await app.inject({ method: 'GET', url: '/v1/domains/example.com' })).json();
    expect(validateAssessment(body), JSON.stringify(validateAssessment.errors)).toBe(true);
    expect(body.scores).toEqual(
      JSON.parse(JSON.stringify(scoreProvider({ domain: 'example.com' }))),
    );
    expect(body.scores.inbound.categories.confidentiality).toHaveProperty('stars');
  });
});
