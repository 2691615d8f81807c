// Evidence for docs/extension.md: what a user sees for a message at each padlock level (green,
// amber, red, could not test, forged sender; lab messages from harness/level-messages.ts against
// the running lab), in light and dark, in English and German (the browser's language picks the
// locale): the padlock alone beside the sender, the padlock with its panel open at 320 px, and
// the toolbar popup at 320 px with every section open. Saved to docs/screenshots/; the test also
// checks that the popup needs no sideways scrolling and the panel stays inside a 320 px window.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LevelBrowser, launchLevelBrowser } from './harness/level-browser.ts';
import { LEVEL_NAMES } from './harness/level-messages.ts';
import { expectPageLanguage } from './harness/page-language.ts';

const OUT = 'docs/screenshots';
mkdirSync(OUT, { recursive: true });
const BADGE = '[data-mailseal-badge]';

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build:e2e'], { stdio: 'ignore' });
}, 180_000);

describe.each(['en', 'de'] as const)('screenshots in %s', (lang) => {
  let levels: LevelBrowser;
  beforeAll(async () => {
    levels = await launchLevelBrowser(lang);
  }, 120_000);
  afterAll(() => levels?.close());

  it.each(['light', 'dark'] as const)(
    'badge, panel and popup at each level, %s, 320 px',
    {
      timeout: 240_000,
    },
    async (scheme) => {
      for (const level of LEVEL_NAMES) {
        const name = `${lang}-${scheme}-${level}`;
        // The Gmail page follows the browser here, as Gmail's own "device default" theme does.
        const { page, tabId } = await levels.openLevel(level, { scheme, gmail: scheme });
        // The padlock alone, beside the sender's name, as it sits in the conversation.
        const sender = page.locator(`span.gD:has(+ ${BADGE})`);
        const from = await sender.boundingBox();
        const badge = await page.locator(BADGE).boundingBox();
        if (!from || !badge) throw new Error(`${name}: no padlock on the page`);
        const x = Math.max(0, from.x - 8);
        await page.screenshot({
          path: `${OUT}/${name}-badge.png`,
          clip: { x, y: from.y - 8, width: badge.x + badge.width + 8 - x, height: 36 },
        });

        await page.locator(`${BADGE} >> button.lock`).click();
        const panel = page.locator(`${BADGE} >> .panel`);
        await expect.poll(() => panel.count()).toBe(1);
        await page.screenshot({ path: `${OUT}/${name}-panel.png` });
        const box = await panel.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 320, `${name}: panel inside`).toBe(true);

        const popup = await levels.openPopup(tabId, { scheme });
        // In the browser's language, before the picture is taken: two full CI runs saved English
        // German popups (Chromium's i18n answered nothing; lib/ext/translator.ts).
        await expectPageLanguage(popup, lang, ['popupPath', 'popupStars', 'popupSettings']);
        // Every disclosure open, as a reader who wants everything would see it.
        await popup.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
        });
        await popup.screenshot({ path: `${OUT}/${name}-popup.png`, fullPage: true });
        const widths = await popup.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        expect(widths.scroll, name).toBeLessThanOrEqual(widths.client);
        await Promise.all([page.close(), popup.close()]);
      }
    },
  );
});
