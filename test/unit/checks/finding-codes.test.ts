// Every registered finding code is produced and asserted by some unit test, and every code the
// checks can emit is registered and documented.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../../lib/checks/finding-codes.ts';

const root = join(import.meta.dirname, '../../..');
const testSources = ['test/unit/checks', 'test/unit/conformance']
  .flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.test.ts') && f !== 'finding-codes.test.ts')
      .map((f) => readFileSync(join(root, dir, f), 'utf8')),
  )
  .join('\n');
const docs = readFileSync(join(root, 'docs/dns-checks.md'), 'utf8');

describe('finding codes', () => {
  it.each(Object.keys(FINDING_CODES))('%s is exercised by a test', (code) => {
    expect(testSources).toContain(`'${code}'`);
  });

  it.each(Object.keys(FINDING_CODES))('%s is documented', (code) => {
    expect(docs).toContain(`\`${code}\``);
  });
});
