// One test per lab scenario that declares expect.probe: the real Postfix, nginx and resolver.
// Generated from the catalogue (plus MAILSEAL_LAB_EXTRA files), so new scenarios need no code.

import { afterAll, describe, expect, it } from 'vitest';
import { createNodeProbeDeps } from '../../lib/probe/node-deps.ts';
import type { DomainProbeReport, MxProbe } from '../../lib/probe/types.ts';
import { loadCatalogue } from '../lab/catalogue.ts';
import { findScenario, requireLab } from '../lab/lab-info.ts';
import { lookUpAndProbe } from '../unit/probe/helpers/look-up-and-probe.ts';

interface ProbeMxExpect {
  starttls: 'negotiated' | 'not-offered' | 'failed' | 'untested';
  tlsVersion?: string;
  cutOff?: string;
  pkixValid?: boolean;
  hostnameMatch?: string;
  certErrors?: string[];
  dane?: { usable: boolean; matched: boolean | null };
  matchesPolicy?: boolean | null;
}

interface ProbeExpect {
  mxStatus: DomainProbeReport['mxStatus'];
  verdict: { dane: string; mtaSts: string; opportunistic: string };
  mtaSts: { status: string; mode: string | null; errors: string[] };
  mx: Record<string, ProbeMxExpect>;
}

const lab = requireLab();
const deps = createNodeProbeDeps({ resolvers: [lab.dohUrl], labCaPem: lab.caCertPem });
afterAll(() => deps.close());

function starttlsState(mx: MxProbe): ProbeMxExpect['starttls'] {
  const a = mx.addresses[0];
  if (!a || a.status === 'temperror') return 'untested';
  if (!a.starttls.offered) return 'not-offered';
  return a.starttls.negotiated ? 'negotiated' : 'failed';
}

const scenarios = loadCatalogue().filter((s) => s.expect.probe !== undefined);

describe('probe engine on lab scenarios', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (name, scenario) => {
    const want = scenario.expect.probe as ProbeExpect;
    const resolved = findScenario(lab, name);
    const report = await lookUpAndProbe(scenario.domain, {
      ...deps,
      limits: { replyTimeoutMs: 3_000, handshakeTimeoutMs: 3_000, connectTimeoutMs: 3_000 },
    });
    expect(report.mxStatus).toBe(want.mxStatus);
    expect({
      dane: report.verdict.dane.outcome,
      mtaSts: report.verdict.mtaSts.outcome,
      opportunistic: report.verdict.opportunistic.outcome,
    }).toEqual(want.verdict);
    expect({
      status: report.mtaSts.status,
      mode: report.mtaSts.mode,
      errors: report.mtaSts.errors.map((e) => `${e.category}/${e.kind}`),
    }).toEqual(want.mtaSts);
    for (const [id, mxWant] of Object.entries(want.mx)) {
      const host = resolved.mx.find((m) => m.id === id)?.hostname ?? id;
      const mx = report.mx.find((m) => m.host === host);
      expect(mx, `MX ${id} (${host}) probed`).toBeDefined();
      if (!mx) continue;
      const a = mx.addresses[0];
      const cert = mx.certificate;
      const seen: ProbeMxExpect = {
        starttls: starttlsState(mx),
        ...(a?.starttls.version ? { tlsVersion: a.starttls.version } : {}),
        ...(a?.cutOff ? { cutOff: a.cutOff.reason } : {}),
        ...(cert
          ? {
              pkixValid: cert.pkixValid,
              hostnameMatch: cert.hostnameMatch,
              certErrors: cert.errors,
            }
          : {}),
        dane: { usable: mx.dane.usable, matched: mx.dane.matched },
        matchesPolicy: mx.mtaSts.matchesPolicy,
      };
      expect(seen, `MX ${id}`).toEqual(mxWant);
    }
  });
});
