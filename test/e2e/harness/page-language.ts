// Checks that an extension page speaks the reader's language: its lang attribute and its own
// words from that language's catalogue, and none of the English ones when the reader is German.
// Polled: a page drawn in the bundled English while the browser's i18n failed draws itself again
// once the reader's catalogue is loaded (lib/ext/translator.ts).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

type Catalogue = Record<string, { message: string }>;
const LOCALES = resolve(import.meta.dirname, '../../../public/_locales');

export function catalogueOf(lang: string): Catalogue {
  return JSON.parse(readFileSync(`${LOCALES}/${lang}/messages.json`, 'utf8')) as Catalogue;
}

/** `keys` are words the page shows; each must read in `lang`, and not in English unless same. */
export async function expectPageLanguage(page: Page, lang: 'en' | 'de', keys: string[]) {
  const words = catalogueOf(lang);
  const english = catalogueOf('en');
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  const text = await page.evaluate(() => document.body.textContent ?? '');
  for (const key of keys) {
    const wanted = words[key]?.message ?? key;
    expect(text, `${key} in ${lang}`).toContain(wanted);
    const englishWords = english[key]?.message ?? key;
    if (lang !== 'en' && englishWords !== wanted)
      expect(text, `${key} not in English`).not.toContain(englishWords);
  }
}
