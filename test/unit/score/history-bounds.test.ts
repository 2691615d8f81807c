// The pure rules every handoff-history store shares (CLI file, extension browser.storage).
import { describe, expect, it } from 'vitest';
import type { HandoffObservation } from '../../../lib/score/handoff-history.ts';
import {
  boundHistory,
  historyFromStored,
  isHandoffObservation,
  lastSeen,
  mergeObservation,
} from '../../../lib/score/history-bounds.ts';

function obs(minute: number, seenMinute = minute): HandoffObservation {
  const mm = String(minute).padStart(2, '0');
  return {
    key: `k${mm}`,
    at: `2024-05-01T10:${mm}:00Z`,
    seenAt: `2024-06-01T12:${String(seenMinute).padStart(2, '0')}:00.000Z`,
    senderHost: 'out.sender.example',
    encrypted: true,
    tlsVersion: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    tlsClass: 'recommended',
    spf: 'pass',
    dkim: 'pass',
    dmarc: 'pass',
  };
}

describe('mergeObservation', () => {
  it('adds in handoff-time order and keeps the newest up to the limit', () => {
    const merged = mergeObservation([obs(1), obs(3)], obs(2), 2);
    expect(merged?.map((o) => o.key)).toEqual(['k02', 'k03']);
  });

  it('returns null for an observation already there', () => {
    expect(mergeObservation([obs(1)], { ...obs(1), seenAt: 'later' })).toBeNull();
  });
});

describe('boundHistory', () => {
  it('keeps the most recently seen domains and each domain’s newest observations', () => {
    const bounded = boundHistory(
      {
        'old.example': [obs(1, 1)],
        'new.example': [obs(1, 5), obs(2, 6), obs(3, 7)],
        'mid.example': [obs(4, 3)],
        'empty.example': [],
      },
      { maxDomains: 2, perDomain: 2 },
    );
    expect(Object.keys(bounded).sort()).toEqual(['mid.example', 'new.example']);
    expect(bounded['new.example']?.map((o) => o.key)).toEqual(['k02', 'k03']);
    expect(lastSeen(bounded['new.example'] ?? [])).toBe('2024-06-01T12:07:00.000Z');
  });

  it('breaks ties by domain name, whatever the insertion order', () => {
    const a = boundHistory(
      { 'b.example': [obs(1)], 'a.example': [obs(1)] },
      { maxDomains: 1, perDomain: 5 },
    );
    const b = boundHistory(
      { 'a.example': [obs(1)], 'b.example': [obs(1)] },
      { maxDomains: 1, perDomain: 5 },
    );
    expect(Object.keys(a)).toEqual(['a.example']);
    expect(Object.keys(b)).toEqual(['a.example']);
  });
});

describe('historyFromStored', () => {
  it('keeps well-formed observations and lower-cases domains', () => {
    const stored = { 'A.Example': [obs(1), { ...obs(2), tlsClass: 'great' }, 'x'], b: 3 };
    expect(historyFromStored(stored)).toEqual({ 'a.example': [obs(1)] });
    expect(historyFromStored(null)).toEqual({});
    expect(historyFromStored([obs(1)])).toEqual({});
  });

  it('treats a domain named __proto__ as data, not as a prototype', () => {
    const stored = JSON.parse(`{"__proto__": ${JSON.stringify([obs(1)])}}`);
    const history = historyFromStored(stored);
    expect(Object.getPrototypeOf(history)).toBe(Object.prototype);
    expect(Object.keys(boundHistory(history))).toEqual(['__proto__']);
  });

  it('isHandoffObservation checks every field', () => {
    expect(isHandoffObservation(obs(1))).toBe(true);
    expect(isHandoffObservation({ ...obs(1), encrypted: 'yes' })).toBe(false);
    expect(isHandoffObservation({ ...obs(1), seenAt: null })).toBe(false);
  });
});
