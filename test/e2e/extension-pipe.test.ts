import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  launchExtensionBrowser,
  readToolbar,
} from './harness/extension-browser.ts';
import { serveFixturePage, WEBMAIL_ORIGINS } from './harness/webmail-routes.ts';

// Proves the pipe: content script on the webmail page → typed message → background →
// toolbar badge on exactly that tab, read back from the real service worker.
describe('extension round trip in real Chromium', () => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    await serveFixturePage(browser.context, WEBMAIL_ORIGINS.gmail, 'gmail-shell.html');
    for (const origin of [
      WEBMAIL_ORIGINS.outlook,
      WEBMAIL_ORIGINS.outlookLive,
      WEBMAIL_ORIGINS.outlook365,
      WEBMAIL_ORIGINS.outlookCloud,
    ]) {
      await serveFixturePage(browser.context, origin, 'outlook-shell.html');
    }
  });
  afterAll(() => browser?.close());

  async function badgeFor(siteName: string) {
    let found: Awaited<ReturnType<typeof readToolbar>>[number] | undefined;
    await expect
      .poll(
        async () => {
          found = (await readToolbar(browser.serviceWorker)).find((tab) =>
            tab.title.includes(siteName),
          );
          return found?.badgeText;
        },
        { timeout: 15_000 },
      )
      .toBe('…');
    return found;
  }

  it('sets a badge on a Gmail tab', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${WEBMAIL_ORIGINS.gmail}/mail/u/0/#inbox`);
    const tab = await badgeFor('Gmail');
    expect(tab?.title).toBe('MailSeal: watching Gmail; open a message to check how it travelled');
  });

  it.each([
    ['outlook.office.com', `${WEBMAIL_ORIGINS.outlook}/mail/inbox`],
    ['outlook.live.com', `${WEBMAIL_ORIGINS.outlookLive}/mail/0/`],
    ['outlook.office365.com', `${WEBMAIL_ORIGINS.outlook365}/mail/`],
    ['outlook.cloud.microsoft', `${WEBMAIL_ORIGINS.outlookCloud}/mail/`],
  ])('sets a badge on an Outlook tab at %s', async (_host, url) => {
    const page = await browser.context.newPage();
    await page.goto(url);
    await badgeFor('Outlook');
    await page.close();
  });

  it('leaves tabs on other sites without a badge', async () => {
    await browser.context.route('https://example.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<p>not webmail</p>' }),
    );
    const page = await browser.context.newPage();
    await page.goto('https://example.org/');
    const tabs = await readToolbar(browser.serviceWorker);
    const plain = tabs.filter((tab) => tab.title === 'MailSeal');
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((tab) => tab.badgeText === '')).toBe(true);
  });
});
