// Words of a report line in the reader's language: the injected translator (browser.i18n in the
// extension, backed by its catalogues: lib/ext/translator.ts) by key and parameters. No English
// table here: this runs in every webmail page, and the engine's whole English (text-en.ts) would
// ride along into each content script.
import type { Text } from '../score/text.ts';

export type Translate = (key: string, substitutions?: string | string[]) => string;

export function say(t: Translate, msg: Text): string {
  // Nested texts (a protocol's or an attacker's name inside a finding) are translated first.
  const params = msg.params.map((p) => (typeof p === 'string' ? p : say(t, p)));
  return t(msg.key, params) || msg.key;
}
