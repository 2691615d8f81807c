import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackgroundService } from '../../../lib/ext/background-service.ts';
import { handleMessages, sendToBackground } from '../../../lib/ext/messaging.ts';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings.ts';

/** A message sender as the browser reports a content script in tab `tabId`. */
function senderFromTab(tabId: number): Browser.runtime.MessageSender {
  return { id: fakeBrowser.runtime.id, tab: { id: tabId } as Browser.tabs.Tab };
}

describe('background service over the typed message contract', () => {
  let stop: () => void = () => {};
  beforeEach(() => {
    fakeBrowser.reset();
    stop();
    stop = startBackgroundService();
  });

  it('answers getSettings with migrated defaults when storage is empty', async () => {
    expect(await sendToBackground('getSettings', null)).toEqual(DEFAULT_SETTINGS);
  });

  it('persists settings through saveSettings and sanitises them', async () => {
    const saved = await sendToBackground('saveSettings', {
      ...DEFAULT_SETTINGS,
      resolver: { kind: 'custom', url: 'https://doh.example/dns-query' },
      labMode: true,
    });
    expect(saved.resolver).toEqual({ kind: 'custom', url: 'https://doh.example/dns-query' });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual(saved);
    expect(await sendToBackground('getSettings', null)).toEqual(saved);
  });

  it('sets the toolbar badge and remembers the verdict for the announcing tab', async () => {
    const reply = await new Promise((resolve) => {
      void fakeBrowser.runtime.onMessage.trigger(
        { mailseal: 1, type: 'pageOpened', data: { site: 'outlook' } },
        senderFromTab(7),
        resolve,
      );
    });
    expect(reply).toMatchObject({ ok: true, value: { level: 'idle', badgeText: '…' } });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('…');
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toContain('Outlook');
    expect(await sendToBackground('getTabVerdict', { tabId: 7 })).toMatchObject({ level: 'idle' });
  });

  it('leaves the toolbar alone when the toolbar badge is turned off', async () => {
    await sendToBackground('saveSettings', {
      ...DEFAULT_SETTINGS,
      features: { ...DEFAULT_SETTINGS.features, toolbarBadge: false },
    });
    await new Promise((resolve) => {
      void fakeBrowser.runtime.onMessage.trigger(
        { mailseal: 1, type: 'pageOpened', data: { site: 'gmail' } },
        senderFromTab(8),
        resolve,
      );
    });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 8 })).toBe('');
  });

  it('has no verdict for a tab that never announced a webmail page', async () => {
    expect(await sendToBackground('getTabVerdict', { tabId: 42 })).toBeNull();
  });

  it('ignores messages that are not MailSeal envelopes', async () => {
    const reply = await fakeBrowser.runtime.sendMessage({ type: 'getSettings' });
    expect(reply).toBeUndefined();
  });

  it('turns a handler failure into a rejected promise for the caller', async () => {
    stop();
    stop = handleMessages({
      pageOpened: () => {
        throw new Error('assessor offline');
      },
      getTabVerdict: () => null,
      getSettings: () => DEFAULT_SETTINGS,
      saveSettings: (settings) => settings,
    });
    await expect(sendToBackground('pageOpened', { site: 'gmail' })).rejects.toThrow(
      'assessor offline',
    );
  });
});
