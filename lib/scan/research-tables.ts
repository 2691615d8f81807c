// The summary in the layouts of the two studies researchers compare with:
// - MECSA's key-results table (Kountouras et al., IEEE Access 2020, Table 5): one row per
//   protocol, the share of domains supporting it, beside MECSA's 2019–20 figure;
// - the MTA-STS study's error shares (IMC 2025, Figure 4 and §4.3): invalid record, policy
//   retrieval, PKIX-invalid MX, inconsistency, as shares of the domains with an MTA-STS record.

import type { MtaStsStudyClass, ScanSummary } from './adoption-summary.ts';

interface ProtocolRow {
  protocol: string;
  /** Our adoption row; null when a scan of domains cannot measure it (DKIM needs selectors). */
  key: string | null;
  /** MECSA Table 5, 2019–20 column (inbound where two are given). */
  mecsa: number;
}

const MECSA_TABLE5: readonly ProtocolRow[] = [
  { protocol: 'STARTTLS', key: 'starttls', mecsa: 97.6 },
  { protocol: 'SPF', key: 'spf', mecsa: 80.7 },
  { protocol: 'DKIM', key: null, mecsa: 59.4 },
  { protocol: 'DMARC', key: 'dmarc', mecsa: 51.3 },
  { protocol: 'DNSSEC', key: 'dnssec', mecsa: 23.23 },
  { protocol: 'DANE', key: 'dane', mecsa: 17.6 },
  { protocol: 'MTA-STS', key: 'mtaStsRecord', mecsa: 5.6 },
];

const STUDY_CLASSES: ReadonlyArray<{ key: MtaStsStudyClass; label: string }> = [
  { key: 'record', label: 'Invalid MTA-STS record' },
  { key: 'policy', label: 'Policy retrieval errors' },
  { key: 'mx-pkix', label: 'PKIX-invalid MX hosts' },
  { key: 'inconsistency', label: 'Inconsistency (mx patterns vs MX)' },
];

const pct = (count: number, total: number) =>
  total === 0 ? null : Math.round((10_000 * count) / total) / 100;

export interface ResearchRow {
  label: string;
  count: number | null;
  total: number;
  /** Percent with two decimals, or null when not measured or no denominator. */
  share: number | null;
  reference: number | null;
}

export function mecsaTable(summary: ScanSummary): ResearchRow[] {
  return MECSA_TABLE5.map(({ protocol, key, mecsa }) => {
    const row = key === null ? undefined : summary.rows.find((r) => r.key === key);
    const count = row ? row.counts.supported : null;
    return {
      label: protocol,
      count,
      total: summary.assessed,
      share: count === null ? null : pct(count, summary.assessed),
      reference: mecsa,
    };
  });
}

/** IMC 2025 latest snapshot: 29.6% of 68,030 MTA-STS domains misconfigured (§1). */
export function mtaStsStudyTable(summary: ScanSummary): ResearchRow[] {
  const total = summary.mtaStsDomains;
  const rows: ResearchRow[] = STUDY_CLASSES.map(({ key, label }) => ({
    label,
    count: summary.mtaStsStudyClasses[key],
    total,
    share: pct(summary.mtaStsStudyClasses[key], total),
    reference: null,
  }));
  rows.push({
    label: 'Misconfigured (any of the above)',
    count: summary.mtaStsMisconfigured,
    total,
    share: pct(summary.mtaStsMisconfigured, total),
    reference: 29.6,
  });
  return rows;
}

const cell = (value: number | null, suffix = '') => (value === null ? '–' : `${value}${suffix}`);

export function researchMarkdown(summary: ScanSummary): string {
  const out = [
    '## Adoption in the layout of MECSA (IEEE Access 2020, Table 5)',
    '',
    `Share of the ${summary.assessed} domains assessed that support each protocol.`,
    '',
    '| Protocol | Domains | This scan (%) | MECSA 2019–20 (%) |',
    '| --- | ---: | ---: | ---: |',
    ...mecsaTable(summary).map(
      (r) => `| ${r.label} | ${cell(r.count)} | ${cell(r.share)} | ${cell(r.reference)} |`,
    ),
    '',
    '## MTA-STS errors in the layout of the MTA-STS study (IMC 2025, Figure 4)',
    '',
    `Share of the ${summary.mtaStsDomains} domains with an MTA-STS record; a domain can be in several classes.`,
    '',
    '| Error class | Domains | This scan (%) | IMC 2025 (%) |',
    '| --- | ---: | ---: | ---: |',
    ...mtaStsStudyTable(summary).map(
      (r) => `| ${r.label} | ${cell(r.count)} | ${cell(r.share)} | ${cell(r.reference)} |`,
    ),
  ];
  return `${out.join('\n')}\n`;
}

/** Both tables as CSV rows: table, item, count, total, share (fraction), reference (fraction). */
export function researchCsvRows(summary: ScanSummary): Array<Array<string | number>> {
  const fraction = (v: number | null) => (v === null ? '' : (v / 100).toFixed(4));
  const rows = (table: string, list: ResearchRow[]) =>
    list.map((r) => [
      table,
      r.label,
      r.count ?? '',
      r.total,
      fraction(r.share),
      fraction(r.reference),
    ]);
  return [
    ...rows('mecsa table 5', mecsaTable(summary)),
    ...rows('imc 2025 mta-sts errors', mtaStsStudyTable(summary)),
  ];
}
