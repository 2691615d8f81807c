// Words of a report line in the reader's language: the injected translator (browser.i18n in the
// extension) by key and parameters, falling back to the engine's English when a locale lacks it.
import { english, type Text } from '../score/text.ts';

export type Translate = (key: string, substitutions?: string | string[]) => string;

export function say(t: Translate, msg: Text): string {
  // Nested texts (a protocol's or an attacker's name inside a finding) are translated first.
  const params = msg.params.map((p) => (typeof p === 'string' ? p : say(t, p)));
  const words = t(msg.key, params);
  return words === '' || words === msg.key ? english(msg) : words;
}
