import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { serveGmailThread } from './harness/gmail-fixture.ts';
import {
  liveServiceWorker,
  openTab,
  stopServiceWorker,
  toolbarOf,
} from './harness/service-worker.ts';

// Chromium stops idle MV3 service workers whenever it likes. Here it is stopped while the
// assessment waits on the probe service; the restarted worker must still finish with a badge.
describe('service worker stopped mid-assessment', () => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    await serveGmailThread(browser.context, {
      page: 'gmail-thread.html',
      originals: { 'msg-f:1743836977043622489': 'gmail-original-tls.eml.txt' },
    });
  });
  afterAll(() => browser?.close());

  it('ends in a padlock inline and on the toolbar', async () => {
    const worker = await liveServiceWorker(browser.context);
    const { page, tabId } = await openTab(browser.context, worker);
    // Marks this worker's JS realm: a restarted worker starts without it.
    await worker.evaluate(() => {
      (globalThis as { beforeStop?: boolean }).beforeStop = true;
    });

    // The default probe URL (loopback): hold the first request, answer later ones "unavailable".
    let held: Route | null = null;
    let signalHeld: () => void = () => {};
    const probeHeld = new Promise<void>((resolve) => {
      signalHeld = resolve;
    });
    let probeCalls = 0;
    await browser.context.route('http://127.0.0.1:8787/**', (route) => {
      probeCalls += 1;
      if (held === null) {
        held = route;
        signalHeld();
        return;
      }
      return route.fulfill({ status: 503, body: 'unavailable' });
    });

    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    await probeHeld;
    const badge = page.locator('[data-mailseal-badge]');
    // The held probe does not hold the padlock: the headers (and DNS) give it while the probe
    // call is still open. The probe only refines the details (report.refining), so the padlock
    // may already be final here.
    await expect
      .poll(() => badge.getAttribute('data-state'), { timeout: 10_000 })
      .toMatch(/^(green|amber|red|grey)$/);
    expect(held).not.toBeNull();
    const callsBeforeStop = probeCalls;
    await stopServiceWorker(page);
    await (held as Route | null)?.abort().catch(() => {});

    // A fresh worker resumes the saved job: it asks the probe again (answered "unavailable"
    // now) and finishes the padlock and the toolbar.
    await expect.poll(() => probeCalls, { timeout: 30_000 }).toBeGreaterThan(callsBeforeStop);
    await expect
      .poll(() => page.locator('[data-mailseal-badge]:not([data-pending])').count(), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(await badge.getAttribute('data-state')).toBe('amber');
    await expect
      .poll(async () => (await toolbarOf(worker, tabId)).badgeText, { timeout: 10_000 })
      .toBe('!');
    expect(
      await worker.evaluate(() => (globalThis as { beforeStop?: boolean }).beforeStop),
    ).toBeUndefined();
    await page.close();
  });
});
