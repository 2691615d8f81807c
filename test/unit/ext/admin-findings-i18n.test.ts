// The admin view's findings and fix hints go through the same message catalogue as the rest of
// the report: every finding lib/score words carries a message key (labels nested as keys of their
// own), every key is in every locale with the placeholders its parameters fill, the German admin
// view shows German words, and the CLI's English is the catalogue's English, not a copy.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import { say } from '../../../lib/messaging/say.ts';
import type { Finding } from '../../../lib/outcome.ts';
import { CATEGORIES, PROTOCOLS } from '../../../lib/score/mecsa-tables.ts';
import { scoreMessage } from '../../../lib/score/score-message.ts';
import { rateCategory } from '../../../lib/score/star-rating.ts';
import { english, keysOf, type Text } from '../../../lib/score/text.ts';
import { messageIn } from './i18n-fixture.ts';

const CORPUS = new URL('../../../../shared/corpus/', import.meta.url);
const corpus = Object.keys(
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../fixtures/score/corpus-padlocks.json'), 'utf8'),
  ).messages as Record<string, string>,
);
type Entry = { message: string; placeholders?: Record<string, { content: string }> };
const catalogue = (lang: string) =>
  JSON.parse(
    readFileSync(
      resolve(import.meta.dirname, '../../../public/_locales', lang, 'messages.json'),
      'utf8',
    ),
  ) as Record<string, Entry>;
const LOCALES = ['en', 'de'].map((lang) => ({ lang, entries: catalogue(lang) }));

/** Every finding the engine words: the padlock's deductions over the corpus, the stars' too. */
function allFindings(): Finding[] {
  const padlock = corpus.flatMap(
    (path) =>
      scoreMessage({ facts: analyzeHeaders(readFileSync(new URL(path, CORPUS))) }).padlock
        .deductions,
  );
  const nothing = Object.fromEntries(PROTOCOLS.map((p) => [p, 'unsupported'])) as Parameters<
    typeof rateCategory
  >[1];
  // STARTTLS alone: the certificate, DANE and MTA-STS are what is missing.
  const starttlsOnly = { ...nothing, starttls: 'supported' } as typeof nothing;
  const stars = CATEGORIES.flatMap((c) => [
    ...rateCategory(c, nothing).deductions,
    ...rateCategory(c, starttlsOnly).deductions,
  ]);
  return [...padlock, ...stars];
}

/** The highest $n a key's message uses, through its placeholders. */
function placeholderCount(entry: Entry): number {
  const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => {
    const content = entry.placeholders?.[(m[1] ?? '').toLowerCase()]?.content ?? '';
    return Number(/^\$(\d)$/.exec(content)?.[1] ?? 0);
  });
  return Math.max(0, ...used);
}

function nested(t: Text): Text[] {
  return [t, ...t.params.flatMap((p) => (typeof p === 'string' ? [] : nested(p)))];
}

describe('admin findings through the message catalogue', () => {
  const findings = allFindings();

  it('covers the findings the padlock and the stars give', () => {
    const codes = new Set(findings.map((f) => f.code.split('.')[0]));
    expect(codes).toEqual(new Set(['padlock', 'score']));
    expect(findings.filter((f) => f.fix !== undefined).length).toBeGreaterThan(10);
  });

  it('every finding carries its words as keys, and the CLI English is the catalogue English', () => {
    for (const f of findings) {
      expect(f.text, f.code).toBeDefined();
      expect(english(f.text as Text), f.code).toBe(f.message);
      expect(f.fixText === undefined, f.code).toBe(f.fix === undefined);
      if (f.fixText) expect(english(f.fixText), f.code).toBe(f.fix);
    }
  });

  it.each(LOCALES)(
    'every key is in $lang with the placeholders its parameters fill',
    ({ entries }) => {
      for (const f of findings) {
        for (const t of [f.text, f.fixText].filter((x): x is Text => x !== undefined)) {
          for (const part of nested(t)) {
            const entry = entries[part.key];
            expect(entry, `${f.code}: ${part.key}`).toBeDefined();
            expect(placeholderCount(entry as Entry), part.key).toBe(part.params.length);
          }
        }
      }
    },
  );

  it('the German admin view says it in German, nested names included', () => {
    const de = messageIn('de');
    const t = (key: string, subs?: string | string[]) => de(key, subs) || key;
    for (const f of findings) {
      const words = say(t, f.text as Text);
      // Every key of the finding came from the German catalogue: no English fallback.
      for (const key of keysOf(f.text as Text)) expect(de(key), key).not.toBe('');
      expect(words, f.code).not.toBe(f.message);
      if (f.fixText) expect(say(t, f.fixText), f.code).not.toBe(f.fix);
    }
    const missingDmarc = findings.find((f) => f.code === 'score.phishing.dmarc-missing');
    expect(say(t, missingDmarc?.text as Text)).toBe(
      'Phishing & Identitätsdiebstahl: DMARC wird nicht unterstützt (+2.5 Sterne, wenn doch).',
    );
    const missingCert = findings.find((f) => f.code === 'score.confidentiality.x509-missing');
    expect(say(t, missingCert?.text as Text)).toMatch(
      /^Vertrauliche Zustellung: gültiges Zertifikat/,
    );
  });
});
