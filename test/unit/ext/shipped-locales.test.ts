// The translator looks for the reader's catalogue among the shipped locales when the browser's
// i18n answers nothing (lib/ext/readers-catalogue.ts): a locale folder missing from the list
// would leave its readers in English.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { SHIPPED_LOCALES } from '../../../lib/ext/shipped-locales.ts';

it('lists exactly the folders of public/_locales, English first', () => {
  const folders = readdirSync(resolve(import.meta.dirname, '../../../public/_locales'));
  expect([...SHIPPED_LOCALES].sort()).toEqual(folders.sort());
  expect(SHIPPED_LOCALES[0]).toBe('en');
});
