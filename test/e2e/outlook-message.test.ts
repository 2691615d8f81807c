import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { type OwaCall, serveOutlook } from './harness/outlook-fixture.ts';
import { liveServiceWorker, openTab, toolbarOf } from './harness/service-worker.ts';

const ORIGIN = 'https://outlook.office.com';
const ITEM = 'AAMkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgBGAAAD';
const ITEM_TLS = 'AAMkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgBGAAAE';
const CONVERSATION = 'AAQkADAwATM0MDAAMS1iNWM2LTQ2NzItMDACLTAwCgAQAGH5';

// Opening an Outlook message: the page-world bridge learns OWA's auth from the page's own
// service call, asks GetItem for the transport headers (0x007D) the way OWA would, and the
// padlock appears beside the sender and on the toolbar.
describe('Outlook on the web message in real Chromium', () => {
  let browser: ExtensionBrowser;
  let calls: OwaCall[];

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    calls = await serveOutlook(browser.context, {
      origin: ORIGIN,
      page: 'outlook-message.html',
      items: {
        [ITEM]: 'outlook-transport-headers.txt',
        [ITEM_TLS]: 'outlook-transport-headers-tls.txt',
      },
      conversations: { [CONVERSATION]: [ITEM_TLS, ITEM] },
    });
  });
  afterAll(() => browser?.close());

  it('reads the transport headers through OWA and shows a red padlock for a cleartext handoff', async () => {
    const worker = await liveServiceWorker(browser.context);
    const { page, tabId } = await openTab(browser.context, worker);
    await page.goto(`${ORIGIN}/mail/inbox/id/${encodeURIComponent(ITEM)}`);

    const badge = page.locator('[data-mailseal-badge]');
    // Exchange Online recorded the handoff from mx.sender.example without TLS.
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 20_000 }).toBe('red');
    expect(
      await page.evaluate(
        () => document.querySelector('[data-mailseal-badge]')?.previousElementSibling?.textContent,
      ),
    ).toBe('Bob');

    const getItem = calls.find((call) => call.action === 'GetItem');
    expect(getItem?.headers.authorization).toBe('MSAuth1.0 usertoken="fixture-token"');
    expect(getItem?.headers['x-owa-canary']).toBe('fixture-canary-123');
    expect(JSON.stringify(getItem?.body)).toContain('"PropertyTag":"0x7D"');
    expect(JSON.stringify(getItem?.body)).toContain(ITEM);

    await expect
      .poll(async () => (await toolbarOf(worker, tabId)).badgeText, { timeout: 10_000 })
      .toBe('✗');
    // The first verdict says "so far"; the final one, once DNS and the probe have answered, not.
    await expect
      .poll(async () => (await toolbarOf(worker, tabId)).title, { timeout: 20_000 })
      .toMatch(/^MailSeal: not protected: /);
    // The display name carries markup: it stayed text.
    expect(await page.locator('b[onmouseover]').count()).toBe(0);
    await page.close();
  });

  it('follows OWA to another message by conversation id, and the toolbar switches', async () => {
    const worker = await liveServiceWorker(browser.context);
    const { page, tabId } = await openTab(browser.context, worker);
    const badge = () => toolbarOf(worker, tabId).then((t) => t.badgeText);
    await page.goto(`${ORIGIN}/mail/inbox/id/${encodeURIComponent(ITEM)}`);
    await expect.poll(badge, { timeout: 20_000 }).toBe('✗');

    // OWA opens the next conversation in place: a new URL and a re-rendered reading pane.
    await page.evaluate((id) => {
      history.pushState(null, '', `/mail/inbox/id/${id}`);
      const message = document.createElement('div');
      message.setAttribute('aria-label', 'Email message');
      const from = document.createElement('div');
      from.setAttribute('data-app-section', 'FromLine');
      const sender = document.createElement('span');
      sender.setAttribute('email', 'bob@sender.example');
      sender.textContent = 'Bob';
      from.append(sender);
      message.append(from);
      document.getElementById('ReadingPaneContainerId')?.replaceChildren(message);
    }, CONVERSATION);
    await expect.poll(badge, { timeout: 20_000 }).toBe('!');
    expect(await page.locator('[data-mailseal-badge]').getAttribute('data-state')).toBe('amber');
    // The conversation was resolved to its newest item, whose headers were read.
    const resolved = calls.filter((c) => c.action === 'GetConversationItems');
    expect(JSON.stringify(resolved.at(-1)?.body)).toContain(CONVERSATION);
    expect(JSON.stringify(calls.at(-1)?.body)).toContain(ITEM_TLS);
    await page.close();
  });
});
