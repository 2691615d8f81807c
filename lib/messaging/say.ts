// Words of a report line in the reader's language: the injected translator (browser.i18n in the
// extension) by key and parameters, falling back to the engine's English when a locale lacks it.
import { english, type Text } from '../score/text.ts';

export type Translate = (key: string, substitutions?: string | string[]) => string;

export function say(t: Translate, msg: Text): string {
  const words = t(msg.key, msg.params);
  return words === '' || words === msg.key ? english(msg) : words;
}
