// The profile's promises that hold for every sequence of messages: no alert before the profile
// is established, never more than its bounds, nothing kept but domains, selectors, hashes,
// enums and day numbers; and what is stored or imported is validated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createMemoryProfileStorage,
  createProfileStore,
  DEFAULT_ESTABLISHED_RULE,
  decodeProfiles,
  encodeProfiles,
  isEstablished,
  judgeAndLearn,
  keyName,
  PROFILE_FORMAT,
} from '../../../lib/profile/index.ts';
import { AMAZON, CNN, varied } from './corpus-sequences.ts';

const now = () => new Date('2026-12-01T00:00:00Z');

const variation = fc.record({
  day: fc.integer({ min: 0, max: 30 }),
  n: fc.integer({ min: 0, max: 59 }),
  tls: fc.constantFrom('TLSv1.3', 'TLSv1.2', 'TLSv1.0', 'cleartext') as fc.Arbitrary<
    'TLSv1.3' | 'TLSv1.2' | 'TLSv1.0' | 'cleartext'
  >,
  senderHost: fc.constantFrom('a1.smtp-out.amazonses.com', 'o1.sendgrid.net', 'mail.example.org'),
  dkim: fc.constantFrom('as-is', 'none', 'fail') as fc.Arbitrary<'as-is' | 'none' | 'fail'>,
  dmarc: fc.constantFrom('pass', 'fail') as fc.Arbitrary<'pass' | 'fail'>,
  name: fc.constantFrom(AMAZON, CNN),
});

describe('profile bounds (property)', () => {
  it('never alerts before established, never exceeds its bounds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(variation, { maxLength: 30 }), async (sequence) => {
        const limits = { perSender: 8, senders: 1 };
        const store = createProfileStore(createMemoryProfileStorage(), limits);
        for (const { name, ...v } of sequence) {
          const verdict = await judgeAndLearn(store, varied(name, v), { now });
          if (!isEstablished(verdict.history, DEFAULT_ESTABLISHED_RULE)) {
            expect(verdict.alerts).toEqual([]);
          }
          const all = await store.all();
          expect(all.length).toBeLessThanOrEqual(limits.senders);
          for (const p of all) expect(p.observations.length).toBeLessThanOrEqual(limits.perSender);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('what is stored', () => {
  it('holds only domains, selectors, hashes, enums and day numbers', async () => {
    const storage = createMemoryProfileStorage();
    const store = createProfileStore(storage);
    const keys = new Map([[keyName('newsletters.cnn.com', 'v2'), '0123456789abcdef']]);
    for (const day of [0, 3, 6]) await judgeAndLearn(store, varied(CNN, { day }), { now, keys });
    await judgeAndLearn(store, varied(AMAZON, { day: 1 }), { now });
    const text = JSON.stringify(storage.stored());
    expect(text).not.toMatch(/@/); // no addresses
    expect(text).not.toMatch(/\d+\.\d+\.\d+\.\d+/); // no IP addresses
    expect(text).not.toMatch(/T\d\d:\d\d/); // no times of day
    const strings = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
    const allowed = /^([a-z0-9_.-]+|[0-9a-f]{16}|TLSv1\.[0-3])$/;
    expect(strings.filter((s) => !allowed.test(s))).toEqual([]);
  });

  it('2,000 senders × 5 messages (10,000) stay under 1 MB stored', async () => {
    const storage = createMemoryProfileStorage();
    const store = createProfileStore(storage);
    const base = varied(AMAZON, { day: 0 });
    for (let s = 0; s < 2000; s++) {
      for (let m = 0; m < 5; m++) {
        const facts = structuredClone(base);
        if (facts.from !== null) facts.from.organizationalDomain = `sender${s}.example`;
        const hop = facts.hops[facts.trust.handoffIndex ?? 0];
        if (hop !== undefined)
          hop.at = new Date(Date.UTC(2026, 10, 1 + m * 2, 9, s % 60)).toISOString();
        await judgeAndLearn(store, facts, { now });
      }
    }
    expect((await store.all()).length).toBe(2000);
    const bytes = new TextEncoder().encode(JSON.stringify(storage.stored())).length;
    expect(bytes).toBeLessThan(1_000_000);
  }, 60_000);

  it('import validates: foreign formats, bad enums, addresses and huge lists are dropped', () => {
    const good = encodeProfiles([
      {
        sender: 'example.com',
        observations: [
          {
            day: 20400,
            id: '0123456789abcdef',
            tls: 'TLSv1.3',
            cipher: 'recommended',
            auth: false,
            dkim: 'pass',
            signers: [{ d: 'example.com', s: 's1', key: null }],
            dmarc: 'aligned',
            spf: 'aligned',
            arc: false,
            provider: 'google.com',
          },
        ],
      },
    ]);
    expect(decodeProfiles(good)).toHaveLength(1);
    expect(decodeProfiles({ ...good, format: 'other' })).toEqual([]);
    const bad = structuredClone(good) as unknown as {
      senders: Record<string, { shapes: Record<string, unknown>[] }>;
    };
    const shape = bad.senders['example.com']?.shapes[0];
    if (shape) shape.tls = 'TLSv9';
    expect(decodeProfiles(bad)).toEqual([]);
    const address = structuredClone(good) as unknown as { senders: Record<string, unknown> };
    address.senders['user@example.com'] = address.senders['example.com'];
    expect(decodeProfiles(address).map((p) => p.sender)).toEqual(['example.com']);
    expect(
      decodeProfiles({
        format: PROFILE_FORMAT,
        version: 1,
        senders: { 'a.example': { shapes: [], seen: new Array(100000).fill([1, 'x', 0]) } },
      }),
    ).toEqual([]);
  });
});
