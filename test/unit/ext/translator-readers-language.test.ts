// A browser whose i18n answers nothing, and whose hints at the reader's language are wrong: seen
// in CI, where Chromium started with --lang=de answered "" from getMessage in the extension's
// own process while getUILanguage(), navigator.languages and getAcceptLanguages() said en-US.
// Only the manifest the browser localized told the truth. Whatever the browser's i18n does, a
// German reader ends up reading German, and a page drawn in English is told to draw again.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import contentMessages from '../../../lib/ext/content-catalogue.json';
import type { I18nPlatform } from '../../../lib/ext/i18n-platform.ts';
import { createTranslator } from '../../../lib/ext/translator.ts';
import type { Catalogue } from '../../../lib/i18n/catalogue-message.ts';

const LOCALES = resolve(import.meta.dirname, '../../../public/_locales');
const load = (lang: string) =>
  JSON.parse(readFileSync(`${LOCALES}/${lang}/messages.json`, 'utf8')) as Catalogue;
const en = load('en');
const de = load('de');

/** A browser that translates nothing; its manifest and language hints are the test's. */
function silentBrowser(
  options: {
    description?: string | undefined;
    hints?: string[];
    getMessage?: I18nPlatform['getMessage'];
  } = {},
) {
  const asked: string[] = [];
  const platform: I18nPlatform = {
    getMessage: options.getMessage ?? (() => ''),
    manifestDescription: () => options.description,
    languageHints: () => options.hints ?? ['en-US', 'en-US', 'en'],
    getURL: (path) => `chrome-extension://mailseal${path}`,
    fetchFile: async (url) => {
      const folder = /\/_locales\/([^/]+)\//.exec(url)?.[1] ?? '';
      asked.push(folder);
      return folder === 'en' || folder === 'de'
        ? new Response(JSON.stringify(load(folder)))
        : new Response('', { status: 404 });
    },
  };
  return { platform, asked };
}

describe("the reader's language when the browser's i18n answers nothing", () => {
  it('is German when the browser localized the manifest in German, though every hint says en-US', async () => {
    const { platform } = silentBrowser({ description: de.extDescription?.message });
    const translator = createTranslator(en, platform);
    // The bundled English at once: the page is never empty while the reader's words load.
    expect(translator.t('levelAmber')).toBe('partly protected');
    await translator.ready();
    expect(translator.t('levelAmber')).toBe('teilweise geschützt');
    expect(translator.t('hopNumber', '3')).toBe('Station 3');
    expect(translator.t('localeLang')).toBe('de');
  });

  it('tells the page to draw again when the German words arrive, once', async () => {
    const { platform } = silentBrowser({ description: de.extDescription?.message });
    const translator = createTranslator(en, platform);
    const heard: string[] = [];
    translator.onReadersCatalogue(() => heard.push(translator.t('levelRed')));
    // The first draw asks for words; that starts loading the reader's catalogue.
    expect(translator.t('levelRed')).toBe('not protected');
    await translator.ready();
    expect(heard).toEqual([de.levelRed?.message]);
  });

  it('speaks German in a content script too (its English share has the description)', async () => {
    const { platform } = silentBrowser({ description: de.extDescription?.message });
    const translator = createTranslator(contentMessages, platform);
    await translator.ready();
    expect(translator.t('levelGreen')).toBe(de.levelGreen?.message);
  });

  it('falls back the same way when getMessage throws', async () => {
    const { platform } = silentBrowser({
      description: de.extDescription?.message,
      getMessage: () => {
        throw new Error('Extension context invalidated.');
      },
    });
    const translator = createTranslator(en, platform);
    await translator.ready();
    expect(translator.t('levelGrey')).toBe(de.levelGrey?.message);
  });

  it('tries the hinted folders first, then the shipped ones, and stops at the match', async () => {
    const { platform, asked } = silentBrowser({
      description: de.extDescription?.message,
      hints: ['de-CH', 'en-US'],
    });
    await createTranslator(en, platform).ready();
    expect(asked).toEqual(['de_CH', 'de']);
  });

  it('keeps the bundled English, fetching nothing, when the manifest is in English', async () => {
    const { platform, asked } = silentBrowser({ description: en.extDescription?.message });
    const translator = createTranslator(en, platform);
    let heard = 0;
    translator.onReadersCatalogue(() => heard++);
    await translator.ready();
    expect(translator.t('levelAmber')).toBe('partly protected');
    expect(asked).toEqual([]);
    expect(heard).toBe(0);
  });

  it('follows the language hints when the manifest was not localized', async () => {
    const { platform } = silentBrowser({ description: '__MSG_extDescription__', hints: ['de-AT'] });
    const translator = createTranslator(en, platform);
    await translator.ready();
    expect(translator.t('levelAmber')).toBe('teilweise geschützt');
  });

  it('keeps English when the manifest names a language the extension does not ship', async () => {
    const { platform, asked } = silentBrowser({ description: 'Un cadenas pour le courriel.' });
    const translator = createTranslator(en, platform);
    await translator.ready();
    expect(translator.t('levelAmber')).toBe('partly protected');
    expect(asked).toEqual(['en_US', 'en', 'de']);
  });

  it('is ready at once, fetching nothing, when the browser translates', async () => {
    const { platform, asked } = silentBrowser({
      description: de.extDescription?.message,
      getMessage: (key) => de[key]?.message ?? '',
    });
    const translator = createTranslator(en, platform);
    await translator.ready();
    expect(translator.t('levelAmber')).toBe('teilweise geschützt');
    expect(asked).toEqual([]);
  });
});
