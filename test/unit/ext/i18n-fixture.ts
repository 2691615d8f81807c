// Gives the fake browser the real English catalogue, as Chrome would serve it; and any locale's
// catalogue read the same way, for tests of other languages.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Catalogue, catalogueMessage } from '../../../lib/i18n/catalogue-message.ts';

const load = (lang: string) =>
  JSON.parse(
    readFileSync(
      resolve(import.meta.dirname, '../../../public/_locales', lang, 'messages.json'),
      'utf8',
    ),
  ) as Catalogue;

/** chrome.i18n.getMessage semantics in `lang`: $NAME$ placeholders map to $1…$9 substitutions. */
export function messageIn(lang: string) {
  const catalogue = load(lang);
  return (key: string, substitutions?: string | string[]): string =>
    catalogueMessage(catalogue, key, substitutions);
}

export const englishMessage = messageIn('en');

export function installEnglishI18n(): void {
  (fakeBrowser.i18n as { getMessage: typeof englishMessage }).getMessage = englishMessage;
}
