// The content scripts' fallback catalogue (lib/ext/content-catalogue.json) is derived from the
// English catalogue, never edited by hand: it must be exactly what scripts/content-catalogue.ts
// makes of public/_locales/en/messages.json, and hold every key the padlock and its panel name.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../lib/i18n/catalogue-message.ts';
import { LEVEL_KEYS, PROBLEM_WORD_KEYS } from '../../../lib/messaging/tab-verdict.ts';
import {
  CONTENT_PATH,
  contentCatalogue,
  ENGLISH_PATH,
  serialise,
} from '../../../scripts/content-catalogue.ts';

const read = (path: string) => readFileSync(path, 'utf8');
const english = JSON.parse(read(ENGLISH_PATH)) as Catalogue;
const content = JSON.parse(read(CONTENT_PATH)) as Catalogue;
const ROOT = resolve(import.meta.dirname, '../../..');

describe('the content scripts’ share of the catalogue', () => {
  it('is in step with the English catalogue (else: npm run i18n:content)', () => {
    expect(read(CONTENT_PATH)).toBe(serialise(contentCatalogue(english)));
  });

  it('holds every key the padlock, its panel and the verdict lines use by name', () => {
    const named = [
      'components/badge-lines.ts',
      'components/badge-panel.tsx',
      'components/closed-padlock.ts',
      'components/inline-badges.tsx',
      'components/signals.tsx',
      'components/sender-alerts.tsx',
      'components/padlock-icon.tsx',
      'lib/messaging/tab-verdict.ts',
    ]
      .flatMap((file) => [...read(resolve(ROOT, file)).matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)])
      .map((match) => match[1] ?? '');
    const keys = [...named, ...Object.values(LEVEL_KEYS), ...Object.values(PROBLEM_WORD_KEYS)];
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((key) => !(key in content))).toEqual([]);
  });

  it('leaves out the pages’ words and every description', () => {
    expect(Object.keys(content).length).toBeLessThan(Object.keys(english).length / 2);
    expect(Object.keys(content).some((key) => key.startsWith('popup'))).toBe(false);
    expect(Object.values(content).some((entry) => entry.description !== undefined)).toBe(false);
  });
});
