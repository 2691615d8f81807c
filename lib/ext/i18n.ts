// Translation through the browser's own i18n (public/_locales/<lang>/messages.json, English
// first). Every UI string goes through here, so adding a language is adding one file.
//
// Chromium has been seen, in CI, to answer "" for every key from getMessage in the service
// worker and in the popup for a while (raw keys such as "levelAmber" reached the toolbar and
// the popup). So the browser's answer is backed by the catalogues themselves: the bundled
// English at once, and the reader's own language as soon as it is fetched from the extension's
// files (only once the browser has failed, so the usual path costs nothing).

import { browser } from 'wxt/browser';
import englishMessages from '../../public/_locales/en/messages.json';
import { type Catalogue, catalogueMessage } from '../i18n/catalogue-message.ts';

export type Translate = (key: string, substitutions?: string | string[]) => string;

const ENGLISH: Catalogue = englishMessages;
let readersCatalogue: Catalogue | undefined;
let readersCatalogueRequested = false;

/** The browser's translation, else the catalogues; the key itself only if no catalogue has it. */
export const t: Translate = (key, substitutions) => {
  const fromBrowser = browserMessage(key, substitutions);
  if (fromBrowser) return fromBrowser;
  if (!readersCatalogueRequested) {
    readersCatalogueRequested = true;
    void loadReadersCatalogue();
  }
  return (
    catalogueMessage(readersCatalogue, key, substitutions) ||
    catalogueMessage(ENGLISH, key, substitutions) ||
    key
  );
};

function browserMessage(key: string, substitutions?: string | string[]): string {
  try {
    // Keys are plain strings here; WXT's generated key union would tie lib/ to its build output.
    const getMessage = browser.i18n.getMessage as (key: string, subs?: string | string[]) => string;
    return getMessage(key, substitutions) ?? '';
  } catch {
    return '';
  }
}

/**
 * Loads the reader's catalogue from the extension's own _locales, so the fallback speaks their
 * language too. Never throws: a language without a catalogue falls back to English.
 */
export async function loadReadersCatalogue(
  fetchFile: (url: string) => Promise<Response> = (url) => fetch(url),
): Promise<void> {
  readersCatalogueRequested = true;
  for (const folder of localeFolders(uiLanguage())) {
    try {
      // The path is built at run time, so WXT's union of known public paths cannot name it.
      const getURL = browser.runtime.getURL as (path: string) => string;
      const response = await fetchFile(getURL(`/_locales/${folder}/messages.json`));
      if (!response.ok) continue;
      readersCatalogue = (await response.json()) as Catalogue;
      return;
    } catch {
      // Not shipped in this language: try the broader one, then stay with English.
    }
  }
}

function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || globalThis.navigator?.language || 'en';
  } catch {
    return globalThis.navigator?.language ?? 'en';
  }
}

/** "de-AT" → ["de_AT", "de"]: the folders a browser would try, most specific first. */
export function localeFolders(language: string): string[] {
  const [base, region] = language.replace('_', '-').split('-');
  if (!base) return [];
  const lower = base.toLowerCase();
  return region ? [`${lower}_${region.toUpperCase()}`, lower] : [lower];
}
