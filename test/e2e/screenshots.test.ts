// Evidence for docs/extension.md: the inline padlock with its panel open, and the popup at
// 320 px, for an amber (TLS handoff) and a red (cleartext handoff) Gmail message, in light and
// dark, in English and German (the browser's language picks the locale). Saved to
// docs/screenshots/; the test also checks that the popup needs no sideways scrolling at 320 px.
import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { serveGmailThread, TWO_THREADS } from './harness/gmail-fixture.ts';
import { liveServiceWorker, openTab } from './harness/service-worker.ts';

const OUT = 'docs/screenshots';
mkdirSync(OUT, { recursive: true });

const MESSAGES = [{ hash: '#inbox/FMfcgzQ1' }, { hash: '#inbox/FMfcgzQ2' }] as const;

describe.each(['en', 'de'] as const)('screenshots in %s', (lang) => {
  let browser: ExtensionBrowser;
  afterAll(() => browser?.close());

  it('badge, panel and popup at each level, light and dark, 320 px', {
    timeout: 120_000,
  }, async () => {
    browser = await launchExtensionBrowser({ extraArgs: [`--lang=${lang}`] });
    await serveGmailThread(browser.context, TWO_THREADS);
    const worker = await liveServiceWorker(browser.context);
    for (const scheme of ['light', 'dark'] as const) {
      for (const message of MESSAGES) {
        const { page, tabId } = await openTab(browser.context, worker);
        await page.setViewportSize({ width: 320, height: 640 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`https://mail.google.com/mail/u/0/${message.hash}`);
        const final = page.locator('[data-mailseal-badge]:not([data-pending])');
        await expect.poll(() => final.count(), { timeout: 20_000 }).toBe(1);
        const level = await final.getAttribute('data-state');
        const name = `${lang}-${scheme}-${level}`;
        await page.locator('[data-mailseal-badge] >> button.lock').click();
        await expect.poll(() => page.locator('[data-mailseal-badge] >> .panel').count()).toBe(1);
        await page.screenshot({ path: `${OUT}/${name}-panel.png` });

        const popup = await browser.context.newPage();
        await popup.setViewportSize({ width: 320, height: 640 });
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
        await expect.poll(() => popup.getByTestId('verdict-summary').count()).toBe(1);
        await expect.poll(() => popup.getByTestId('still-checking').count()).toBe(0);
        // Every disclosure open, as a reader who wants everything would see it.
        await popup.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
        });
        await popup.screenshot({ path: `${OUT}/${name}-popup.png`, fullPage: true });
        // No sideways scrolling at 320 px.
        const widths = await popup.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        expect(widths.scroll, name).toBeLessThanOrEqual(widths.client);
        await Promise.all([page.close(), popup.close()]);
      }
    }
  });
});
