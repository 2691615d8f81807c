// Real Chromium with the e2e build against the running lab, showing one message per padlock level
// (level-messages.ts): the report as a user sees it, for screenshots, contrast and keyboard tests.
// The build is made once by the test file (npm run build:e2e).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { requireLab } from '../../lab/lab-info.ts';
import { type ExtensionBrowser, launchExtensionBrowser } from './extension-browser.ts';
import { serveGmailThread } from './gmail-fixture.ts';
import { labSpkiList } from './lab-trust.ts';
import {
  type LevelMessage,
  type LevelName,
  levelMessages,
  levelPage,
  writeLevelMessages,
} from './level-messages.ts';
import { type ProbeService, startLabProbeService } from './probe-service.ts';
import { liveServiceWorker, openTab } from './service-worker.ts';

export const E2E_EXTENSION = resolve(import.meta.dirname, '../../../.output/e2e/chrome-mv3');
export type Scheme = 'light' | 'dark';

// Gmail's dark theme: the page background and text colour it paints.
export const GMAIL_DARK = { background: 'rgb(32, 33, 36)', color: 'rgb(232, 234, 237)' };

export interface LevelOptions {
  /** The browser's colour scheme (prefers-color-scheme). */
  scheme: Scheme;
  /** Gmail's own theme, chosen in Gmail and independent of the browser's (default light). */
  gmail?: Scheme;
  width?: number;
}

export interface LevelBrowser {
  browser: ExtensionBrowser;
  messages: LevelMessage[];
  /** A Gmail tab showing the message of `level`, its padlock settled on the final verdict. */
  openLevel: (level: LevelName, options: LevelOptions) => Promise<{ page: Page; tabId: number }>;
  /** The toolbar popup for a tab, in a page of its own (as the e2e tests open it). */
  openPopup: (tabId: number, options: { scheme: Scheme; width?: number }) => Promise<Page>;
  close: () => Promise<void>;
}

export async function launchLevelBrowser(lang: 'en' | 'de'): Promise<LevelBrowser> {
  const lab = requireLab();
  const dir = await mkdtemp(join(tmpdir(), 'mailseal-levels-'));
  const messages = levelMessages();
  const probe: ProbeService = await startLabProbeService();
  const browser = await launchExtensionBrowser({
    extensionDir: E2E_EXTENSION,
    extraArgs: [
      `--lang=${lang}`,
      `--ignore-certificate-errors-spki-list=${await labSpkiList(lab.dohUrl, lab.caSpkiSha256Base64)}`,
    ],
  });
  await serveGmailThread(browser.context, {
    page: levelPage(messages, lang),
    originals: await writeLevelMessages(dir, messages),
  });
  const worker = await liveServiceWorker(browser.context);
  await worker.evaluate((settings) => chrome.storage.local.set({ settings }), {
    schemaVersion: 1,
    resolver: { kind: 'custom', url: lab.dohUrl },
    probe: { url: probe.url, token: '' },
    // No sender history: each level must come from its own message, not from the ones before.
    features: { inlineBadge: true, toolbarBadge: true, useProbe: true, keepSenderHistory: false },
    labMode: true,
    // The lab's KSK of `lab.`: the extension validates lab answers itself, as it would validate
    // real ones from the IANA root, instead of falling back to the resolver's word.
    labTrustAnchor: lab.trustAnchor,
  });

  async function openLevel(level: LevelName, options: LevelOptions) {
    const message = messages.find((m) => m.name === level);
    if (!message) throw new Error(`no message for ${level}`);
    const { page, tabId } = await openTab(browser.context, worker);
    await page.setViewportSize({ width: options.width ?? 320, height: 640 });
    await page.emulateMedia({ colorScheme: options.scheme });
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    if (options.gmail === 'dark')
      await page.evaluate(({ background, color }) => {
        document.body.style.background = background;
        document.body.style.color = color;
      }, GMAIL_DARK);
    // Gmail's SPA navigation: the conversation replaces the pane, then the hash changes.
    await page.evaluate((name) => {
      const next = document.getElementById(`thread-${name}`) as HTMLTemplateElement;
      document.getElementById('main')?.replaceChildren(next.content.cloneNode(true));
      location.hash = `#inbox/${name}`;
    }, level);
    const final = page.locator('[data-mailseal-badge]:not([data-pending])');
    await expect.poll(() => final.count(), { timeout: 60_000 }).toBe(1);
    if (message.state !== null)
      await expect.poll(() => final.getAttribute('data-state')).toBe(message.state);
    return { page, tabId };
  }

  async function openPopup(tabId: number, options: { scheme: Scheme; width?: number }) {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: options.width ?? 320, height: 640 });
    await popup.emulateMedia({ colorScheme: options.scheme });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.getByTestId('verdict-summary').count()).toBe(1);
    await expect.poll(() => popup.getByTestId('still-checking').count()).toBe(0);
    return popup;
  }

  return {
    browser,
    messages,
    openLevel,
    openPopup,
    close: async () => {
      await browser.close();
      await probe.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
