// Every row of MECSA 2018 tables 3.1, 3.2 and 3.3, written as the report prints it (columns
// StartTLS, x509, SPF, DKIM, DMARC, DANE, DNSSEC; ✓ supported, ✗ not, - does not matter), with the
// star level MailSeal reconstructs for it (docs/scoring.md, "Reconstructing the stars").
import { describe, expect, it } from 'vitest';
import {
  type Category,
  lookupRow,
  MECSA_TABLES,
  PROTOCOLS,
  type Protocol,
  type SupportedSet,
} from '../../../lib/score/mecsa-tables.ts';
import { rateCategory, type SupportMap } from '../../../lib/score/star-rating.ts';

const REPORT_COLUMNS: readonly Protocol[] = [
  'starttls',
  'x509',
  'spf',
  'dkim',
  'dmarc',
  'dane',
  'dnssec',
];

/** [report row, pattern as printed, reconstructed stars, row that decides] */
type ReportRow = [number, string, number, string];

const TABLE_3_1: ReportRow[] = [
  [1, '✓ - - - - ✓ ✓', 5, '3.1/1'],
  [2, '✓ ✓ - - - ✗ ✓', 4, '3.1/2'],
  [3, '✓ ✓ - - - ✓ ✗', 4, '3.1/3'],
  [4, '✓ ✓ - - - ✗ ✗', 3.5, '3.1/4'],
  [5, '✓ ✗ - - - ✓ ✗', 3.5, '3.1/5'],
  [6, '✓ ✗ - - - ✗ ✓', 3.5, '3.1/6'],
  [7, '✓ ✗ - - - ✗ ✗', 1.5, '3.1/7'],
  [8, '✗ - - - - - -', 0, '3.1/8'],
];

const TABLE_3_2: ReportRow[] = [
  [1, '- - ✓ ✓ ✓ - ✓', 5, '3.2/1'],
  [2, '- - ✓ ✓ ✓ - ✗', 4, '3.2/2'],
  [3, '- - ✓ ✓ ✗ - ✓', 4, '3.2/3'],
  [4, '- - ✓ ✗ ✓ - ✓', 4, '3.2/4'],
  [5, '- - ✗ ✓ ✓ - ✓', 4, '3.2/5'],
  [6, '- - ✓ ✗ ✓ - ✗', 3.5, '3.2/6'],
  [7, '- - ✗ ✓ ✓ - ✗', 3.5, '3.2/7'],
  [8, '- - ✓ ✓ ✗ - ✗', 3.5, '3.2/8'],
  [9, '- - ✗ ✓ ✗ - ✓', 3.5, '3.2/9'],
  [10, '- - ✓ ✗ ✗ - ✓', 3.5, '3.2/10'],
  [11, '- - ✓ ✗ ✗ - ✗', 2.5, '3.2/11'],
  // Row 12 prints the same pattern as row 9; the first match (row 9) decides.
  [12, '- - ✗ ✓ ✗ - ✓', 3.5, '3.2/9'],
  [13, '- - ✗ ✓ ✗ - ✗', 2.5, '3.2/13'],
  [14, '- - ✗ ✗ ✓ - -', 2.5, '3.2/14'],
  [15, '- - ✗ ✗ ✗ - -', 0, '3.2/15'],
];

const TABLE_3_3: ReportRow[] = [
  [1, '- - - ✓ ✓ - ✓', 5, '3.3/1'],
  [2, '✓ ✓ - ✓ ✓ - ✗', 5, '3.3/2'],
  [3, '✓ ✓ - ✓ ✗ - ✓', 4, '3.3/3'],
  [4, '✗ - - ✓ ✓ - ✗', 3.5, '3.3/4'],
  [5, '✗ - - ✓ ✗ - ✓', 3.5, '3.3/5'],
  [6, '✓ - - ✓ ✗ - ✗', 3.5, '3.3/6'],
  [7, '✓ ✗ - ✓ ✗ - ✓', 3.5, '3.3/7'],
  [8, '✓ ✗ - ✓ ✓ - ✗', 3.5, '3.3/8'],
  [9, '✓ ✓ - ✗ ✓ - ✓', 3.5, '3.3/9'],
  [10, '✗ - - ✓ ✗ - ✗', 2.5, '3.3/10'],
  [11, '✓ ✓ - ✗ ✓ - ✗', 2.5, '3.3/11'],
  [12, '✗ - - ✗ ✓ - -', 2.5, '3.3/12'],
  [13, '✓ ✓ - ✗ ✗ - -', 2, '3.3/13'],
  [14, '✓ ✗ - ✗ ✗ - -', 1.5, '3.3/14'],
  [15, '✗ - - ✗ ✗ - -', 0, '3.3/15'],
];

/** Every assignment the pattern allows ("-" takes both values), over the table's columns. */
function expand(category: Category, pattern: string): SupportedSet[] {
  const marks = pattern.split(' ');
  let sets: SupportedSet[] = [{}];
  for (const p of MECSA_TABLES[category].protocols) {
    const i = REPORT_COLUMNS.indexOf(p);
    const mark = i === -1 ? '-' : marks[i];
    const values = mark === '✓' ? [true] : mark === '✗' ? [false] : [true, false];
    sets = sets.flatMap((s) => values.map((v) => ({ ...s, [p]: v })));
  }
  return sets;
}

