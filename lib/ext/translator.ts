// Translation through the browser's own i18n (public/_locales/<lang>/messages.json, English
// first), backed by the catalogues themselves.
//
// Chromium answers "" for every key (even "@@ui_locale") from getMessage in the extension's own
// process on some starts: measured here as about one start in four of Chromium 156 under
// Playwright, for the whole life of that process (service worker, popup, options alike), while
// content scripts in the webmail page's process get their words. So the browser's answer is
// backed by a bundled English catalogue at once, and by the reader's own language as soon as it
// is fetched from the extension's files (only once the browser has failed, so the usual path
// costs nothing); readers-catalogue.ts says how the reader's language is found. A page drawn in
// the bundled English draws itself again when the reader's words arrive (onReadersCatalogue).
// Extension pages bundle the whole English catalogue (i18n.ts); content scripts only the share
// they can show (i18n-content.ts), which keeps the whole catalogue out of every webmail page.

import { type Catalogue, catalogueMessage } from '../i18n/catalogue-message.ts';
import type { Translate } from '../messaging/say.ts';
import { browserI18nPlatform, type I18nPlatform } from './i18n-platform.ts';
import { readersCatalogueFrom } from './readers-catalogue.ts';

export { localeFolders } from './readers-catalogue.ts';
export type { Translate };

export interface Translator {
  /** The browser's translation, else the catalogues; the key itself only if none has it. */
  t: Translate;
  /**
   * Loads the reader's catalogue from the extension's own _locales, so the fallback speaks their
   * language too. Never throws: a language without a catalogue falls back to English.
   */
  loadReadersCatalogue(fetchFile?: (url: string) => Promise<Response>): Promise<void>;
  /**
   * Resolves once `t` speaks the reader's language: at once when the browser translates, else
   * once their catalogue has been loaded (or found missing). Never rejects.
   */
  ready(): Promise<void>;
  /** Calls `listener` when the reader's catalogue arrives, so what was drawn can be drawn again. */
  onReadersCatalogue(listener: () => void): () => void;
}

/** A translator whose fallback is `english`: the whole catalogue, or a script's share of it. */
export function createTranslator(
  english: Catalogue,
  platform: I18nPlatform = browserI18nPlatform(),
): Translator {
  let readersCatalogue: Catalogue | undefined;
  let loading: Promise<void> | undefined;
  const listeners = new Set<() => void>();
  const loadReadersCatalogue: Translator['loadReadersCatalogue'] = (
    fetchFile = platform.fetchFile,
  ) => {
    loading = (async () => {
      readersCatalogue = await readersCatalogueFrom({ ...platform, fetchFile }, english);
      if (readersCatalogue !== undefined) for (const listener of listeners) listener();
    })();
    return loading;
  };
  const browserSays = (key: string, substitutions?: string | string[]): string => {
    try {
      return platform.getMessage(key, substitutions) ?? '';
    } catch {
      return '';
    }
  };
  const t: Translate = (key, substitutions) => {
    const fromBrowser = browserSays(key, substitutions);
    if (fromBrowser) return fromBrowser;
    if (loading === undefined) void loadReadersCatalogue();
    return (
      catalogueMessage(readersCatalogue, key, substitutions) ||
      catalogueMessage(english, key, substitutions) ||
      key
    );
  };
  // Every catalogue has the extension's name: no answer for it means the browser answers nothing.
  const ready = () =>
    browserSays('extName') ? Promise.resolve() : (loading ?? loadReadersCatalogue());
  const onReadersCatalogue = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { t, loadReadersCatalogue, ready, onReadersCatalogue };
}
