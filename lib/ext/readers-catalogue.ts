// Finds the reader's catalogue among the extension's own files, for when the browser's i18n
// answers nothing (translator.ts). Which one is the reader's is decided by the browser itself
// where it says so: the manifest it localized for them. Its other hints cannot be trusted alone:
// in CI, Chromium started with --lang=de localized the manifest and content scripts in German
// while getUILanguage(), navigator.languages and getAcceptLanguages() all said en-US, so the
// hints alone made a German reader's popup English.

import type { Catalogue } from '../i18n/catalogue-message.ts';
import type { I18nPlatform } from './i18n-platform.ts';
import { SHIPPED_LOCALES } from './shipped-locales.ts';

/**
 * The reader's catalogue; undefined when it is the bundled `english` or none can be read. With
 * a localized manifest, only the catalogue whose description the browser used qualifies (hinted
 * folders first, then every shipped one); without, the first hinted folder that exists.
 */
export async function readersCatalogueFrom(
  platform: I18nPlatform,
  english: Catalogue,
): Promise<Catalogue | undefined> {
  const picked = browserPickedDescription(platform);
  if (picked !== undefined && picked === english.extDescription?.message) return undefined;
  const hinted = hintedFolders(platform);
  const folders = picked === undefined ? hinted : [...new Set([...hinted, ...SHIPPED_LOCALES])];
  for (const folder of folders) {
    const catalogue = await readCatalogue(platform, folder);
    if (catalogue === undefined) continue;
    if (picked === undefined || catalogue.extDescription?.message === picked) return catalogue;
  }
  return undefined;
}

/** The description the browser localized the manifest with; undefined when it did not say. */
function browserPickedDescription(platform: I18nPlatform): string | undefined {
  try {
    const description = platform.manifestDescription();
    // Unlocalized ("__MSG_extDescription__") or missing: the browser told us nothing.
    return description && !description.startsWith('__MSG_') ? description : undefined;
  } catch {
    return undefined;
  }
}

function hintedFolders(platform: I18nPlatform): string[] {
  let hints: string[];
  try {
    hints = platform.languageHints().filter(Boolean);
  } catch {
    hints = [];
  }
  if (hints.length === 0) hints = ['en'];
  return [...new Set(hints.flatMap(localeFolders))];
}

async function readCatalogue(platform: I18nPlatform, folder: string) {
  try {
    const response = await platform.fetchFile(platform.getURL(`/_locales/${folder}/messages.json`));
    return response.ok ? ((await response.json()) as Catalogue) : undefined;
  } catch {
    // Not shipped in this language (or not readable from here): try the next one.
    return undefined;
  }
}

/** "de-AT" → ["de_AT", "de"]: the folders a browser would try, most specific first. */
export function localeFolders(language: string): string[] {
  const [base, region] = language.replace('_', '-').split('-');
  if (!base) return [];
  const lower = base.toLowerCase();
  return region ? [`${lower}_${region.toUpperCase()}`, lower] : [lower];
}
