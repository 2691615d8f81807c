import { describe, expect, it } from 'vitest';
import { createAssessor } from '../../../lib/ext/assessor.ts';
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import { english } from '../../../lib/score/text.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/settings.ts';
import { gmailTlsRequest } from './assessment-world.ts';

function memoryArea(): StorageAreaLike & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys) {
      const wanted = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

function setup(features: Partial<Settings['features']> = {}) {
  const local = memoryArea();
  const sent: { url: string; body: string }[] = [];
  const assessor = createAssessor({
    settings: async () => ({
      ...DEFAULT_SETTINGS,
      features: { ...DEFAULT_SETTINGS.features, ...features },
    }),
    local,
    now: () => Date.parse('2026-03-04T00:00:00Z'),
    fetch: async (input, init) => {
      sent.push({ url: String(input), body: typeof init?.body === 'string' ? init.body : '' });
      throw new TypeError('Failed to fetch');
    },
  });
  return { assessor, local, sent };
}

describe('background assessor', () => {
  it('analyses the slim headers and asks about domains only', async () => {
    const { assessor, sent } = setup();
    const report = await assessor.assess(gmailTlsRequest);
    expect(report.domains).toMatchObject({
      from: 'sender.example',
      recipientProvider: 'gmail.com',
    });
    expect(report.path).toHaveLength(3);
    // One plain line for the reader; the raw errors only in the admin view.
    expect(report.degraded?.key).toBe('degraded_dns_and_probe');
    expect(report.problems.map(english).join(' ')).toContain('probe for sender.example');
    const probe = sent.filter((s) => s.url.endsWith('/v1/assess')).map((s) => JSON.parse(s.body));
    expect(probe).toEqual(
      expect.arrayContaining([{ domains: ['sender.example'] }, { domains: ['gmail.com'] }]),
    );
    for (const { url, body } of sent) expect(`${url} ${body}`).not.toMatch(/alice|user@|m1@/);
  });

  it('keeps the sender history when asked to, once per handoff, and clears it with the cache', async () => {
    const { assessor, local } = setup();
    await assessor.assess(gmailTlsRequest);
    await assessor.assess(gmailTlsRequest);
    const history = local.data.get('history:sender.example') as { tlsVersion: string }[];
    expect(history).toHaveLength(1);
    expect(history[0]?.tlsVersion).toBe('TLSv1.3');
    expect(JSON.stringify(history)).not.toContain('alice');
    expect(await assessor.clearCache()).toBeGreaterThan(0);
    expect([...local.data.keys()]).toEqual([]);
  });

  it('keeps no history when the switch is off', async () => {
    const { assessor, local } = setup({ keepSenderHistory: false });
    await assessor.assess(gmailTlsRequest);
    expect([...local.data.keys()].filter((k) => k.startsWith('history:'))).toEqual([]);
  });
});
