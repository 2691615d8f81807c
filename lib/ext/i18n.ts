// Translation through the browser's own i18n (public/_locales/<lang>/messages.json, English
// first). Every UI string goes through here, so adding a language is adding one file.

import { browser } from 'wxt/browser';

export type Translate = (key: string, substitutions?: string | string[]) => string;

/** The browser's translation; falls back to the key so a missing string is visible, not blank. */
export const t: Translate = (key, substitutions) => {
  try {
    // Keys are plain strings here; WXT's generated key union would tie lib/ to its build output.
    const getMessage = browser.i18n.getMessage as (key: string, subs?: string | string[]) => string;
    return getMessage(key, substitutions) || key;
  } catch {
    return key;
  }
};
