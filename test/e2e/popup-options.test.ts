import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { serveGmailThread, TWO_THREADS } from './harness/gmail-fixture.ts';
import { liveServiceWorker, openTab } from './harness/service-worker.ts';

const ARTIFACTS = 'test/e2e/artifacts';

// The popup of a tab with an open message shows its delivery path and findings; the popup, the
// options page and the inline badge are saved as screenshots for review.
describe('popup and options pages', () => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    await serveGmailThread(browser.context, TWO_THREADS);
  });
  afterAll(() => browser?.close());

  it('shows the path, the findings and the standards of the message in view', async () => {
    const worker = await liveServiceWorker(browser.context);
    const { page, tabId } = await openTab(browser.context, worker);
    await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ1');
    const inline = page.locator('[data-mailseal-badge]');
    await expect.poll(() => inline.getAttribute('data-state'), { timeout: 20_000 }).toBe('amber');
    await page.locator('[data-mailseal-badge] >> button.lock').hover();
    await page.screenshot({ path: `${ARTIFACTS}/inline-badge.png` });

    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.getByTestId('verdict-summary').count()).toBe(1);
    expect(await popup.getByTestId('verdict-summary').getAttribute('class')).toContain(
      'level-amber',
    );

    // Three hops, oldest first: the sender's own hop (a claim), the handoff to Gmail, Gmail's internal hop.
    const hops = popup.locator('[data-testid="delivery-path"] > li');
    expect(await hops.count()).toBe(3);
    const handoff = popup.locator('[data-testid="delivery-path"] > li.hop-handoff');
    expect(await handoff.locator('.hop-hosts').textContent()).toBe(
      'Hop 2 mx.sender.example → mx.google.com',
    );
    expect(await handoff.textContent()).toContain('recorded by your provider');
    expect(await handoff.textContent()).toContain('TLSv1.3 · TLS_AES_256_GCM_SHA384');
    expect(await hops.first().textContent()).toContain('claimed by the sender');

    // Findings and the standards table sit behind their disclosure buttons.
    await popup.getByText('For administrators').click();
    const findings = popup.locator('[data-testid="admin-view"] ul.findings > li');
    expect(await findings.count()).toBeGreaterThan(0);
    await popup.getByText('Standards', { exact: false }).first().click();
    expect(await popup.getByTestId('standards').locator('tbody tr').count()).toBe(9);
    // The popup never renders header markup: the From display name held an <img onerror>.
    expect(await popup.locator('img').count()).toBe(0);
    await popup.screenshot({ path: `${ARTIFACTS}/popup.png`, fullPage: true });

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.locator('.privacy').count()).toBe(1);
    expect(await options.locator('.privacy').textContent()).toMatch(/domain/i);
    await options.screenshot({ path: `${ARTIFACTS}/options.png`, fullPage: true });
    await Promise.all([page.close(), popup.close(), options.close()]);
  });
});
