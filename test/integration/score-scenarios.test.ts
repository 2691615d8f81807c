// One test per lab scenario that declares expect.score: real DNS posture and probe of the
// scenario domain, scored. `inbound` is the MECSA stars of the domain's receiving channel;
// `padlock` is the level of a message an opportunistic sender delivered to it from a well-run
// sender (test/fixtures/score/lab-message.ts). Generated from the catalogue.
import { afterAll, describe, expect, it } from 'vitest';
import { assessDomainDns } from '../../lib/checks/domain-dns-posture.ts';
import { createNodeProbeDeps } from '../../lib/probe/node-deps.ts';
import { dnsFactsFromPosture, scoreMessage, scoreProvider } from '../../lib/score/index.ts';
import { LAB_SENDER, messageDeliveredTo } from '../fixtures/score/lab-message.ts';
import { loadCatalogue } from '../lab/catalogue.ts';
import { requireLab } from '../lab/lab-info.ts';
import { lookUpAndProbe } from '../unit/probe/helpers/look-up-and-probe.ts';

interface ScoreExpect {
  padlock: string;
  inbound: { confidentiality: number | null; phishing: number | null; integrity: number | null };
}

const lab = requireLab();
const deps = createNodeProbeDeps({ resolvers: [lab.dohUrl], labCaPem: lab.caCertPem });
afterAll(() => deps.close());

const scenarios = loadCatalogue().filter((s) => s.expect.score !== undefined);

describe('scores on lab scenarios', () => {
  it('the catalogue declares expect.score', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const want = scenario.expect.score as ScoreExpect;
    const [posture, report] = await Promise.all([
      assessDomainDns(scenario.domain, { dns: deps.dns }),
      lookUpAndProbe(scenario.domain, {
        ...deps,
        limits: { replyTimeoutMs: 3_000, handshakeTimeoutMs: 3_000, connectTimeoutMs: 3_000 },
      }),
    ]);
    const dns = dnsFactsFromPosture(posture);
    const provider = scoreProvider({ domain: scenario.domain, dns, probe: report });
    const c = provider.inbound.categories;
    expect({
      confidentiality: c.confidentiality.stars,
      phishing: c.phishing.stars,
      integrity: c.integrity.stars,
    }).toEqual(want.inbound);
    const message = scoreMessage({
      facts: messageDeliveredTo(report),
      recipient: { dns, probe: report },
      sender: { dns: LAB_SENDER },
    });
    expect(message.padlock.level, message.padlock.reason).toBe(want.padlock);
  });
});
