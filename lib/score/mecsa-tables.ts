// MECSA 2018 (JRC report, tables 3.1, 3.2, 3.3): which combination of supported protocols earns
// how many stars. The text extraction garbles the star glyphs, so the levels below are our
// reconstruction; docs/scoring.md gives the rule behind every level and each deviation.
//
// A row lists what it needs: true (✓ supported), false (✗ not supported); a protocol the row
// does not name is MECSA's "-" (does not matter). Rows are read top-down; the first match wins.

import { englishOf } from './text.ts';

export type Protocol =
  | 'starttls'
  | 'x509'
  | 'dane'
  | 'mta-sts'
  | 'spf'
  | 'dkim'
  | 'dmarc'
  | 'dnssec';

export const PROTOCOLS: readonly Protocol[] = [
  'starttls',
  'x509',
  'dane',
  'mta-sts',
  'spf',
  'dkim',
  'dmarc',
  'dnssec',
];

export type Category = 'confidentiality' | 'phishing' | 'integrity';

export const CATEGORIES: readonly Category[] = ['confidentiality', 'phishing', 'integrity'];

/** The categories' names in English (the CLI's words), from the message catalogue. */
export const CATEGORY_LABEL: Readonly<Record<Category, string>> = {
  confidentiality: englishOf('label_category_confidentiality'),
  phishing: englishOf('label_category_phishing'),
  integrity: englishOf('label_category_integrity'),
};

export interface TableRow {
  /** `3.1/4` = table 3.1, fourth row of the report; `3.1/ms` and `3.3/b*` are MailSeal rows. */
  id: string;
  needs: Partial<Record<Protocol, boolean>>;
  /** 0–5 in half stars. */
  stars: number;
  /** Set on rows that are not in the 2018 report. */
  addedBy?: string;
}

export interface MecsaTable {
  category: Category;
  /** The columns the table looks at. */
  protocols: readonly Protocol[];
  rows: readonly TableRow[];
}

const CONFIDENTIALITY: MecsaTable = {
  category: 'confidentiality',
  protocols: ['starttls', 'x509', 'dane', 'dnssec', 'mta-sts'],
  rows: [
    { id: '3.1/1', needs: { starttls: true, dane: true, dnssec: true }, stars: 5 },
    {
      id: '3.1/ms',
      needs: { starttls: true, x509: true, 'mta-sts': true },
      stars: 5,
      addedBy: 'MECSA-ST (2021) score table: starttls + x509 + mta-sts earns the top level',
    },
    { id: '3.1/2', needs: { starttls: true, x509: true, dane: false, dnssec: true }, stars: 4 },
    { id: '3.1/3', needs: { starttls: true, x509: true, dane: true, dnssec: false }, stars: 4 },
    { id: '3.1/4', needs: { starttls: true, x509: true, dane: false, dnssec: false }, stars: 3.5 },
    { id: '3.1/5', needs: { starttls: true, x509: false, dane: true, dnssec: false }, stars: 3.5 },
    { id: '3.1/6', needs: { starttls: true, x509: false, dane: false, dnssec: true }, stars: 3.5 },
    { id: '3.1/7', needs: { starttls: true, x509: false, dane: false, dnssec: false }, stars: 1.5 },
    { id: '3.1/8', needs: { starttls: false }, stars: 0 },
  ],
};

const PHISHING: MecsaTable = {
  category: 'phishing',
  protocols: ['spf', 'dkim', 'dmarc', 'dnssec'],
  rows: [
    { id: '3.2/1', needs: { spf: true, dkim: true, dmarc: true, dnssec: true }, stars: 5 },
    { id: '3.2/2', needs: { spf: true, dkim: true, dmarc: true, dnssec: false }, stars: 4 },
    { id: '3.2/3', needs: { spf: true, dkim: true, dmarc: false, dnssec: true }, stars: 4 },
    { id: '3.2/4', needs: { spf: true, dkim: false, dmarc: true, dnssec: true }, stars: 4 },
    { id: '3.2/5', needs: { spf: false, dkim: true, dmarc: true, dnssec: true }, stars: 4 },
    { id: '3.2/6', needs: { spf: true, dkim: false, dmarc: true, dnssec: false }, stars: 3.5 },
    { id: '3.2/7', needs: { spf: false, dkim: true, dmarc: true, dnssec: false }, stars: 3.5 },
    { id: '3.2/8', needs: { spf: true, dkim: true, dmarc: false, dnssec: false }, stars: 3.5 },
    { id: '3.2/9', needs: { spf: false, dkim: true, dmarc: false, dnssec: true }, stars: 3.5 },
    { id: '3.2/10', needs: { spf: true, dkim: false, dmarc: false, dnssec: true }, stars: 3.5 },
    { id: '3.2/11', needs: { spf: true, dkim: false, dmarc: false, dnssec: false }, stars: 2.5 },
    // Row 12 repeats row 9's pattern in the report; first match wins, so it is never reached.
    { id: '3.2/12', needs: { spf: false, dkim: true, dmarc: false, dnssec: true }, stars: 2.5 },
    { id: '3.2/13', needs: { spf: false, dkim: true, dmarc: false, dnssec: false }, stars: 2.5 },
    { id: '3.2/14', needs: { spf: false, dkim: false, dmarc: true }, stars: 2.5 },
    { id: '3.2/15', needs: { spf: false, dkim: false, dmarc: false }, stars: 0 },
  ],
};

