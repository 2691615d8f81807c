// Downgrade alerts on sequences of real corpus messages (corpus-sequences.ts).
import { describe, expect, it } from 'vitest';
import {
  createMemoryProfileStorage,
  createProfileStore,
  dayText,
  judgeAndLearn,
  keyName,
  type LearnOptions,
  type ProfileStore,
} from '../../../lib/profile/index.ts';
import { AMAZON, CNN, ESTABLISHED_DAYS, type Variation, varied } from './corpus-sequences.ts';

const now = () => new Date('2026-12-01T00:00:00Z');

async function replay(
  store: ProfileStore,
  name: string,
  variations: readonly Variation[],
  options: LearnOptions = {},
) {
  const verdicts = [];
  for (const v of variations)
    verdicts.push(await judgeAndLearn(store, varied(name, v), { now, ...options }));
  return verdicts;
}

const usual = (extra: Partial<Variation> = {}) =>
  ESTABLISHED_DAYS.map((day) => ({ day, tls: 'TLSv1.2' as const, ...extra }));

describe('downgrade alerts', () => {
  it('a stable TLS 1.2 sender, then a cleartext message: one tls-downgrade alert', async () => {
    const store = createProfileStore(createMemoryProfileStorage());
    const before = await replay(store, AMAZON, usual());
    expect(before.flatMap((v) => v.alerts)).toEqual([]);
    const [last] = await replay(store, AMAZON, [{ day: 12, tls: 'cleartext' }]);
    expect(last?.sender).toBe('amazon.com');
    expect(last?.alerts).toEqual([
      {
        kind: 'tls-downgrade',
        tone: 'warning',
        usual: 'TLSv1.2',
        now: 'cleartext',
        since: last?.history[0]?.day,
        messages: 6,
      },
    ]);
    expect(dayText(last?.alerts[0]?.since ?? 0)).toBe('2026-11-01');
  });

  it('TLS 1.0 where the profile is TLS 1.2+ is a downgrade too; TLS 1.3 after 1.2 is not', async () => {
    const store = createProfileStore(createMemoryProfileStorage());
    await replay(store, AMAZON, usual());
    const [old] = await replay(store, AMAZON, [{ day: 12, n: 1, tls: 'TLSv1.0' }], {
      learn: false,
    });
    expect(old?.alerts.map((a) => [a.kind, a.now])).toEqual([['tls-downgrade', 'TLSv1.0']]);
    const [better] = await replay(store, AMAZON, [{ day: 12, n: 2, tls: 'TLSv1.3' }]);
    expect(better?.alerts).toEqual([]);
  });

  it('noise below the threshold gives no alert: too few messages, or too few days', async () => {
    const fewMessages = createProfileStore(createMemoryProfileStorage());
    await replay(fewMessages, AMAZON, usual().slice(0, 4));
    const [a] = await replay(fewMessages, AMAZON, [{ day: 12, tls: 'cleartext' }]);
    expect(a?.alerts).toEqual([]);
    const fewDays = createProfileStore(createMemoryProfileStorage());
    await replay(
      fewDays,
      AMAZON,
      [0, 1, 2, 3, 4, 5].map((n) => ({ day: 0, n, tls: 'TLSv1.2' as const })),
    );
    const [b] = await replay(fewDays, AMAZON, [{ day: 1, tls: 'cleartext' }]);
    expect(b?.alerts).toEqual([]);
  });

  it('below 90% consistency the profile has no usual transport', async () => {
    const store = createProfileStore(createMemoryProfileStorage());
    const mixed = ESTABLISHED_DAYS.map((day, i) => ({
      day,
      tls: i === 2 ? ('cleartext' as const) : ('TLSv1.2' as const),
    }));
    await replay(store, AMAZON, mixed);
    const [next] = await replay(store, AMAZON, [{ day: 12, tls: 'cleartext' }]);
    expect(next?.alerts).toEqual([]);
  });

  it('a missing or failing DKIM signature where the sender always signed', async () => {
    const store = createProfileStore(createMemoryProfileStorage());
    await replay(store, CNN, usual());
    const [unsigned] = await replay(store, CNN, [{ day: 12, dkim: 'none' }], { learn: false });
    expect(unsigned?.alerts.map((a) => [a.kind, a.usual, a.now])).toEqual([
      ['dkim-missing', 'pass', 'none'],
    ]);
    const [failed] = await replay(store, CNN, [{ day: 12, n: 5, dkim: 'fail', dmarc: 'fail' }], {
      learn: false,
    });
    expect(failed?.alerts.map((a) => a.kind)).toEqual(['dkim-missing', 'dmarc-alignment-lost']);
  });

  it('a new sending provider after an established one', async () => {
    const store = createProfileStore(createMemoryProfileStorage());
    await replay(store, AMAZON, usual());
    const [moved] = await replay(store, AMAZON, [
      { day: 12, senderHost: 'o1.ptr1234.sendgrid.net' },
    ]);
    expect(moved?.alerts.map((a) => [a.kind, a.usual, a.now])).toEqual([
      ['new-provider', 'amazonses.com', 'sendgrid.net'],
    ]);
    // Once seen, the new provider is part of the profile: no second alert.
    const [again] = await replay(store, AMAZON, [{ day: 13, senderHost: 'o2.ptr99.sendgrid.net' }]);
    expect(again?.alerts).toEqual([]);
  });

  it('a changed key for a known selector: warning unless the key zone is DNSSEC-signed', async () => {
    const selector = keyName('newsletters.cnn.com', 'v2');
    const store = createProfileStore(createMemoryProfileStorage());
    await replay(store, CNN, usual(), { keys: new Map([[selector, 'aaaaaaaaaaaaaaaa']]) });
    const changed = { keys: new Map([[selector, 'bbbbbbbbbbbbbbbb']]), learn: false };
    const [plain] = await replay(store, CNN, [{ day: 12 }], changed);
    expect(plain?.alerts.map((a) => [a.kind, a.tone, a.usual, a.now])).toEqual([
      ['dkim-key-changed', 'warning', selector, 'changed'],
    ]);
    const [signed] = await replay(store, CNN, [{ day: 12 }], {
      ...changed,
      keyZoneSecure: new Map([[selector, true]]),
    });
    expect(signed?.alerts.map((a) => [a.kind, a.tone, a.now])).toEqual([
      ['dkim-key-changed', 'info', 'rotated-signed'],
    ]);
  });

  it('a rotation to a new selector is not a key change', async () => {
    const store = createProfileStore(createMemoryProfileStorage());
    await replay(store, CNN, usual(), {
      keys: new Map([[keyName('newsletters.cnn.com', 'v2'), 'aaaaaaaaaaaaaaaa']]),
    });
    const facts = varied(CNN, { day: 12 });
    for (const r of facts.authentication.dkim) r.properties['header.s'] = 'v3';
    const verdict = await judgeAndLearn(store, facts, {
      now,
      keys: new Map([[keyName('newsletters.cnn.com', 'v3'), 'cccccccccccccccc']]),
    });
    expect(verdict.alerts).toEqual([]);
  });

  it('reopening a message gives the same alerts and records it once', async () => {
    const store = createProfileStore(createMemoryProfileStorage());
    await replay(store, AMAZON, usual());
    const first = await replay(store, AMAZON, [{ day: 12, tls: 'cleartext' }]);
    const second = await replay(store, AMAZON, [{ day: 12, tls: 'cleartext' }]);
    expect(second[0]?.alerts).toEqual(first[0]?.alerts);
    expect((await store.get('amazon.com'))?.observations).toHaveLength(7);
  });

  it('learning off judges but remembers nothing', async () => {
    const store = createProfileStore(createMemoryProfileStorage());
    await replay(store, AMAZON, usual(), { learn: false });
    expect(await store.all()).toEqual([]);
  });
});
