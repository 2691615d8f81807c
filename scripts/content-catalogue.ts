// Writes lib/ext/content-catalogue.json: the English words a content script can show (the padlock
// and its panel), for its fallback when the browser's i18n answers nothing (lib/ext/translator.ts).
// The whole catalogue is over 600 keys, most of them the popup's admin view; bundling it into
// every webmail page tripled the content scripts. test/unit/ext/content-catalogue.test.ts fails
// when the file is out of step with public/_locales/en/messages.json: run `npm run i18n:content`.
//
// Usage: node scripts/content-catalogue.ts [--check]

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Catalogue, CatalogueEntry } from '../lib/i18n/catalogue-message.ts';

const ROOT = resolve(import.meta.dirname, '..');
export const ENGLISH_PATH = resolve(ROOT, 'public/_locales/en/messages.json');
export const CONTENT_PATH = resolve(ROOT, 'lib/ext/content-catalogue.json');

/**
 * Keys only the popup, the options and the onboarding pages show: the admin view's findings,
 * verdicts and MX rows, the standards table, the stars, and the pages' own labels.
 */
const PAGE_ONLY =
  /^(chk|sts|probe|verdict|mx|outcome|std|stars|finding|fix)_|^(popup|options|onboarding)[A-Z]/;

/** The content scripts' share of the English catalogue, without the translators' descriptions. */
export function contentCatalogue(english: Catalogue): Catalogue {
  const entries = Object.entries(english)
    .filter(([key]) => !PAGE_ONLY.test(key))
    .map(([key, { message, placeholders }]): [string, CatalogueEntry] => [
      key,
      placeholders ? { message, placeholders } : { message },
    ]);
  return Object.fromEntries(entries);
}

export const serialise = (catalogue: Catalogue) => `${JSON.stringify(catalogue, null, 1)}\n`;

if (import.meta.main) {
  const wanted = serialise(
    contentCatalogue(JSON.parse(readFileSync(ENGLISH_PATH, 'utf8')) as Catalogue),
  );
  if (process.argv.includes('--check')) {
    if (readFileSync(CONTENT_PATH, 'utf8') !== wanted) {
      console.error('lib/ext/content-catalogue.json is stale: run npm run i18n:content');
      process.exit(1);
    }
  } else writeFileSync(CONTENT_PATH, wanted);
}
