import { afterAll, describe, expect, it } from 'vitest';
import { MAILSEAL_VERSION } from '../../../lib/version.ts';
import { buildServer } from '../../../server/app.ts';

describe('probe service', () => {
  const app = buildServer();
  afterAll(() => app.close());

  it('reports health and version on GET /healthz', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: MAILSEAL_VERSION });
  });

  it('answers 404 for unknown routes', async () => {
    const response = await app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
  });
});
