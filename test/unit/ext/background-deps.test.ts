// The background service takes its settings store, toolbar and translator as dependencies
// (issue 18): with them injected it needs neither browser.action, nor the storage-backed
// settings, nor browser.i18n.

import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackgroundService } from '../../../lib/ext/background-service.ts';
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import { sendToBackground } from '../../../lib/ext/messaging.ts';
import type { TabVerdict } from '../../../lib/messaging/protocol.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/settings.ts';
import { fakePorts } from './fake-ports.ts';

function trigger(tabId: number, type: string, data: unknown): Promise<TabVerdict> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(
      { mailseal: 1, type, data },
      { id: fakeBrowser.runtime.id, tab: { id: tabId } } as never,
      (reply: { value: TabVerdict }) => resolve(reply.value),
    );
  });
}

/** What every test here hands in: no assessments, no onboarding, the fake browser's session. */
const withoutAssessing = () => ({
  contentPorts: fakePorts().onConnect,
  assess: async (): Promise<never> => {
    throw new Error('not used');
  },
  clearCache: async () => 0,
  session: fakeBrowser.storage.session as unknown as StorageAreaLike,
  openOnboarding: false,
});

describe('background service dependencies', () => {
  it('reads and saves settings, paints the toolbar and words verdicts through what it is given', async () => {
    fakeBrowser.reset();
    let stored: Settings = { ...DEFAULT_SETTINGS, labMode: true };
    const painted: [number, TabVerdict][] = [];
    const stop = startBackgroundService({
      ...withoutAssessing(),
      settings: {
        load: async () => stored,
        save: async (next) => {
          stored = next;
          return next;
        },
      },
      toolbar: async (tabId, verdict) => {
        painted.push([tabId, verdict]);
      },
      t: (key) => `«${key}»`,
    });
    try {
      expect((await sendToBackground('getSettings', null)).labMode).toBe(true);
      await sendToBackground('saveSettings', { ...stored, labMode: false });
      expect(stored.labMode).toBe(false);
      const idle = await trigger(4, 'pageOpened', { site: 'gmail' });
      expect(idle.summary).toContain('«');
      await expect.poll(() => painted.length).toBe(1);
      expect(painted[0]?.[0]).toBe(4);
      expect(painted[0]?.[1].summary).toBe(idle.summary);
      // The real toolbar was never touched.
      expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('');
    } finally {
      stop();
    }
  });

  // The browser's i18n can fail in the extension's process while the reader's catalogue loads
  // (lib/ext/translator.ts): a verdict worded before it arrived stayed English on the toolbar.
  it("words verdicts only once the translator speaks the reader's language", async () => {
    fakeBrowser.reset();
    const painted: TabVerdict[] = [];
    let german = false;
    let wordsArrive = () => {};
    const words = new Promise<void>((resolve) => {
      wordsArrive = () => {
        german = true;
        resolve();
      };
    });
    const stop = startBackgroundService({
      ...withoutAssessing(),
      settings: { load: async () => DEFAULT_SETTINGS, save: async (next) => next },
      toolbar: async (_tabId, verdict) => {
        painted.push(verdict);
      },
      t: (key) => (german ? `de:${key}` : `en:${key}`),
      wordsReady: () => words,
    });
    try {
      const answer = trigger(5, 'messageOpening', { seq: 1, inView: true });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(painted).toEqual([]);
      wordsArrive();
      expect((await answer).summary).toBe('de:verdictChecking');
      await expect.poll(() => painted.length).toBe(1);
      expect(painted[0]?.summary).toBe('de:verdictChecking');
    } finally {
      stop();
    }
  });
});
