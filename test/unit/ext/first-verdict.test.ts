// Issue 16, "fast": the first verdict comes from the headers alone, at once; DNS and probe
// answers refine it as they arrive, and a slow probe (6 s here) never holds the first verdict.
// The background assessor and the background service in-process, with fetches held open
// until the test releases them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssessor } from '../../../lib/ext/assessor.ts';
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import { createVerdictJobs } from '../../../lib/ext/verdict-jobs.ts';
import type { AssessMessage } from '../../../lib/messaging/protocol.ts';
import type { MessageReport } from '../../../lib/messaging/report.ts';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings.ts';
import { cutHeaderBlock } from '../../../lib/webmail/header-block.ts';
import { slimHeaderBlock } from '../../../lib/webmail/slim-header-block.ts';

function memoryArea(): StorageAreaLike {
  const data = new Map<string, unknown>();
  return {
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

const raw = readFileSync(
  resolve(import.meta.dirname, '../../fixtures/webmail/gmail-original-tls.eml.txt'),
  'utf8',
);
const request: AssessMessage = {
  site: 'gmail',
  seq: 1,
  inView: true,
  headers: slimHeaderBlock(cutHeaderBlock(raw) ?? ''),
};

/** DNS fails at once (no resolver here); the probe answers only when released, like a 6 s probe. */
function heldProbe() {
  let release: () => void = () => {};
  const released = new Promise<void>((done) => {
    release = done;
  });
  const fetch = async (input: RequestInfo | URL) => {
    if (String(input).includes('/v1/assess')) {
      await released;
      throw new TypeError('Failed to fetch');
    }
    throw new TypeError('Failed to fetch');
  };
  return { fetch, release };
}

function assessor(fetch: typeof globalThis.fetch) {
  return createAssessor({
    settings: async () => ({
      ...DEFAULT_SETTINGS,
      probe: { url: 'https://probe.example', token: '' },
      features: { ...DEFAULT_SETTINGS.features, useProbe: true, keepSenderHistory: false },
    }),
    local: memoryArea(),
    now: Date.now,
    fetch,
  });
}

describe('first verdict from the headers alone', () => {
  it('comes before any answer, and each answer refines it', async () => {
    const { fetch, release } = heldProbe();
    const seen: MessageReport[] = [];
    const final = assessor(fetch as typeof globalThis.fetch).assess(request, (r) => seen.push(r));
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    expect(seen[0]).toMatchObject({ stage: 0, pending: ['dns', 'probe'] });
    expect(seen[0]?.padlock.level).toBe('amber');
    // DNS failed at once: a refinement, still waiting for the probe.
    await expect.poll(() => seen.at(-1)?.pending).toEqual(['probe']);
    release();
    const done = await final;
    expect(done.pending).toEqual([]);
    expect(done.stage).toBeGreaterThan(seen.at(-1)?.stage ?? 0);
  });

  it('the background answers the first ask at once while the probe is held', async () => {
    const { fetch, release } = heldProbe();
    const a = assessor(fetch as typeof globalThis.fetch);
    const jobs = createVerdictJobs((r, onProgress) => a.assess(r, onProgress));
    const first = await jobs.next(request);
    expect(first.final).toBe(false);
    expect(first.report.stage).toBe(0);
    // Asking for what follows gives the DNS refinements without waiting for the probe.
    let second = await jobs.next(request, first.report.stage);
    for (let i = 0; i < 10 && second.report.pending.includes('dns'); i++)
      second = await jobs.next(request, second.report.stage);
    expect(second.report.pending).toEqual(['probe']);
    expect(second.final).toBe(false);
    const third = jobs.next(request, second.report.stage);
    release();
    // The padlock's answer (the recipient's probe) may come a step before the details' own.
    let last = await third;
    for (let i = 0; i < 10 && !last.final; i++) last = await jobs.next(request, last.report.stage);
    expect(last.final).toBe(true);
    expect(last.report.pending).toEqual([]);
    // A repeated first ask with the same ticket gets the newest report, not stage 0 ...
    expect((await jobs.next(request)).report.stage).toBe(last.report.stage);
    // ... while a new view ticket (the message back in view) is assessed afresh, from the caches.
    expect((await jobs.next({ ...request, seq: 2 })).report.stage).toBe(0);
  });
});
