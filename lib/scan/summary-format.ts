// The scan summary as Markdown (for reports) and CSV (for spreadsheets). Shares are of the
// domains assessed; the MTA-STS error shares are of the domains with an MTA-STS record, as in
// the MTA-STS study.

import type { ScanSummary } from './adoption-summary.ts';
import { researchCsvRows, researchMarkdown } from './research-tables.ts';

export function percent(count: number, total: number): string {
  return total === 0 ? '–' : `${((100 * count) / total).toFixed(1)}%`;
}

const cell = (count: number, total: number) => `${count} (${percent(count, total)})`;

export function summaryMarkdown(summary: ScanSummary): string {
  const out: string[] = [
    '## Adoption',
    '',
    `${summary.assessed} domains assessed (${summary.invalid} invalid input, ${summary.failed} failed), ${summary.uniqueMxHosts} unique MX hosts.`,
    '',
    '| Standard | Supported | With errors | Not supported | Could not test |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const row of summary.rows) {
    const { supported, errors, absent, untested } = row.counts;
    out.push(
      `| ${row.label} | ${cell(supported, row.total)} | ${cell(errors, row.total)} | ${cell(absent, row.total)} | ${cell(untested, row.total)} |`,
    );
  }
  for (const dist of summary.distributions) {
    out.push('', `### ${dist.label}`, '', '| Value | Domains |', '| --- | ---: |');
    for (const b of dist.buckets) out.push(`| ${b.bucket} | ${cell(b.count, dist.total)} |`);
  }
  out.push(
    '',
    '### MTA-STS errors',
    '',
    `Share of the ${summary.mtaStsDomains} domains with an MTA-STS record; a domain can have several.`,
    '',
    '| Category | Kind | Domains |',
    '| --- | --- | ---: |',
  );
  if (summary.mtaStsErrors.length === 0) out.push('| (none) | | 0 |');
  for (const e of summary.mtaStsErrors) {
    out.push(
      `| ${e.kind === null ? `**${e.category}**` : ''} | ${e.kind ?? 'all kinds'} | ${cell(e.domains, summary.mtaStsDomains)} |`,
    );
  }
  return `${out.join('\n')}\n\n${researchMarkdown(summary)}`;
}

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One table: section, item, value, count, total, share. */
export function summaryCsv(summary: ScanSummary): string {
  const rows: Array<Array<string | number>> = [
    ['section', 'item', 'value', 'count', 'total', 'share'],
  ];
  const share = (count: number, total: number) => (total === 0 ? '' : (count / total).toFixed(4));
  rows.push([
    'scan',
    'domains',
    'assessed',
    summary.assessed,
    summary.lines,
    share(summary.assessed, summary.lines),
  ]);
  rows.push([
    'scan',
    'domains',
    'invalid',
    summary.invalid,
    summary.lines,
    share(summary.invalid, summary.lines),
  ]);
  rows.push([
    'scan',
    'domains',
    'failed',
    summary.failed,
    summary.lines,
    share(summary.failed, summary.lines),
  ]);
  rows.push(['scan', 'mx hosts', 'unique', summary.uniqueMxHosts, '', '']);
  for (const row of summary.rows) {
    for (const [value, count] of Object.entries(row.counts)) {
      rows.push(['adoption', row.label, value, count, row.total, share(count, row.total)]);
    }
  }
  for (const dist of summary.distributions) {
    for (const b of dist.buckets)
      rows.push([
        dist.label,
        dist.label,
        b.bucket,
        b.count,
        dist.total,
        share(b.count, dist.total),
      ]);
  }
  for (const e of summary.mtaStsErrors) {
    rows.push([
      'mta-sts errors',
      e.category,
      e.kind ?? '*',
      e.domains,
      summary.mtaStsDomains,
      share(e.domains, summary.mtaStsDomains),
    ]);
  }
  for (const [table, item, count, total, fraction, reference] of researchCsvRows(summary))
    rows.push([
      table ?? '',
      item ?? '',
      reference === '' ? '' : `reference ${reference}`,
      count ?? '',
      total ?? '',
      fraction ?? '',
    ]);
  return `${rows.map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}
