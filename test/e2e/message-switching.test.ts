import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { serveGmailThread, TWO_THREADS } from './harness/gmail-fixture.ts';
import { liveServiceWorker, openTab, toolbarOf } from './harness/service-worker.ts';

// The toolbar follows the message in view: Gmail's SPA navigation to another conversation, and a
// click into another message of an open thread, each repaint the tab's badge.
describe('switching messages switches the badge', () => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    await serveGmailThread(browser.context, TWO_THREADS);
  });
  afterAll(() => browser?.close());

  it('repaints the toolbar on navigation and on a click inside a thread', async () => {
    const worker = await liveServiceWorker(browser.context);
    const { page, tabId } = await openTab(browser.context, worker);
    const badge = () => toolbarOf(worker, tabId).then((t) => t.badgeText);
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ1');
    await expect.poll(badge, { timeout: 20_000 }).toBe('!');

    // Gmail swaps the conversation in place and changes the hash.
    await page.evaluate(() => {
      const next = document.getElementById('thread-2') as HTMLTemplateElement;
      document.getElementById('main')?.replaceChildren(next.content.cloneNode(true));
      location.hash = '#inbox/FMfcgzQ2';
    });
    await expect.poll(badge, { timeout: 20_000 }).toBe('✗');
    await expect
      .poll(() => page.locator('[data-mailseal-badge]').getAttribute('data-state'))
      .toBe('red');
    expect(await page.locator('[data-mailseal-badge]').count()).toBe(1);

    // Back to the first conversation with both messages expanded: the newest is in view ...
    await page.evaluate(() => {
      const both = document.getElementById('thread-1-both') as HTMLTemplateElement;
      document.getElementById('main')?.replaceChildren(both.content.cloneNode(true));
      location.hash = '#inbox/FMfcgzQ1';
    });
    await expect.poll(() => page.locator('[data-mailseal-badge]').count()).toBe(2);
    await expect.poll(badge, { timeout: 20_000 }).toBe('!');
    // ... until the user clicks into the older one.
    await page.locator('[data-message-id="#msg-f:1743836977043622500"] .a3s').click();
    await expect.poll(badge, { timeout: 10_000 }).toBe('✗');
    await page.locator('[data-message-id="#msg-f:1743836977043622489"] .a3s').click();
    await expect.poll(badge, { timeout: 10_000 }).toBe('!');
    await page.close();
  });
});