const INTEGRITY: MecsaTable = {
  category: 'integrity',
  protocols: ['starttls', 'x509', 'dkim', 'dmarc', 'dnssec'],
  rows: [
    { id: '3.3/1', needs: { dkim: true, dmarc: true, dnssec: true }, stars: 5 },
    {
      id: '3.3/2',
      needs: { starttls: true, x509: true, dkim: true, dmarc: true, dnssec: false },
      stars: 5,
    },
    {
      id: '3.3/3',
      needs: { starttls: true, x509: true, dkim: true, dmarc: false, dnssec: true },
      stars: 4,
    },
    { id: '3.3/4', needs: { starttls: false, dkim: true, dmarc: true, dnssec: false }, stars: 3.5 },
    { id: '3.3/5', needs: { starttls: false, dkim: true, dmarc: false, dnssec: true }, stars: 3.5 },
    { id: '3.3/6', needs: { starttls: true, dkim: true, dmarc: false, dnssec: false }, stars: 3.5 },
    {
      id: '3.3/7',
      needs: { starttls: true, x509: false, dkim: true, dmarc: false, dnssec: true },
      stars: 3.5,
    },
    {
      id: '3.3/8',
      needs: { starttls: true, x509: false, dkim: true, dmarc: true, dnssec: false },
      stars: 3.5,
    },
    {
      id: '3.3/9',
      needs: { starttls: true, x509: true, dkim: false, dmarc: true, dnssec: true },
      stars: 3.5,
    },
    {
      id: '3.3/10',
      needs: { starttls: false, dkim: true, dmarc: false, dnssec: false },
      stars: 2.5,
    },
    {
      id: '3.3/11',
      needs: { starttls: true, x509: true, dkim: false, dmarc: true, dnssec: false },
      stars: 2.5,
    },
    { id: '3.3/12', needs: { starttls: false, dkim: false, dmarc: true }, stars: 2.5 },
    // The report has no row for STARTTLS with a failing certificate and DMARC but no DKIM.
    // Monotonicity pins one case (between rows 12 and 11) and bounds the other from below.
    {
      id: '3.3/b1',
      needs: { starttls: true, x509: false, dkim: false, dmarc: true },
      stars: 2.5,
      addedBy: 'MailSeal: gap in table 3.3, lowest level monotonicity allows',
    },
    { id: '3.3/13', needs: { starttls: true, x509: true, dkim: false, dmarc: false }, stars: 2 },
    { id: '3.3/14', needs: { starttls: true, x509: false, dkim: false, dmarc: false }, stars: 1.5 },
    { id: '3.3/15', needs: { starttls: false, dkim: false, dmarc: false }, stars: 0 },
  ],
};

export const MECSA_TABLES: Readonly<Record<Category, MecsaTable>> = {
  confidentiality: CONFIDENTIALITY,
  phishing: PHISHING,
  integrity: INTEGRITY,
};

/** Which protocols count as supported; protocols absent from the map count as not supported. */
export type SupportedSet = Partial<Record<Protocol, boolean>>;

export function rowMatches(row: TableRow, supported: SupportedSet): boolean {
  for (const [protocol, want] of Object.entries(row.needs) as [Protocol, boolean][]) {
    if ((supported[protocol] ?? false) !== want) return false;
  }
  return true;
}

/** The first row that matches. Every combination matches some row (a unit test proves it). */
export function lookupRow(table: MecsaTable, supported: SupportedSet): TableRow {
  for (const row of table.rows) if (rowMatches(row, supported)) return row;
  throw new Error(`MECSA table ${table.category}: no row for ${JSON.stringify(supported)}`);
}
