import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { longConversation, serveGmailThread } from './harness/gmail-fixture.ts';
import { liveServiceWorker } from './harness/service-worker.ts';

// Downgrade alerts in real Chromium: six messages from one sender over eleven days, handed to
// Gmail over TLS 1.3, then one handed over in cleartext. The seventh gets the alert beside its
// padlock; forgetting the sender in the options page removes it. The stored profile holds only
// domains, selectors, hashes, enums and day numbers.
const FIXTURES = resolve(import.meta.dirname, '../fixtures/webmail');
const TLS = readFileSync(join(FIXTURES, 'gmail-original-tls.eml.txt'), 'utf8');
const FIRST_ID = 1743836977043700000n;
const DAYS = [1, 3, 5, 7, 9, 11];

/** The fixture message handed over on 2026-03-(day), over TLS 1.3 or in cleartext. */
function original(day: number, cleartext: boolean): string {
  const date = `${String(day).padStart(2, '0')} Mar 2026`;
  let raw = TLS.replace(/\b0?3 Mar 2026/g, date);
  // Gmail writes the TLS tuple only for an encrypted session and says SMTP, not ESMTPS, without
  // one (the plain fixture, gmail-original-plain.eml.txt).
  if (cleartext) {
    raw = raw
      .replace('        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\n', '')
      .replace('with ESMTPS id a1si1', 'with SMTP id a1si1')
      .replace('for <user@gmail.com>\n', 'for <user@gmail.com>;\n');
  }
  return raw;
}

describe('downgrade alerts in real Chromium', () => {
  let browser: ExtensionBrowser;
  const ids: string[] = [];

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    const dir = mkdtempSync(join(tmpdir(), 'mailseal-alerts-'));
    const originals: Record<string, string> = {};
    [...DAYS, 20].forEach((day, i) => {
      const id = `msg-f:${FIRST_ID + BigInt(i)}`;
      const file = join(dir, `${i}.eml`);
      writeFileSync(file, original(day, day === 20));
      originals[id] = file;
      ids.push(id);
    });
    await serveGmailThread(browser.context, { page: 'gmail-thread.html', originals });
    // One page per message, each a conversation of one expanded message.
    for (const [i] of ids.entries()) {
      const { html } = longConversation(1, FIRST_ID + BigInt(i));
      await browser.context.route(`https://mail.google.com/mail/u/0/step${i}`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
      );
    }
  });
  afterAll(() => browser?.close());

  async function open(i: number) {
    const page = await browser.context.newPage();
    await page.goto(`https://mail.google.com/mail/u/0/step${i}`);
    const badge = page.locator('[data-mailseal-badge]');
    await expect
      .poll(() => badge.getAttribute('data-state'), { timeout: 20_000 })
      .not.toBe('checking');
    return page;
  }

  it('learns six messages, then shows the alert on the cleartext one only', async () => {
    for (const i of DAYS.keys()) {
      const page = await open(i);
      expect(await page.locator('[data-mailseal-badge]').getAttribute('data-alerts')).toBe('0');
      await page.close();
    }
    const page = await open(DAYS.length);
    const badge = page.locator('[data-mailseal-badge]');
    await expect.poll(() => badge.getAttribute('data-alerts'), { timeout: 20_000 }).toBe('1');
    await page.locator('[data-mailseal-badge] >> button.lock').click();
    const alert = page.locator('[data-mailseal-badge] >> [data-alert="tls-downgrade"]');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toMatch(/arrived without encryption/);
    expect(await alert.textContent()).toMatch(/since 2026-03-01/);
    await page.screenshot({ path: 'test/e2e/artifacts/downgrade-alert.png' });

    // What is stored: domains, selectors, hashes, enums, day numbers. Nothing else.
    const worker = await liveServiceWorker(browser.context);
    const stored = await worker.evaluate(async () => {
      const all = await chrome.storage.local.get(null);
      return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('profile:')));
    });
    expect(Object.keys(stored)).toEqual(['profile:sender.example']);
    const text = JSON.stringify(stored);
    expect(text).not.toMatch(/@|192\.0\.2|T\d\d:\d\d|Subject|mx\.sender/i);
    const strings = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
    expect(strings.filter((s) => !/^([a-z0-9_.:-]+|[0-9a-f]{16}|TLSv1\.[0-3])$/.test(s))).toEqual(
      [],
    );

    // Forget the sender in the options page: the alert is gone on the next look.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const row = options.locator('.profiles tbody tr', { hasText: 'sender.example' });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await options.screenshot({ path: 'test/e2e/artifacts/options-profiles.png', fullPage: true });
    await row.getByRole('button').click();
    await expect.poll(() => row.count()).toBe(0);
    await page.reload();
    await expect
      .poll(() => page.locator('[data-mailseal-badge]').getAttribute('data-alerts'), {
        timeout: 20_000,
      })
      .toBe('0');
  });
});
