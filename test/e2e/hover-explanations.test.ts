import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { serveGmailThread } from './harness/gmail-fixture.ts';

// Whatever the padlock explains on hover must also be reachable by keyboard and by touch
// (WCAG 2.2 SC 2.1.1 and 1.4.13): Tab focus shows the same explanation, Escape hides it, Enter,
// Space and a tap toggle the details panel, and Escape closes the panel with focus back on the
// padlock. Real Chromium with a touch screen, real key presses and taps.
const BADGE = '[data-mailseal-badge]';

async function openMessage(page: Page): Promise<void> {
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
  await expect
    .poll(() => page.locator(`${BADGE}:not([data-pending])`).count(), { timeout: 20_000 })
    .toBe(1);
}

/** What has focus, inside the padlock's shadow root: its class, or null outside the padlock. */
const focusedInBadge = (page: Page) =>
  page.evaluate((selector) => {
    const host = document.querySelector(selector);
    if (document.activeElement !== host) return null;
    return host?.shadowRoot?.activeElement?.className ?? null;
  }, BADGE);

describe('hover explanations by keyboard and touch', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtensionBrowser({ hasTouch: true });
    await serveGmailThread(browser.context, {
      page: 'gmail-thread.html',
      originals: { 'msg-f:1743836977043622489': 'gmail-original-tls.eml.txt' },
    });
  });
  afterAll(() => browser?.close());

  it('hover and Tab focus show the same explanation; Escape hides it', async () => {
    const page = await browser.context.newPage();
    await openMessage(page);
    const tip = page.locator(`${BADGE} >> [role="tooltip"]`);
    const lock = page.locator(`${BADGE} >> button.lock`);
    await expect.poll(() => tip.isVisible()).toBe(false);

    await lock.hover();
    await expect.poll(() => tip.isVisible()).toBe(true);
    const explained = ((await tip.textContent()) ?? '').trim();
    expect(explained.length).toBeGreaterThan(10);
    await page.mouse.move(0, 0);
    await expect.poll(() => tip.isVisible()).toBe(false);

    // Keyboard only: from the sender's name, Tab reaches the padlock and shows the same words.
    await page.evaluate((selector) => {
      const sender = document.querySelector(selector)?.previousElementSibling as HTMLElement;
      sender.tabIndex = 0;
      sender.focus();
    }, BADGE);
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedInBadge(page)).toContain('lock');
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(((await tip.textContent()) ?? '').trim()).toBe(explained);
    // Screen readers get it too: the padlock is described by the tooltip.
    const describedBy = await lock.getAttribute('aria-describedby');
    expect(describedBy).toBe(await tip.getAttribute('id'));

    await page.keyboard.press('Escape');
    await expect.poll(() => tip.isVisible()).toBe(false);
    expect(await focusedInBadge(page)).toContain('lock');
    await page.close();
  });

  it('Enter and Space toggle the panel; Escape closes it and focus returns', async () => {
    const page = await browser.context.newPage();
    await openMessage(page);
    const panel = page.locator(`${BADGE} >> .panel`);
    const lock = page.locator(`${BADGE} >> button.lock`);
    await lock.focus();

    await page.keyboard.press('Enter');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect.poll(() => focusedInBadge(page)).toBe('panel');
    expect(await lock.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(await focusedInBadge(page)).toContain('lock');

    await page.keyboard.press('Space');
    await expect.poll(() => panel.isVisible()).toBe(true);
    // Focus moves into the panel after paint; Shift+Tab before that would leave the padlock.
    await expect.poll(() => focusedInBadge(page)).toBe('panel');
    // Back to the padlock (the previous stop before the panel), then Space closes it.
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focusedInBadge(page)).toContain('lock');
    await page.keyboard.press('Space');
    await expect.poll(() => panel.count()).toBe(0);
    await page.close();
  });

  it('a tap opens the panel with the explanation, a second tap closes it', async () => {
    const page = await browser.context.newPage();
    await openMessage(page);
    const panel = page.locator(`${BADGE} >> .panel`);
    const lock = page.locator(`${BADGE} >> button.lock`);
    await lock.tap();
    await expect.poll(() => panel.isVisible()).toBe(true);
    // The panel leads with the verdict in words: what a hover would have said, and more.
    expect(((await panel.locator('.line').textContent()) ?? '').trim().length).toBeGreaterThan(10);
    // The tooltip does not cover the panel it explains.
    expect(await page.locator(`${BADGE} >> [role="tooltip"]`).isVisible()).toBe(false);
    await lock.tap();
    await expect.poll(() => panel.count()).toBe(0);
    await page.close();
  });
});
