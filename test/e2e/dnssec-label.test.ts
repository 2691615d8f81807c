import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireLab } from '../lab/lab-info.ts';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { serveGmailThread } from './harness/gmail-fixture.ts';
import { writeLabMessage } from './harness/lab-messages.ts';
import { labSpkiList } from './harness/lab-trust.ts';
import { liveServiceWorker, openTab } from './harness/service-worker.ts';

// Issue 19: beside each DNSSEC verdict the popup says who vouched for it. The built extension
// (npm run build:e2e) asks the lab's DoH resolver; by default it validates the lab's signed zones
// itself from the lab's trust anchor ("validated locally"). Switching the options page to the
// AD-flag setting makes the same rows say "resolver's word".
const lab = requireLab();
const E2E_EXTENSION = resolve(import.meta.dirname, '../../.output/e2e/chrome-mv3');
const ARTIFACTS = 'test/e2e/artifacts';
const MESSAGE = 'msg-f:1743836977043622489';

describe('DNSSEC label in real Chromium', () => {
  let browser: ExtensionBrowser;
  let dir: string;

  beforeAll(async () => {
    execFileSync('npm', ['run', '--silent', 'build:e2e'], { stdio: 'ignore' });
    dir = await mkdtemp(join(tmpdir(), 'mailseal-dnssec-label-'));
    browser = await launchExtensionBrowser({
      extensionDir: E2E_EXTENSION,
      extraArgs: [
        `--ignore-certificate-errors-spki-list=${await labSpkiList(lab.dohUrl, lab.caSpkiSha256Base64)}`,
      ],
    });
    await serveGmailThread(browser.context, {
      page: 'gmail-two-threads.html',
      originals: { [MESSAGE]: await writeLabMessage(dir, 'allgood.lab', 'allgood.lab') },
    });
    const worker = await liveServiceWorker(browser.context);
    // DNS only (no probe): every DNSSEC verdict here is the extension's own.
    await worker.evaluate((settings) => chrome.storage.local.set({ settings }), {
      schemaVersion: 1,
      resolver: { kind: 'custom', url: lab.dohUrl },
      probe: { url: '', token: '' },
      features: {
        inlineBadge: true,
        toolbarBadge: true,
        useProbe: false,
        keepSenderHistory: false,
      },
      labMode: true,
      // The lab's KSK of `lab.`, as for the CLI's and the service's --lab: local validation
      // starts at the lab's signed TLD instead of the IANA root.
      labTrustAnchor: lab.trustAnchor,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The labels of the standards table for the message in the tab, once its verdict is final. */
  async function labelsOf(page: Page, tabId: number, shot: string, load: () => Promise<unknown>) {
    await load();
    await expect
      .poll(() => page.locator('[data-mailseal-badge]:not([data-pending])').count(), {
        timeout: 120_000,
      })
      .toBe(1);
    await expect
      .poll(() => page.locator('[data-mailseal-badge]').getAttribute('data-state'))
      .not.toBe('checking');
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 420, height: 1200 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.getByTestId('verdict-summary').count()).toBe(1);
    await popup.getByText('Standards', { exact: false }).first().click();
    const rows = popup.getByTestId('standards').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(9);
    const labels: Record<string, { source: string | null; text: string | null }> = {};
    for (const row of await rows.all()) {
      const standard = (await row.locator('th').textContent()) ?? '';
      const label = row.locator('td').first().getByTestId('dnssec-label');
      if ((await label.count()) === 0) continue;
      labels[standard] = {
        source: await label.getAttribute('data-source'),
        text: await label.textContent(),
      };
    }
    await popup.screenshot({ path: `${ARTIFACTS}/${shot}`, fullPage: true });
    await popup.close();
    return labels;
  }

  it('shows "validated locally", and "resolver\'s word" once the option is switched', {
    timeout: 300_000,
  }, async () => {
    const worker = await liveServiceWorker(browser.context);
    const { page, tabId } = await openTab(browser.context, worker);

    const local = await labelsOf(page, tabId, 'popup-dnssec-local.png', () =>
      page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ1'),
    );
    for (const standard of ['DNSSEC', 'DANE', 'MTA-STS', 'TLS-RPT'])
      expect(local[standard], standard).toMatchObject({ source: 'validated-locally' });
    expect(local.DNSSEC?.text).toBe('validated locally');
    expect(local['MTA-STS']?.text).toBe('record DNSSEC-signed · validated locally');
    expect(local.SPF).toBeUndefined();

    // The options page: the DNSSEC setting is local by default; choose the AD-flag mode and save.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const resolverMode = options.locator('input[name="dnssec-validation"][value="resolver"]');
    await expect.poll(() => resolverMode.count()).toBe(1);
    expect(
      await options.locator('input[name="dnssec-validation"][value="local"]').isChecked(),
    ).toBe(true);
    await resolverMode.check();
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.getByText('Saved.', { exact: true }).count()).toBe(1);
    await options.screenshot({ path: `${ARTIFACTS}/options-dnssec.png`, fullPage: true });
    const saved = await worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      return (settings as { dnssecValidation?: string }).dnssecValidation;
    });
    expect(saved).toBe('resolver');
    await options.close();

    // The message is assessed again (the page reloads, as on opening it anew).
    const resolverWord = await labelsOf(page, tabId, 'popup-dnssec-resolver.png', () =>
      page.reload(),
    );
    for (const standard of ['DNSSEC', 'DANE', 'MTA-STS', 'TLS-RPT'])
      expect(resolverWord[standard], standard).toMatchObject({ source: 'resolver-ad-flag' });
    expect(resolverWord.DNSSEC?.text).toBe("resolver's word");
    await page.close();
  });
});
