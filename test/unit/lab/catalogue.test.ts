// The lab catalogue loader: every scenarios/*.json, catalogue.json first, and placeholder checks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogueFiles,
  loadCatalogue,
  loadCatalogueFile,
  SCENARIOS_DIR,
} from '../../lab/catalogue.ts';

const scenario = (name: string, records: string[]) => ({
  name,
  domain: `${name}.lab`,
  group: 'dane',
  description: 'test',
  dnssec: 'signed',
  records,
  mx: [{ id: 'mx1', hostname: 'mx1' }],
  expect: {},
});

describe('lab catalogue files', () => {
  it('reads catalogue.json first, then the other scenario files by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailseal-catalogue-'));
    for (const file of ['zeta.json', 'catalogue.json', 'alpha.json', 'notes.md'])
      writeFileSync(join(dir, file), '{"scenarios": []}');
    expect(catalogueFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual([
      'catalogue.json',
      'alpha.json',
      'zeta.json',
    ]);
  });

  it('loads every file of the tree, and a file named again in MAILSEAL_LAB_EXTRA only once', () => {
    const names = loadCatalogue({ MAILSEAL_LAB_EXTRA: join(SCENARIOS_DIR, 'rfc.json') }).map(
      (s) => s.name,
    );
    expect(names).toContain('allgood');
    expect(names).toContain('danecname');
    expect(names.filter((n) => n === 'danecname')).toHaveLength(1);
    expect(names.indexOf('allgood')).toBeLessThan(names.indexOf('danecname'));
  });

  it('accepts {{tlsa:ID:2 S M:root}} and refuses :root for other usages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailseal-catalogue-'));
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({ scenarios: [scenario('rootta', ['x TLSA {{tlsa:mx1:2 1 0:root}}'])] }),
    );
    expect(loadCatalogueFile(good)).toHaveLength(1);
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ scenarios: [scenario('rootee', ['x TLSA {{tlsa:mx1:3 1 1:root}}'])] }),
    );
    expect(() => loadCatalogueFile(bad)).toThrow(/":root" is for usage 2/);
  });
});
