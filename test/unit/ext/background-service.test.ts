import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackgroundService } from '../../../lib/ext/background-service.ts';
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import { handleMessages, sendToBackground } from '../../../lib/ext/messaging.ts';
import type { AssessMessage } from '../../../lib/messaging/protocol.ts';
import type { MessageReport } from '../../../lib/messaging/report.ts';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings.ts';
import { fakePorts } from './fake-ports.ts';
import { installEnglishI18n } from './i18n-fixture.ts';

function senderFromTab(tabId: number): Browser.runtime.MessageSender {
  return { id: fakeBrowser.runtime.id, tab: { id: tabId } as Browser.tabs.Tab };
}

function fromTab<T>(tabId: number, type: string, data: unknown): Promise<T> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(
      { mailseal: 1, type, data },
      senderFromTab(tabId),
      (reply: { value: T }) => resolve(reply.value),
    );
  });
}

function report(level: MessageReport['padlock']['level'], reason: string): MessageReport {
  return {
    site: 'gmail',
    checkedAt: '2026-01-01T00:00:00.000Z',
    padlock: {
      level,
      reason,
      text: { key: 'padlock_amber', params: [] },
      transport: { state: 'encrypted', text: { key: 'signal_transport_encrypted', params: [] } },
      sender: { state: 'unknown', text: { key: 'signal_sender_unknown', params: [] } },
    },
    degraded: null,
    problems: [],
    pending: [],
    stage: 0,
    notices: [],
    domains: { from: null, judged: null, envelope: null, dkim: [], recipientProvider: null },
    reasons: [],
    path: [],
    providers: [],
    standards: [],
    threats: [],
    admin: { findings: [], mx: [] },
  };
}

const session = () => fakeBrowser.storage.session as unknown as StorageAreaLike;
const assessRequest = (seq: number, inView = true): AssessMessage => ({
  site: 'gmail',
  seq,
  inView,
  headers: { block: '', warnings: [] },
});

