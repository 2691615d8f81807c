// The probe service against the lab, in lab mode, over HTTP: every scenario answers with a
// DomainAssessment carrying both the probe report and the DNS posture, and a second request is
// served from the cache. `scores` carries the provider score, whose inbound stars agree with the
// scenario's expect.score. Scenarios may add `expect.api` ({ mxStatus?, mtaStsMode? }) in the
// catalogue for finer checks.

import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app.ts';
import { createMemoryBackends } from '../../server/backends/memory-backends.ts';
import { createAddressGuard } from '../../server/core/address-policy.ts';
import { createAssessmentService } from '../../server/core/assessment-service.ts';
import { createEngineFromConfig } from '../../server/service.ts';
import { loadCatalogue } from '../lab/catalogue.ts';
import { requireLab } from '../lab/lab-info.ts';

const lab = requireLab();
// Expectations come from the catalogue itself: lab.json holds the copy from when the lab started.
const catalogue = new Map(loadCatalogue().map((s) => [s.name, s]));
// expect.score was measured with 3-s probe limits; against the service's defaults the slow and
// stalling servers of the adversarial group may get further, so their stars are not compared.
const timingDependent = (name: string) => catalogue.get(name)?.group === 'adversarial';
const backends = createMemoryBackends();
const real = createEngineFromConfig({ lab: true, resolvers: [], ehloName: null });
const service = createAssessmentService({
  engine: real.engine,
  backends,
  guard: createAddressGuard({ lab: true }),
  lab: true,
  maxConcurrentProbes: 8,
});
const app = buildServer({
  service,
  backends,
  lab: true,
  rateLimits: { requests: 10_000, probes: 10_000, windowMs: 60_000 },
});

afterAll(async () => {
  await app.close();
  await service.drain();
  await real.close();
  await backends.close();
});

interface ScoreExpect {
  inbound: { confidentiality: number | null; phishing: number | null; integrity: number | null };
}

interface ApiExpect {
  mxStatus?: string;
  mtaStsMode?: string | null;
}

describe('probe service on every lab scenario', () => {
  it.concurrent.each(lab.scenarios.map((s) => [s.name, s] as const))(
    '%s',
    { timeout: 180_000 },
    async (_name, scenario) => {
      const response = await app.inject({ method: 'GET', url: `/v1/domains/${scenario.domain}` });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ domain: scenario.domain, lab: true, source: 'fresh' });
      expect(body.probe?.domain).toBe(scenario.domain);
      expect(body.dns?.domain).toBe(scenario.domain);
      expect(body.resolver).toBe(lab.dohUrl);
      const expected = (catalogue.get(scenario.name)?.expect ?? {}) as {
        api?: ApiExpect;
        score?: ScoreExpect;
      };
      expect(body.problems).toEqual([]);
      expect(body.scores?.domain).toBe(scenario.domain);
      if (expected.score && !timingDependent(scenario.name)) {
        const c = body.scores.inbound.categories;
        expect({
          confidentiality: c.confidentiality.stars,
          phishing: c.phishing.stars,
          integrity: c.integrity.stars,
        }).toEqual(expected.score.inbound);
      }
      const api = expected.api;
      if (api?.mxStatus) expect(body.probe?.mxStatus).toBe(api.mxStatus);
      if (api && 'mtaStsMode' in api) expect(body.probe.mtaSts.mode).toBe(api.mtaStsMode);
      const again = await app.inject({ method: 'GET', url: `/v1/domains/${scenario.domain}` });
      expect(again.json()).toMatchObject({ source: 'cached', checkedAt: body.checkedAt });
    },
  );
});
