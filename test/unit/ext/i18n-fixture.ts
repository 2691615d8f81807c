// Gives the fake browser the real English catalogue, as Chrome would serve it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Catalogue, catalogueMessage } from '../../../lib/i18n/catalogue-message.ts';

const catalogue = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../public/_locales/en/messages.json'), 'utf8'),
) as Catalogue;

/** chrome.i18n.getMessage semantics: $NAME$ placeholders map to $1…$9 substitutions. */
export function englishMessage(key: string, substitutions?: string | string[]): string {
  return catalogueMessage(catalogue, key, substitutions);
}

export function installEnglishI18n(): void {
  (fakeBrowser.i18n as { getMessage: typeof englishMessage }).getMessage = englishMessage;
}
