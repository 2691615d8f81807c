// Every corpus message, parsed by the header engine and scored from its headers alone, gets the
// padlock level recorded in test/fixtures/score/corpus-padlocks.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import { scoreMessage } from '../../../lib/score/score-message.ts';

const CORPUS = new URL('../../../../shared/corpus/', import.meta.url);

const padlocks = JSON.parse(
  readFileSync(new URL('../../fixtures/score/corpus-padlocks.json', import.meta.url), 'utf8'),
) as { counts: Record<string, number>; messages: Record<string, string> };
const headerExpectations = JSON.parse(
  readFileSync(new URL('../../fixtures/headers/corpus-expectations.json', import.meta.url), 'utf8'),
) as { messages: Record<string, unknown> };

describe('corpus padlocks', () => {
  it('has a level for every message the header engine has expectations for', () => {
    expect(Object.keys(padlocks.messages).sort()).toEqual(
      Object.keys(headerExpectations.messages).sort(),
    );
  });

  it('counts add up', () => {
    const counts: Record<string, number> = {};
    for (const level of Object.values(padlocks.messages)) counts[level] = (counts[level] ?? 0) + 1;
    expect(counts).toEqual(padlocks.counts);
    expect(counts.green).toBeUndefined();
  });

  it.each(Object.entries(padlocks.messages))('%s is %s', (path, level) => {
    const facts = analyzeHeaders(readFileSync(new URL(path, CORPUS)));
    expect(scoreMessage({ facts }).padlock.level).toBe(level);
  });
});
