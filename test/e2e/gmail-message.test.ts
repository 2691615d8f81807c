import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  launchExtensionBrowser,
  readToolbar,
} from './harness/extension-browser.ts';
import { type GmailRequests, serveGmailThread } from './harness/gmail-fixture.ts';

// Opening a Gmail message: the content script finds it by data-message-id, fetches view=om with
// permmsgid, cuts the header block down in the tab, the background analyses it, and the padlock
// appears inline and on the toolbar.
describe('Gmail message in real Chromium', () => {
  let browser: ExtensionBrowser;
  let requests: GmailRequests;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    requests = await serveGmailThread(browser.context, {
      page: 'gmail-thread.html',
      originals: { 'msg-f:1743836977043622489': 'gmail-original-tls.eml.txt' },
    });
  });
  afterAll(() => browser?.close());

  it('shows the inline padlock and the toolbar badge, and never runs header markup', async () => {
    const page = await browser.context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Trusted Type|TrustedHTML/i.test(message.text())) violations.push(message.text());
    });
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');

    const badge = page.locator('[data-mailseal-badge]');
    // The final verdict: no answer left pending.
    await expect
      .poll(() => page.locator('[data-mailseal-badge]:not([data-pending])').count(), {
        timeout: 20_000,
      })
      .toBe(1);
    // TLS 1.3 handoff recorded by Gmail and DMARC pass, but no DANE/MTA-STS evidence (no probe,
    // no DNS on this machine): protected against eavesdroppers only.
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 20_000 }).toBe('amber');
    // One badge, beside the sender of the expanded message only.
    expect(await page.locator('[data-mailseal-badge]').count()).toBe(1);
    expect(
      await page.evaluate(() =>
        document
          .querySelector('[data-mailseal-badge]')
          ?.previousElementSibling?.getAttribute('email'),
      ),
    ).toBe('alice@sender.example');

    const url = requests.showOriginal[0];
    expect(url?.pathname).toBe('/mail/u/0/');
    expect(url?.searchParams.get('permmsgid')).toBe('msg-f:1743836977043622489');
    expect(url?.searchParams.get('ik')).toBe('0a1b2c3d4e');

    const level = await badge.getAttribute('data-state');
    expect(level).toBe('amber');
    // The page is answered at once; the toolbar follows in order (background-service.ts), so a
    // final padlock may be a moment ahead of the toolbar's final title.
    const gmailTab = async () =>
      (await readToolbar(browser.serviceWorker)).find(
        (tab) => tab.title.startsWith('MailSeal: ') && tab.badgeText !== '',
      );
    await expect
      .poll(async () => (await gmailTab())?.title, { timeout: 10_000 })
      .toMatch(/^MailSeal: partly protected: /);
    expect((await gmailTab())?.badgeText).toBe('!');

    // The From display name and Subject carry markup and script: nothing ran.
    expect(
      await page.evaluate(() => (window as { __mailsealPwned?: number }).__mailsealPwned),
    ).toBeUndefined();
    expect(violations).toEqual([]);

    await page.locator('[data-mailseal-badge] >> button.lock').click();
    await expect.poll(() => page.locator('[data-mailseal-badge] >> .panel').count()).toBe(1);
    await page.screenshot({ path: 'test/e2e/artifacts/gmail-inline-badge.png' });
    await page.close();
  });
});
