// Chromium has answered "" from i18n.getMessage for every key in CI (raw keys such as
// "levelAmber" and "hopNumber" reached the toolbar and the popup). Whatever the browser answers,
// the reader sees words: the bundled English at once, their own language once it is loaded.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Catalogue } from '../../../lib/i18n/catalogue-message.ts';

const LOCALES = resolve(import.meta.dirname, '../../../public/_locales');
const load = (lang: string) =>
  JSON.parse(readFileSync(`${LOCALES}/${lang}/messages.json`, 'utf8')) as Catalogue;
const i18n = fakeBrowser.i18n as unknown as {
  getMessage: (key: string, subs?: string | string[]) => string;
  getUILanguage: () => string;
};
const runtime = fakeBrowser.runtime as unknown as {
  getManifest: () => { description?: string | undefined };
};
/** The extension's files, as the browser serves them. */
const extensionFiles = async (url: string) => {
  const lang = /\/_locales\/([^/]+)\//.exec(url)?.[1] ?? '';
  try {
    return new Response(JSON.stringify(load(lang)));
  } catch {
    return new Response('', { status: 404 });
  }
};

/** A fresh module each time: the reader's catalogue is module state. */
async function freshI18n() {
  vi.resetModules();
  return import('../../../lib/ext/i18n.ts');
}

describe('translation when the browser answers nothing', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    i18n.getMessage = () => '';
    i18n.getUILanguage = () => 'en-US';
  });

  it('gives the English words, with placeholders filled, instead of the key', async () => {
    const { t } = await freshI18n();
    expect(t('levelAmber')).toBe('partly protected');
    expect(t('hopNumber', '2')).toBe('Hop 2');
  });

  it('leaves no key and no $placeholder$ for any key of the English catalogue', async () => {
    const { t } = await freshI18n();
    const subs = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    for (const key of Object.keys(load('en'))) {
      const words = t(key, subs);
      expect(words, key).not.toBe(key);
      expect(words, key).not.toBe('');
      expect(words, key).not.toMatch(/\$[A-Za-z0-9_]+\$/);
    }
  });

  it('falls back the same way when getMessage throws', async () => {
    i18n.getMessage = () => {
      throw new Error('Extension context invalidated.');
    };
    const { t } = await freshI18n();
    expect(t('levelRed')).toBe('not protected');
  });

  it("speaks the reader's language once their catalogue is loaded, trying de_AT then de", async () => {
    i18n.getUILanguage = () => 'de-AT';
    const { t, loadReadersCatalogue } = await freshI18n();
    const asked: string[] = [];
    await loadReadersCatalogue(async (url) => {
      asked.push(url.slice(url.indexOf('/_locales/')));
      if (url.includes('/de/')) return new Response(JSON.stringify(load('de')));
      return new Response('', { status: 404 });
    });
    expect(asked).toEqual(['/_locales/de_AT/messages.json', '/_locales/de/messages.json']);
    expect(t('levelAmber')).toBe('teilweise geschützt');
    expect(t('hopNumber', '3')).toBe('Station 3');
  });

  it("keeps English when the reader's catalogue cannot be read", async () => {
    i18n.getUILanguage = () => 'fr';
    const { t, loadReadersCatalogue } = await freshI18n();
    await loadReadersCatalogue(async () => {
      throw new TypeError('net::ERR_FILE_NOT_FOUND');
    });
    expect(t('levelGreen')).toBe(load('en').levelGreen?.message);
  });

  it("prefers the browser's own answer when it gives one", async () => {
    i18n.getMessage = (key) => (key === 'levelAmber' ? 'from the browser' : '');
    const { t } = await freshI18n();
    expect(t('levelAmber')).toBe('from the browser');
  });

  // Seen in CI: Chromium started with --lang=de answered "" from getMessage in the popup while
  // getUILanguage() said en-US; the fallback then chose English. The manifest the browser
  // localized says German, and that is the language the reader gets.
  it('speaks German when the browser localized the manifest in German, whatever getUILanguage says', async () => {
    runtime.getManifest = () => ({ description: load('de').extDescription?.message });
    const { t, loadReadersCatalogue } = await freshI18n();
    await loadReadersCatalogue(extensionFiles);
    expect(t('levelAmber')).toBe('teilweise geschützt');
    expect(t('extDescription')).toBe(load('de').extDescription?.message);
  });

  it('names a key that no catalogue has, so a missing string stays visible', async () => {
    const { t } = await freshI18n();
    expect(t('noSuchKeyAnywhere')).toBe('noSuchKeyAnywhere');
  });
});
