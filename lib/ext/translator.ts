// Translation through the browser's own i18n (public/_locales/<lang>/messages.json, English
// first), backed by the catalogues themselves.
//
// Chromium has been seen, in CI, to answer "" for every key from getMessage in the service
// worker and in the popup for a while (raw keys such as "levelAmber" reached the toolbar and
// the popup). So the browser's answer is backed by a bundled English catalogue at once, and by
// the reader's own language as soon as it is fetched from the extension's files (only once the
// browser has failed, so the usual path costs nothing). Extension pages bundle the whole English
// catalogue (i18n.ts); content scripts only the share they can show (i18n-content.ts), which
// keeps the whole catalogue out of every webmail page.

import { browser } from 'wxt/browser';
import { type Catalogue, catalogueMessage } from '../i18n/catalogue-message.ts';
import type { Translate } from '../messaging/say.ts';

export type { Translate };

export interface Translator {
  /** The browser's translation, else the catalogues; the key itself only if none has it. */
  t: Translate;
  /**
   * Loads the reader's catalogue from the extension's own _locales, so the fallback speaks their
   * language too. Never throws: a language without a catalogue falls back to English.
   */
  loadReadersCatalogue(fetchFile?: (url: string) => Promise<Response>): Promise<void>;
}

/** A translator whose fallback is `english`: the whole catalogue, or a script's share of it. */
export function createTranslator(english: Catalogue): Translator {
  let readersCatalogue: Catalogue | undefined;
  let requested = false;
  const loadReadersCatalogue: Translator['loadReadersCatalogue'] = async (
    fetchFile = (url) => fetch(url),
  ) => {
    requested = true;
    readersCatalogue = await readersCatalogueFrom(fetchFile);
  };
  const t: Translate = (key, substitutions) => {
    const fromBrowser = browserMessage(key, substitutions);
    if (fromBrowser) return fromBrowser;
    if (!requested) void loadReadersCatalogue();
    return (
      catalogueMessage(readersCatalogue, key, substitutions) ||
      catalogueMessage(english, key, substitutions) ||
      key
    );
  };
  return { t, loadReadersCatalogue };
}

function browserMessage(key: string, substitutions?: string | string[]): string {
  try {
    // Keys are plain strings here; WXT's generated key union would tie lib/ to its build output.
    const getMessage = browser.i18n.getMessage as (key: string, subs?: string | string[]) => string;
    return getMessage(key, substitutions) ?? '';
  } catch {
    return '';
  }
}

/** The reader's catalogue from the extension's files, most specific folder first; else none. */
async function readersCatalogueFrom(
  fetchFile: (url: string) => Promise<Response>,
): Promise<Catalogue | undefined> {
  for (const folder of localeFolders(uiLanguage())) {
    try {
      // The path is built at run time, so WXT's union of known public paths cannot name it.
      const getURL = browser.runtime.getURL as (path: string) => string;
      const response = await fetchFile(getURL(`/_locales/${folder}/messages.json`));
      if (!response.ok) continue;
      return (await response.json()) as Catalogue;
    } catch {
      // Not shipped in this language (or not readable from here): try the broader one.
    }
  }
  return undefined;
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
