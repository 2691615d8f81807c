// A German reader's extension pages and toolbar title stay German whatever the browser's i18n
// does. Chromium 156 under Playwright answers "" from getMessage for every key in the
// extension's own process on some starts (about one start in four here, for the life of that
// process), while getUILanguage() and navigator.languages say en-US even with --lang=de: two
// full CI runs made the German popup screenshots English that way. Rather than wait for that
// start, this test brings it about: getMessage answers "" in every extension page (an init
// script, before the page's own code) and in the service worker.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LevelBrowser, launchLevelBrowser } from './harness/level-browser.ts';
import { catalogueOf, expectPageLanguage } from './harness/page-language.ts';
import { liveServiceWorker, toolbarOf } from './harness/service-worker.ts';

const de = catalogueOf('de');
const en = catalogueOf('en');

/** The browser's i18n answering nothing, as Chromium's does on a bad start. */
function silenceI18n() {
  const silent = () => '';
  for (const api of [globalThis.chrome, (globalThis as { browser?: typeof chrome }).browser])
    if (api?.i18n) Object.defineProperty(api.i18n, 'getMessage', { value: silent });
}

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build:e2e'], { stdio: 'ignore' });
}, 180_000);

describe("a German reader when the browser's i18n answers nothing", () => {
  let levels: LevelBrowser;
  beforeAll(async () => {
    levels = await launchLevelBrowser('de');
    const { context } = levels.browser;
    // Only extension pages have chrome.i18n in their own world; webmail pages are left alone.
    await context.addInitScript(silenceI18n);
    await (await liveServiceWorker(context)).evaluate(silenceI18n);
  }, 120_000);
  afterAll(() => levels?.close());

  it('paints the toolbar title and draws the popup in German', async () => {
    const { page, tabId } = await levels.openLevel('amber', { scheme: 'light' });
    const worker = await liveServiceWorker(levels.browser.context);
    expect(await worker.evaluate(() => chrome.i18n.getMessage('levelAmber'))).toBe('');
    await expect
      .poll(async () => (await toolbarOf(worker, tabId)).title)
      .toContain(de.levelAmber?.message);
    expect((await toolbarOf(worker, tabId)).title).not.toContain(en.levelAmber?.message);

    const popup = await levels.openPopup(tabId, { scheme: 'light' });
    expect(await popup.evaluate(() => chrome.i18n.getMessage('levelAmber'))).toBe('');
    await expectPageLanguage(popup, 'de', [
      'levelAmber',
      'popupPath',
      'popupStars',
      'popupSettings',
    ]);
    await Promise.all([page.close(), popup.close()]);
  });

  it('draws the options and first-run pages in German', async () => {
    const { context, extensionId } = levels.browser;
    for (const [path, keys] of [
      ['options.html', ['optionsTitle']],
      ['onboarding.html', ['onboardingTitle', 'onboardingIntro']],
    ] as const) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      await expect.poll(() => page.locator('h1').count()).toBeGreaterThan(0);
      await expectPageLanguage(page, 'de', [...keys]);
      await page.close();
    }
  });
});
