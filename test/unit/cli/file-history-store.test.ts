// The CLI's file-backed handoff history: JSON in a data directory, atomic writes, bounded size.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFileHistoryStorage,
  defaultHistoryDir,
  HISTORY_FILE,
} from '../../../cli/history/file-history-store.ts';
import { type HandoffObservation, recordHandoff } from '../../../lib/score/index.ts';
import { handedOverAt } from '../../fixtures/score/builders.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailseal-history-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A message from `domain`, handed over at minute `minute`, encrypted or not. */
function from(domain: string, minute: number, encrypted = true) {
  return handedOverAt(minute, encrypted, { from: { domain, organizationalDomain: domain } });
}

const at = (minute: number) => () => new Date(Date.UTC(2024, 5, 1, 12, minute));

describe('file history store', () => {
  it('round-trips a domain’s observations through one private JSON file', async () => {
    const store = createFileHistoryStorage({ dir: join(dir, 'state', 'mailseal') });
    const { observations } = await recordHandoff(store, from('sender.example', 1), { now: at(0) });
    expect(await store.read('sender.example')).toEqual(observations);
    expect(await store.read('SENDER.example')).toEqual(observations);
    expect(await store.read('other.example')).toEqual([]);
    expect(store.path).toBe(join(dir, 'state', 'mailseal', HISTORY_FILE));
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state', 'mailseal')).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(stored.format).toBe(1);
    expect(Object.keys(stored.domains)).toEqual(['sender.example']);
  });

  it('reads an empty history when there is no file yet, and creates nothing by reading', async () => {
    const store = createFileHistoryStorage({ dir: join(dir, 'none') });
    expect(await store.read('sender.example')).toEqual([]);
    expect(await store.domains()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes atomically: no temporary file is left behind, and a new store sees the data', async () => {
    const store = createFileHistoryStorage({ dir });
    for (let m = 0; m < 5; m++) await recordHandoff(store, from('a.example', m), { now: at(m) });
    expect(readdirSync(dir)).toEqual([HISTORY_FILE]);
    const reopened = createFileHistoryStorage({ dir });
    expect(await reopened.read('a.example')).toHaveLength(5);
  });

  it('caps observations per domain, dropping the oldest', async () => {
    const store = createFileHistoryStorage({ dir, limits: { perDomain: 3 } });
    for (const m of [5, 1, 4, 2, 3]) {
      await recordHandoff(store, from('a.example', m), { now: at(m), limit: 10 });
    }
    const kept = await store.read('a.example');
    expect(kept.map((o) => o.at?.slice(14, 16))).toEqual(['03', '04', '05']);
  });

  it('caps domains, dropping the least recently seen', async () => {
    const store = createFileHistoryStorage({ dir, limits: { maxDomains: 2 } });
    await recordHandoff(store, from('one.example', 1), { now: at(1) });
    await recordHandoff(store, from('two.example', 2), { now: at(2) });
    await recordHandoff(store, from('one.example', 3), { now: at(3) });
    await recordHandoff(store, from('three.example', 4), { now: at(4) });
    expect(await store.domains()).toEqual(['one.example', 'three.example']);
    expect(await store.read('one.example')).toHaveLength(2);
  });

  it('sets a damaged file aside and starts a new one', async () => {
    writeFileSync(join(dir, HISTORY_FILE), '{"format":1,"domains":{"a.example":[{"key":');
    const store = createFileHistoryStorage({ dir });
    expect(await store.read('a.example')).toEqual([]);
    await recordHandoff(store, from('a.example', 1), { now: at(1) });
    expect(readdirSync(dir).sort()).toEqual([HISTORY_FILE, `${HISTORY_FILE}.unreadable`]);
    expect(await store.read('a.example')).toHaveLength(1);
  });

  it('drops stored entries that are not observations, and a future format', async () => {
    const good: HandoffObservation = {
      key: 'k',
      at: '2024-05-01T10:00:00Z',
      seenAt: '2024-06-01T00:00:00Z',
      senderHost: null,
      encrypted: true,
      tlsVersion: 'TLSv1.3',
      cipher: null,
      tlsClass: 'recommended',
      spf: 'pass',
      dkim: null,
      dmarc: null,
    };
    writeFileSync(
      join(dir, HISTORY_FILE),
      JSON.stringify({
        format: 1,
        domains: { 'a.example': [good, { key: 1 }, null], 'b.example': 'nope' },
      }),
    );
    const store = createFileHistoryStorage({ dir });
    expect(await store.read('a.example')).toEqual([good]);
    expect(await store.domains()).toEqual(['a.example']);
    writeFileSync(join(dir, HISTORY_FILE), JSON.stringify({ format: 2, domains: {} }));
    expect(await store.domains()).toEqual([]);
  });

  it('lives in $XDG_STATE_HOME/mailseal, else ~/.local/state/mailseal', () => {
    expect(defaultHistoryDir({ XDG_STATE_HOME: '/x/state' }, '/home/u')).toBe('/x/state/mailseal');
    expect(defaultHistoryDir({}, '/home/u')).toBe('/home/u/.local/state/mailseal');
    // A relative XDG_STATE_HOME is invalid per the XDG spec and ignored.
    expect(defaultHistoryDir({ XDG_STATE_HOME: 'rel' }, '/home/u')).toBe(
      '/home/u/.local/state/mailseal',
    );
  });
});
