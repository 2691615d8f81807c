// Per-sender-domain handoff history with an injected storage.
import { describe, expect, it } from 'vitest';
import {
  createMemoryHistoryStorage,
  recordHandoff,
  senderDomainOf,
} from '../../../lib/score/handoff-history.ts';
import { scoreMessage } from '../../../lib/score/score-message.ts';
import { handedOverAt, message } from '../../fixtures/score/builders.ts';

const now = () => new Date('2024-06-01T12:00:00Z');

const sentAt = (minute: number, encrypted: boolean) => handedOverAt(minute, encrypted);

describe('handoff history', () => {
  it('keys by the organizational domain of From and keeps no addresses', async () => {
    const storage = createMemoryHistoryStorage();
    const { senderDomain, observations } = await recordHandoff(storage, message(), { now });
    expect(senderDomain).toBe('sender.example');
    expect(observations).toEqual([
      {
        key: '2024-05-01T10:01:00Z|198.51.100.25|mx.recipient.example',
        at: '2024-05-01T10:01:00Z',
        seenAt: '2024-06-01T12:00:00.000Z',
        senderHost: 'out.sender.example',
        encrypted: true,
        tlsVersion: 'TLSv1.3',
        cipher: 'TLS_AES_256_GCM_SHA384',
        tlsClass: 'recommended',
        spf: 'pass',
        dkim: 'pass',
        dmarc: 'pass',
      },
    ]);
    expect(JSON.stringify(observations)).not.toMatch(/@/);
  });

  it('records a message once however often it is opened', async () => {
    const storage = createMemoryHistoryStorage();
    await recordHandoff(storage, message(), { now });
    const again = await recordHandoff(storage, message(), { now });
    expect(again.observations).toHaveLength(1);
  });

  it('keeps the newest observations up to the limit, oldest first', async () => {
    const storage = createMemoryHistoryStorage();
    for (const minute of [5, 1, 4, 2, 3])
      await recordHandoff(storage, sentAt(minute, true), { now, limit: 3 });
    const kept = await storage.read('sender.example');
    expect(kept.map((o) => o.at?.slice(14, 16))).toEqual(['03', '04', '05']);
  });

  it('ignores messages without a sender domain or a recipient-recorded handoff', async () => {
    const storage = createMemoryHistoryStorage();
    expect(
      (await recordHandoff(storage, message({ from: null }), { now })).senderDomain,
    ).toBeNull();
    await recordHandoff(storage, message({ trust: { handoffIndex: null } }), { now });
    expect(storage.domains()).toEqual([]);
  });

  it('lets the 80% rule apply to the sender’s outbound channel across messages', async () => {
    const storage = createMemoryHistoryStorage();
    for (let i = 0; i < 4; i++) await recordHandoff(storage, sentAt(i, true), { now });
    const last = await recordHandoff(storage, sentAt(9, false), { now });
    const score = scoreMessage({
      facts: sentAt(9, false),
      sender: { observations: last.observations },
    });
    expect(score.providers.sender?.outbound.support.starttls).toMatchObject({
      passed: 4,
      failed: 1,
      status: 'supported',
    });
    expect(score.padlock.level).toBe('red');
  });

  it('senderDomainOf falls back to the From domain and lower-cases', () => {
    expect(
      senderDomainOf({ from: { domain: 'Mail.Example.ORG', organizationalDomain: null } }),
    ).toBe('mail.example.org');
  });
});
