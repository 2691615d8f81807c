// Test helper: a finding is worded in the reader's language (issue 16, "Languages") when it
// carries its words as a catalogue key whose English is exactly its `message` (and `fix`), and
// the German catalogue words it in German, with every placeholder filled.
import { expect } from 'vitest';
import { say } from '../../../lib/messaging/say.ts';
import { english, type Text } from '../../../lib/score/text.ts';
import { messageIn } from '../ext/i18n-fixture.ts';

const german = messageIn('de');
const tGerman = (key: string, subs?: string | string[]) => german(key, subs) || key;

/** A finding of a check or the probe, or an MTA-STS error of the probe report. */
interface Worded {
  code?: string;
  kind?: string;
  message: string;
  text?: Text;
  fix?: string;
  fixText?: Text;
}

/** The finding in German, as the popup's admin view shows it. */
export const inGerman = (f: Worded): string => (f.text ? say(tGerman, f.text) : f.message);

export function expectWorded(findings: readonly Worded[]): void {
  for (const f of findings) {
    const where = `${f.code ?? f.kind}: ${f.message}`;
    expect(f.text, where).toBeDefined();
    if (!f.text) continue;
    expect(english(f.text), where).toBe(f.message);
    const words = inGerman(f);
    expect(words, where).not.toMatch(/\bchk_|\bsts_|\$\d|\$P\d/);
    expect(words, where).not.toBe(f.message);
    if (f.fix !== undefined) {
      expect(f.fixText, where).toBeDefined();
      if (!f.fixText) continue;
      expect(english(f.fixText), where).toBe(f.fix);
      expect(say(tGerman, f.fixText), where).not.toBe(f.fix);
    }
  }
}