function asSupportMap(set: SupportedSet): SupportMap {
  return Object.fromEntries(
    PROTOCOLS.map((p) => [p, set[p] === true ? 'supported' : 'unsupported']),
  ) as SupportMap;
}

describe.each([
  ['confidentiality', TABLE_3_1],
  ['phishing', TABLE_3_2],
  ['integrity', TABLE_3_3],
] as const)('MECSA table for %s', (category, rows) => {
  it.each(rows)('row %i (%s) earns %d stars (row %s decides)', (_n, pattern, stars, rowId) => {
    for (const set of expand(category, pattern)) {
      // MTA-STS is not a column of the 2018 report: without it the report's rows hold.
      const score = rateCategory(category, asSupportMap({ ...set, 'mta-sts': false }));
      expect(score).toMatchObject({ stars, row: rowId });
    }
  });

  it('lists rows best first: no row outranks one printed above it', () => {
    const ordered = rows.filter((r) => !(category === 'phishing' && r[0] === 12));
    for (let i = 1; i < ordered.length; i++) {
      expect(ordered[i]?.[2]).toBeLessThanOrEqual(ordered[i - 1]?.[2] ?? 5);
    }
  });

  it('covers every combination of its columns, and more support never costs a star', () => {
    const cols = MECSA_TABLES[category].protocols;
    for (let mask = 0; mask < 1 << cols.length; mask++) {
      const set: SupportedSet = {};
      cols.forEach((p, i) => {
        set[p] = (mask & (1 << i)) !== 0;
      });
      const here = lookupRow(MECSA_TABLES[category], set).stars;
      cols.forEach((p, i) => {
        if ((mask & (1 << i)) !== 0) return;
        const more = lookupRow(MECSA_TABLES[category], { ...set, [p]: true }).stars;
        expect(more, `${category} ${JSON.stringify(set)} + ${p}`).toBeGreaterThanOrEqual(here);
      });
    }
  });
});

describe('rows MailSeal adds to the report', () => {
  it('STARTTLS with a valid certificate and MTA-STS enforce earns 5 stars (MECSA-ST later rule)', () => {
    const score = rateCategory(
      'confidentiality',
      asSupportMap({ starttls: true, x509: true, 'mta-sts': true }),
    );
    expect(score).toMatchObject({ stars: 5, row: '3.1/ms' });
  });

  it.each([
    [{ starttls: true, x509: false, dkim: false, dmarc: true, dnssec: false }],
    [{ starttls: true, x509: false, dkim: false, dmarc: true, dnssec: true }],
  ])('integrity: STARTTLS, bad certificate, DMARC without DKIM (gap in 3.3) is 2.5', (set) => {
    expect(rateCategory('integrity', asSupportMap(set))).toMatchObject({
      stars: 2.5,
      row: '3.3/b1',
    });
  });
});

describe('the 3.5-star recommended minimum', () => {
  it('is exactly where the report draws it: STARTTLS + valid certificate; SPF, DKIM, DMARC', () => {
    expect(
      rateCategory('confidentiality', asSupportMap({ starttls: true, x509: true })).stars,
    ).toBe(3.5);
    expect(rateCategory('confidentiality', asSupportMap({ starttls: true })).stars).toBeLessThan(
      3.5,
    );
    expect(rateCategory('phishing', asSupportMap({ spf: true, dkim: true })).stars).toBe(3.5);
    expect(rateCategory('phishing', asSupportMap({ spf: true })).stars).toBeLessThan(3.5);
    expect(rateCategory('integrity', asSupportMap({ starttls: true, dkim: true })).stars).toBe(3.5);
    expect(
      rateCategory('integrity', asSupportMap({ starttls: true, x509: true })).stars,
    ).toBeLessThan(3.5);
  });
});

describe('unknown support', () => {
  it('gives a range, not a guess, when the unknown protocol matters', () => {
    const support = {
      ...asSupportMap({ starttls: true, x509: true }),
      dane: 'unknown',
      dnssec: 'unknown',
    } as SupportMap;
    const score = rateCategory('confidentiality', support);
    expect(score).toMatchObject({ stars: null, lowest: 3.5, highest: 5, row: null });
    expect([...score.unknown].sort()).toEqual(['dane', 'dnssec']);
  });

  it('stays definite when the unknown protocol cannot change the level', () => {
    const support = {
      ...asSupportMap({ starttls: false }),
      x509: 'unknown',
      dane: 'unknown',
    } as SupportMap;
    expect(rateCategory('confidentiality', support)).toMatchObject({
      stars: 0,
      row: '3.1/8',
      unknown: [],
    });
  });

  it('deductions name each missing protocol that would raise the level, with a fix', () => {
    const score = rateCategory('phishing', asSupportMap({ spf: true }));
    expect(score.deductions.map((d) => d.code).sort()).toEqual([
      'score.phishing.dkim-missing',
      'score.phishing.dmarc-missing',
      'score.phishing.dnssec-missing',
    ]);
    for (const d of score.deductions) expect(d.fix).toBeTruthy();
  });
});
