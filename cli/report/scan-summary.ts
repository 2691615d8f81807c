// The scan summary on a terminal: the adoption table, the policy distributions and the MTA-STS
// error breakdown, aligned in plain columns (Markdown and CSV come from lib/scan/summary-format).

import type { ScanSummary } from '../../lib/scan/adoption-summary.ts';
import { percent } from '../../lib/scan/summary-format.ts';

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function renderScanSummary(summary: ScanSummary): string {
  const out: string[] = [
    '',
    `Adoption over ${summary.assessed} domains (${summary.invalid} invalid, ${summary.failed} failed; ${summary.uniqueMxHosts} unique MX hosts)`,
    '',
    ...table(
      ['Standard', 'Supported', 'With errors', 'Not supported', 'Could not test'],
      summary.rows.map((r) => [
        r.label,
        percent(r.counts.supported, r.total),
        percent(r.counts.errors, r.total),
        percent(r.counts.absent, r.total),
        percent(r.counts.untested, r.total),
      ]),
    ),
  ];
  for (const dist of summary.distributions) {
    out.push(
      '',
      ...table(
        [dist.label, 'Domains'],
        dist.buckets.map((b) => [b.bucket, `${b.count} (${percent(b.count, dist.total)})`]),
      ),
    );
  }
  out.push('', `MTA-STS errors (share of the ${summary.mtaStsDomains} domains with a record)`);
  if (summary.mtaStsErrors.length === 0) out.push('  none');
  else {
    out.push(
      ...table(
        ['Category / kind', 'Domains'],
        summary.mtaStsErrors.map((e) => [
          e.kind === null ? e.category : `  ${e.kind}`,
          `${e.domains} (${percent(e.domains, summary.mtaStsDomains)})`,
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
