import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LevelBrowser, launchLevelBrowser } from './harness/level-browser.ts';
import type { LevelName } from './harness/level-messages.ts';

// Issue 16's "wrong today" points, checked where a user meets them: real lab messages in the
// popup of the built extension (DoH to the lab's validating resolver, the probe in lab mode).
describe('the popup tells the truth about lab messages', () => {
  let levels: LevelBrowser;
  beforeAll(async () => {
    execFileSync('npm', ['run', '--silent', 'build:e2e'], { stdio: 'ignore' });
    levels = await launchLevelBrowser('en');
  }, 180_000);
  afterAll(() => levels?.close());

  async function popupOf(name: LevelName): Promise<Page> {
    const { page, tabId } = await levels.openLevel(name, { scheme: 'light', width: 800 });
    const popup = await levels.openPopup(tabId, { scheme: 'light', width: 800 });
    await page.close();
    return popup;
  }
  const words = async (popup: Page, selector: string) =>
    ((await popup.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  it('DKIM of this message: the selector s= is looked up in the signer zone and judged there', async () => {
    const popup = await popupOf('green');
    expect(await popup.locator('[data-testid="verdict-summary"].level-green').count()).toBe(1);
    // lab2026._domainkey.allgood.lab: a 2048-bit key in a DNSSEC-signed zone (catalogue.json).
    const dkim = popup.locator('[data-testid="standards"] tr:has(th:text-is("DKIM")) td').first();
    expect(await dkim.getAttribute('class')).toContain('status-present');
    expect(
      await words(popup, '[data-testid="standards"] tr:has(th:text-is("DKIM")) td .detail'),
    ).toBe('signed this message (d=allgood.lab s=lab2026): 2048-bit key, protected by DNSSEC');
    await popup.close();
  });

  it('a forgery is a forged sender, not a transport problem, and its stars are not rated', async () => {
    const popup = await popupOf('forged');
    expect(await words(popup, '.headline')).toMatch(
      /^not protected: Forged sender: .*DMARC fail, policy reject/,
    );
    expect(await popup.locator('.signal-sender').getAttribute('data-state')).toBe('forged');
    // The handoff was TLS 1.3 to a DANE recipient: the transport signal says so, separately.
    expect(await popup.locator('.signal-transport').getAttribute('data-state')).toBe('verified');
    const sender = popup.locator('section.provider[data-role="sender"]');
    expect(await sender.getByTestId('provider-not-rated').count()).toBe(1);
    expect(await sender.locator('.stars').count()).toBe(0);
    expect(await words(popup, 'ul.reasons li')).toMatch(/failed allgood\.lab’s own checks/);
    await popup.close();
  });

  it('a cleartext handoff: open lock on that hop, transport not encrypted, sender still verified', async () => {
    const popup = await popupOf('red');
    expect(await popup.locator('[data-hop="1"] .hop-lock').getAttribute('class')).toContain(
      'level-red',
    );
    expect(await popup.locator('.signal-transport').getAttribute('data-state')).toBe('cleartext');
    expect(await popup.locator('.signal-sender').getAttribute('data-state')).toBe('verified');
    await popup.close();
  });

  it('no evidence of encryption: never a closed lock, never red', async () => {
    const popup = await popupOf('could-not-test');
    expect(await popup.locator('[data-testid="verdict-summary"].level-grey').count()).toBe(1);
    const hops = popup.locator('[data-testid="delivery-path"] .hop-lock');
    for (const classes of await hops.evaluateAll((els) => els.map((e) => e.className)))
      expect(classes).not.toContain('level-green');
    await popup.close();
  });

  it('two From fields: the popup says so plainly', async () => {
    const popup = await popupOf('two-from');
    expect(await words(popup, '[data-testid="notice"]')).toBe(
      'This message has more than one From field. MailSeal judged the first (allgood.lab); your mail may show another.',
    );
    await popup.close();
  });
});
