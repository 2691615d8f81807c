// User-visible words built by the engine, as message keys with positional parameters, so each
// front end translates them its own way: the extension through browser.i18n (lib/ext/i18n.ts),
// the CLI in English (`english`). The English catalogue is text-en.ts; the extension's locale
// files carry the same keys (test/unit/ext/locale-catalogue.test.ts keeps them in step).
import { SCORE_TEXT_EN } from './text-en.ts';

/** A value for a placeholder: literal words (a host, a number), or words of their own to translate. */
export type Param = string | Text;

export interface Text {
  /** A key of SCORE_TEXT_EN (and of every locale's messages.json). */
  key: string;
  /** Values for $1…$9, in order; a nested Text is translated before it is filled in. */
  params: Param[];
}

export type ScoreTextKey = keyof typeof SCORE_TEXT_EN;

export const text = (key: ScoreTextKey, ...params: Param[]): Text => ({ key, params });

/** Fills $1…$9 of a template; a missing parameter becomes empty, never "undefined". */
export function fill(template: string, params: readonly string[]): string {
  return template.replace(/\$(\d)/g, (_m, n: string) => params[Number(n) - 1] ?? '');
}

/** The English words of a text (the CLI's language, and the fallback everywhere). */
export function english(t: Text): string {
  const template = (SCORE_TEXT_EN as Readonly<Record<string, string>>)[t.key];
  const params = t.params.map((p) => (typeof p === 'string' ? p : english(p)));
  return template === undefined ? t.key : fill(template, params);
}

/** Several texts as one comma-separated list, each item translated on its own. */
export function listOf(items: readonly Param[]): Param {
  const [first, ...rest] = items;
  if (first === undefined) return '';
  return rest.length === 0 ? first : text('list_pair', first, listOf(rest));
}

/** The English words of a key without parameters (labels such as an attacker's name). */
export const englishOf = (key: ScoreTextKey): string => english(text(key));

/** Every key a text uses, its own and those of nested texts. */
export function keysOf(t: Text): string[] {
  return [t.key, ...t.params.flatMap((p) => (typeof p === 'string' ? [] : keysOf(p)))];
}
