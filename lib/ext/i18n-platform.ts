// What the translator (translator.ts) asks the browser: its own translation, its hints at the
// reader's language, and the extension's files. Injected, with the browser as the default, so
// tests can play a browser whose i18n answers nothing.

import { browser } from 'wxt/browser';

export interface I18nPlatform {
  /** The browser's translation of a key; "" (or a throw) when it has none. */
  getMessage: (key: string, substitutions?: string | string[]) => string;
  /**
   * The manifest's description as the browser localized it. Chromium localizes the manifest in
   * its browser process with the catalogue it picked for the reader, so this names their
   * language even when the page's getMessage answers nothing.
   */
  manifestDescription: () => string | undefined;
  /** Hints at the reader's language, most trusted first (often "en-US" in headless browsers). */
  languageHints: () => string[];
  /** The URL of one of the extension's files. */
  getURL: (path: string) => string;
  fetchFile: (url: string) => Promise<Response>;
}

export function browserI18nPlatform(): I18nPlatform {
  return {
    // Keys are plain strings here; WXT's generated key union would tie lib/ to its build output.
    getMessage: (key, substitutions) =>
      (browser.i18n.getMessage as (key: string, subs?: string | string[]) => string)(
        key,
        substitutions,
      ) ?? '',
    manifestDescription: () => browser.runtime.getManifest().description,
    languageHints: () => [browser.i18n.getUILanguage(), ...(globalThis.navigator?.languages ?? [])],
    // The path is built at run time, so WXT's union of known public paths cannot name it.
    getURL: (path) => (browser.runtime.getURL as (path: string) => string)(path),
    fetchFile: (url) => fetch(url),
  };
}
