// messages.json as browsers fill it in (Chrome's i18n docs, "Placeholders"; MDN
// "Internationalization": $NAME$ is case-insensitive, its content's $1…$9 are substitutions,
// and "$$" is a literal "$").
import { describe, expect, it } from 'vitest';
import { type Catalogue, catalogueMessage } from '../../../lib/i18n/catalogue-message.ts';

const catalogue: Catalogue = {
  plain: { message: 'Hello' },
  one: { message: 'Hop $P1$', placeholders: { p1: { content: '$1' } } },
  named: {
    message: '$Host$ uses $VERSION$',
    placeholders: { host: { content: '$1' }, version: { content: 'TLS $2' } },
  },
  dollars: { message: 'Costs $$5 for $WHO$', placeholders: { who: { content: '$1' } } },
  unknown: { message: 'Keeps $NOPE$ as written' },
};

describe('catalogueMessage', () => {
  it('fills placeholders case-insensitively from their content', () => {
    expect(catalogueMessage(catalogue, 'one', '7')).toBe('Hop 7');
    expect(catalogueMessage(catalogue, 'named', ['mx.example', '1.3'])).toBe(
      'mx.example uses TLS 1.3',
    );
  });

  it('reads $$ as one dollar sign', () => {
    expect(catalogueMessage(catalogue, 'dollars', 'you')).toBe('Costs $5 for you');
  });

  it('leaves missing substitutions empty and unknown placeholders as written', () => {
    expect(catalogueMessage(catalogue, 'one')).toBe('Hop ');
    expect(catalogueMessage(catalogue, 'unknown')).toBe('Keeps $NOPE$ as written');
  });

  it('answers "" for a key the catalogue lacks, or no catalogue at all', () => {
    expect(catalogueMessage(catalogue, 'absent')).toBe('');
    expect(catalogueMessage(undefined, 'plain')).toBe('');
    expect(catalogueMessage(catalogue, 'plain')).toBe('Hello');
  });
});
