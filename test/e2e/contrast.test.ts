import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContrastSample, measureContrast } from './harness/contrast.ts';
import { type LevelBrowser, launchLevelBrowser, type Scheme } from './harness/level-browser.ts';
import { LEVEL_NAMES } from './harness/level-messages.ts';

// WCAG 2.2 SC 1.4.3: text needs a contrast ratio of at least 4.5:1 against what is behind it.
// Measured from the styles Chromium computed, in the inline padlock's shadow root (closed, with
// its tooltip and with its panel open) and in the popup, for a message at every level, with the browser in light
// and in dark mode. Gmail's own theme does not follow the browser's (a user picks it in Gmail), so
// the padlock is also measured on a dark Gmail page in a light browser and on a light page in a
// dark browser.
const MINIMUM = 4.5;
const BADGE = '[data-mailseal-badge]';

const failures = (samples: ContrastSample[]) =>
  samples
    .filter((s) => s.ratio < MINIMUM)
    .map((s) => `${s.ratio}:1 "${s.text}" ${s.color} on ${s.background}`);

describe('text contrast as rendered in Chromium', () => {
  let levels: LevelBrowser;
  beforeAll(async () => {
    execFileSync('npm', ['run', '--silent', 'build:e2e'], { stdio: 'ignore' });
    levels = await launchLevelBrowser('en');
  }, 180_000);
  afterAll(() => levels?.close());

  const cases = (['light', 'dark'] as const).flatMap((scheme) =>
    (['light', 'dark'] as const).map((gmail) => ({ scheme, gmail })),
  );

  it.each(cases)(
    'inline padlock and panel: browser $scheme, Gmail theme $gmail',
    {
      timeout: 240_000,
    },
    async ({ scheme, gmail }) => {
      const problems: string[] = [];
      for (const level of LEVEL_NAMES) {
        const { page } = await levels.openLevel(level, { scheme, gmail, width: 800 });
        const closed = await measureContrast(page, BADGE);
        expect(closed.length, `${level}: badge text measured`).toBeGreaterThan(0);
        problems.push(...failures(closed).map((f) => `${level} badge: ${f}`));
        // Its explanation on hover (the same tooltip keyboard focus shows).
        await page.locator(`${BADGE} >> button.lock`).hover();
        const hovered = await measureContrast(page, BADGE);
        expect(hovered.length, `${level}: tooltip measured`).toBeGreaterThan(closed.length);
        problems.push(...failures(hovered).map((f) => `${level} tooltip: ${f}`));
        await page.locator(`${BADGE} >> button.lock`).click();
        await expect.poll(() => page.locator(`${BADGE} >> .panel`).count()).toBe(1);
        const open = await measureContrast(page, BADGE);
        expect(open.length, `${level}: panel text measured`).toBeGreaterThan(closed.length);
        problems.push(...failures(open).map((f) => `${level} panel: ${f}`));
        await page.close();
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(['light', 'dark'] as Scheme[])(
    'popup with every section open: %s',
    {
      timeout: 240_000,
    },
    async (scheme) => {
      const problems: string[] = [];
      for (const level of LEVEL_NAMES) {
        const { page, tabId } = await levels.openLevel(level, { scheme });
        const popup = await levels.openPopup(tabId, { scheme });
        await popup.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
        });
        const samples = await measureContrast(popup, null);
        expect(samples.length, `${level}: popup text measured`).toBeGreaterThan(20);
        problems.push(...failures(samples).map((f) => `${level} popup: ${f}`));
        await Promise.all([page.close(), popup.close()]);
      }
      expect(problems).toEqual([]);
    },
  );
});
