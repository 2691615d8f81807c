// Every user-visible string goes through i18n, in English and German alike: a key used by the
// UI or built by lib/score that a locale lacks fails here, as does a locale that drops or adds
// a placeholder. The browser picks the locale from its language (public/_locales/<lang>).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCORE_TEXT_EN } from '../../../lib/score/text-en.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
type Entry = { message: string; placeholders?: Record<string, { content: string }> };
const load = (lang: string) =>
  JSON.parse(readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<
    string,
    Entry
  >;
const LOCALES = readdirSync(join(ROOT, 'public/_locales'));
const en = load('en');

/** `$NAME$` references of a message, sorted. */
const refs = (e: Entry) => [...e.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]).sort();

/** Source files whose `t('key')` calls name keys directly. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('locale catalogues', () => {
  it('ships English and German', () => {
    expect(LOCALES).toEqual(expect.arrayContaining(['en', 'de']));
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the English keys', (lang) => {
    const other = load(lang);
    expect(Object.keys(other).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in other))).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s uses the same placeholders as English', (lang) => {
    const other = load(lang);
    for (const [key, entry] of Object.entries(en)) {
      const translated = other[key];
      if (translated === undefined) continue;
      expect(refs(translated), key).toEqual(refs(entry));
      expect(translated.message.trim(), key).not.toBe('');
    }
  });

  it('every text lib/score builds is in the catalogue, with the same English words', () => {
    for (const [key, words] of Object.entries(SCORE_TEXT_EN)) {
      const entry = en[key];
      expect(entry, key).toBeDefined();
      const filled = (entry?.message ?? '').replace(
        /\$([A-Za-z0-9_]+)\$/g,
        (whole, name: string) => entry?.placeholders?.[name.toLowerCase()]?.content ?? whole,
      );
      expect(filled, key).toBe(words);
    }
  });

  it('every key the UI asks for by name is in the catalogue', () => {
    const used = new Set<string>();
    for (const dir of ['components', 'entrypoints', 'lib/ext', 'lib/messaging']) {
      for (const file of sources(join(ROOT, dir))) {
        const code = readFileSync(file, 'utf8');
        for (const m of code.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1] ?? '');
        // Keys picked from tables (LEVEL_KEYS, STATUS_KEYS …) before they reach t().
        const table =
          /:\s*'((?:level|status|tri|attacker|property|category|site|hop|verdict)[A-Z]\w*)'/g;
        for (const m of code.matchAll(table)) used.add(m[1] ?? '');
      }
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });
});