describe('background service over the typed message contract', () => {
  let stop: () => void = () => {};
  let icons: Map<number, unknown>;
  beforeEach(() => {
    fakeBrowser.reset();
    installEnglishI18n();
    // The fake browser has no setIcon; record what the service asks for.
    icons = new Map();
    const recordIcon = async (details: { tabId?: number; path?: unknown }) => {
      icons.set(details.tabId ?? -1, details.path);
    };
    fakeBrowser.action.setIcon = recordIcon as typeof fakeBrowser.action.setIcon;
    stop();
    stop = startBackgroundService({
      contentPorts: fakePorts().onConnect,
      assess: async () => report('amber', 'Encrypted against eavesdroppers only.'),
      clearCache: async () => 3,
      session: session(),
    });
  });

  it('answers getSettings with migrated defaults when storage is empty', async () => {
    expect(await sendToBackground('getSettings', null)).toEqual(DEFAULT_SETTINGS);
  });

  it('persists settings through saveSettings and sanitises them', async () => {
    const saved = await sendToBackground('saveSettings', {
      ...DEFAULT_SETTINGS,
      resolver: { kind: 'custom', url: 'https://doh.example/dns-query' },
    });
    expect(saved.resolver).toEqual({ kind: 'custom', url: 'https://doh.example/dns-query' });
    expect(await sendToBackground('getSettings', null)).toEqual(saved);
  });

  it('shows the idle padlock for a freshly opened webmail page', async () => {
    await fromTab(7, 'pageOpened', { site: 'outlook' });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('…');
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe(
      'MailSeal: watching Outlook; open a message to check how it travelled',
    );
  });

  it('paints the assessed padlock on the tab that asked, with symbol and words', async () => {
    await fromTab(7, 'pageOpened', { site: 'gmail' });
    await fromTab(7, 'assessMessage', assessRequest(1));
    // The tab is answered first; the toolbar follows.
    await expect.poll(() => fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('!');
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe(
      'MailSeal: partly protected: Encrypted against eavesdroppers only.',
    );
    expect((await sendToBackground('getTabVerdict', { tabId: 7 }))?.report?.padlock.level).toBe(
      'amber',
    );
    expect(await fakeBrowser.action.getBadgeText({ tabId: 8 })).toBe('');
    expect(icons.get(7)).toEqual({
      16: '/padlock/amber-16.png',
      32: '/padlock/amber-32.png',
      48: '/padlock/amber-48.png',
    });
  });

  it('never lets a late answer for an older message repaint the tab', async () => {
    await fromTab(7, 'messageOpening', { site: 'gmail', seq: 5, inView: true });
    await fromTab(7, 'assessMessage', assessRequest(4));
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('…');
    expect((await sendToBackground('getTabVerdict', { tabId: 7 }))?.level).toBe('checking');
  });

  it('says "can\'t read this message" for unreadable messages', async () => {
    await fromTab(9, 'messageProblem', {
      site: 'gmail',
      seq: 1,
      inView: true,
      problem: 'unreadable',
    });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 9 })).toBe('?');
    expect(await fakeBrowser.action.getTitle({ tabId: 9 })).toBe(
      "MailSeal: can't read this message",
    );
  });

  it('leaves the toolbar alone when the toolbar badge is turned off', async () => {
    await sendToBackground('saveSettings', {
      ...DEFAULT_SETTINGS,
      features: { ...DEFAULT_SETTINGS.features, toolbarBadge: false },
    });
    await fromTab(8, 'pageOpened', { site: 'gmail' });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 8 })).toBe('');
  });

  it('finishes an assessment a stopped service worker left behind', async () => {
    stop();
    // A worker that dies mid-assessment: the job is stored, the answer never comes.
    stop = startBackgroundService({
      contentPorts: fakePorts().onConnect,
      assess: () => new Promise(() => {}),
      clearCache: async () => 0,
      session: session(),
    });
    void fromTab(11, 'assessMessage', assessRequest(2));
    await expect
      .poll(async () => Object.keys(await fakeBrowser.storage.session.get(null)))
      .toContain('job:11');
    stop();
    stop = startBackgroundService({
      contentPorts: fakePorts().onConnect,
      assess: async () => report('green', 'Encrypted and authenticated.'),
      clearCache: async () => 0,
      session: session(),
    });
    await expect.poll(() => fakeBrowser.action.getBadgeText({ tabId: 11 })).toBe('✓');
    await expect
      .poll(async () => Object.keys(await fakeBrowser.storage.session.get(null)))
      .not.toContain('job:11');
  });

  // Issue 16: the first verdict does not wait for the job to be written to storage.session.
  it('starts the assessment without waiting for its job to be stored', async () => {
    stop();
    let release: () => void = () => {};
    const held = new Promise<void>((done) => {
      release = done;
    });
    const area = session();
    const slowJobs: StorageAreaLike = {
      get: (keys) => area.get(keys),
      remove: (keys) => area.remove(keys),
      set: async (items) => {
        if (Object.keys(items).some((k) => k.startsWith('job:'))) await held;
        return area.set(items);
      },
    };
    let started = false;
    stop = startBackgroundService({
      contentPorts: fakePorts().onConnect,
      assess: async () => {
        started = true;
        return report('green', 'Encrypted and authenticated.');
      },
      clearCache: async () => 0,
      session: slowJobs,
    });
    const answer = fromTab<{ report: MessageReport }>(13, 'assessMessage', assessRequest(1));
    await expect.poll(() => started).toBe(true);
    expect((await answer).report.padlock.level).toBe('green');
    release();
    // Stored, then removed once the final verdict is shown: nothing left for a restart.
    await expect
      .poll(async () => Object.keys(await fakeBrowser.storage.session.get(null)))
      .not.toContain('job:13');
  });

  it('assesses a message again after the settings change, not from the finished job', async () => {
    stop();
    let runs = 0;
    stop = startBackgroundService({
      contentPorts: fakePorts().onConnect,
      assess: async () => {
        runs++;
        return report('amber', 'Encrypted against eavesdroppers only.');
      },
      clearCache: async () => 0,
      session: session(),
    });
    await fromTab(12, 'assessMessage', assessRequest(1));
    // The same page view asking again within a minute is answered from the finished job...
    await fromTab(12, 'assessMessage', assessRequest(1));
    expect(runs).toBe(1);
    // ...but not once the settings changed (the DNSSEC mode here): the labels must follow.
    await sendToBackground('saveSettings', { ...DEFAULT_SETTINGS, dnssecValidation: 'resolver' });
    await fromTab(12, 'assessMessage', assessRequest(1));
    expect(runs).toBe(2);
    await sendToBackground('clearCache', null);
    await fromTab(12, 'assessMessage', assessRequest(1));
    expect(runs).toBe(3);
  });

  it('clears the cache on request', async () => {
    expect(await sendToBackground('clearCache', null)).toEqual({ removed: 3 });
  });

  it('has no verdict for a tab that never announced a webmail page', async () => {
    expect(await sendToBackground('getTabVerdict', { tabId: 42 })).toBeNull();
  });

  it('ignores messages that are not MailSeal envelopes', async () => {
    expect(await fakeBrowser.runtime.sendMessage({ type: 'getSettings' })).toBeUndefined();
  });

  it('turns a handler failure into a rejected promise for the caller', async () => {
    stop();
    const fail = () => {
      throw new Error('assessor offline');
    };
    stop = handleMessages({
      pageOpened: fail,
      messageOpening: fail,
      assessMessage: fail,
      messageProblem: fail,
      getTabVerdict: () => null,
      getSettings: () => DEFAULT_SETTINGS,
      saveSettings: (settings) => settings,
      clearCache: () => ({ removed: 0 }),
      profilesList: () => [],
      profilesForget: () => null,
      profilesClear: () => null,
      profilesExport: fail,
      profilesImport: fail,
    });
    await expect(sendToBackground('pageOpened', { site: 'gmail' })).rejects.toThrow(
      'assessor offline',
    );
  });
});
