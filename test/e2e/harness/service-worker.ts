// The extension's MV3 service worker in a test: find the live one, stop it the way Chromium
// stops an idle worker (CDP ServiceWorker.stopWorker), and read what it shows per tab.

import type { BrowserContext, Page, Worker } from 'playwright-core';

const isExtensionWorker = (worker: Worker) => worker.url().startsWith('chrome-extension://');

/** Stops the extension's service worker; resolves once Chromium reports it stopped. */
export async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const states = new Map<string, { url: string; status: string }>();
    let notify = () => {};
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const v of event.versions)
        states.set(v.versionId, { url: v.scriptURL, status: v.runningStatus });
      notify();
    });
    await cdp.send('ServiceWorker.enable');
    const until = async (test: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!test()) {
        if (Date.now() > deadline) throw new Error('service worker did not reach the state');
        await new Promise<void>((resolve) => {
          notify = resolve;
          setTimeout(resolve, 100);
        });
      }
    };
    const running = () =>
      [...states].find(
        ([, v]) => v.url.startsWith('chrome-extension://') && v.status === 'running',
      )?.[0];
    await until(() => running() !== undefined);
    const versionId = running() as string;
    await cdp.send('ServiceWorker.stopWorker', { versionId });
    await until(() => states.get(versionId)?.status === 'stopped');
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * The extension's service worker. Playwright keeps one handle across a stop and restart (same
 * target); evaluating on it while the worker is stopped waits until something wakes it.
 */
export async function liveServiceWorker(context: BrowserContext): Promise<Worker> {
  return (
    context.serviceWorkers().find(isExtensionWorker) ??
    context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 30_000 })
  );
}

export interface TabToolbar {
  badgeText: string;
  title: string;
}

const tabIds = (worker: Worker) =>
  worker.evaluate(async () => (await chrome.tabs.query({})).map((tab) => tab.id ?? -1));

/**
 * Opens a page and learns its tab id: the extension has no "tabs" permission, so tab URLs are
 * hidden from it; the one new id is the page's.
 */
export async function openTab(
  context: BrowserContext,
  worker: Worker,
): Promise<{ page: Page; tabId: number }> {
  const before = new Set(await tabIds(worker));
  const page = await context.newPage();
  const fresh = (await tabIds(worker)).filter((id) => !before.has(id));
  if (fresh.length !== 1) throw new Error(`expected one new tab, saw ${fresh.length}`);
  return { page, tabId: fresh[0] as number };
}

/** What the toolbar shows for one tab, read inside the extension's service worker. */
export function toolbarOf(worker: Worker, tabId: number): Promise<TabToolbar> {
  return worker.evaluate(
    async (id) => ({
      badgeText: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
    }),
    tabId,
  );
}
