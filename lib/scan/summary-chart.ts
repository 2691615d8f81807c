// An SVG chart of the adoption shares: one stacked bar per standard (supported, with errors,
// not supported, could not test), written as text so no charting dependency is needed. Labels
// are escaped; the chart is self-contained (no scripts, no external references).

import type { ScanSummary } from './adoption-summary.ts';
import type { Adoption } from './domain-facts.ts';

const SEGMENTS: ReadonlyArray<{ key: Adoption; label: string; color: string }> = [
  { key: 'supported', label: 'Supported', color: '#2e7d32' },
  { key: 'errors', label: 'With errors', color: '#f9a825' },
  { key: 'absent', label: 'Not supported', color: '#c62828' },
  { key: 'untested', label: 'Could not test', color: '#9e9e9e' },
];

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const LABEL_WIDTH = 230;
const BAR_WIDTH = 520;
const ROW_HEIGHT = 28;
const TOP = 56;

export function summaryChartSvg(summary: ScanSummary, title = 'Adoption shares'): string {
  const height = TOP + summary.rows.length * ROW_HEIGHT + 48;
  const width = LABEL_WIDTH + BAR_WIDTH + 70;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="24" font-size="16" font-weight="bold">${escapeXml(title)} (${summary.assessed} domains)</text>`,
  ];
  summary.rows.forEach((row, i) => {
    const y = TOP + i * ROW_HEIGHT;
    parts.push(`<text x="10" y="${y + 15}">${escapeXml(row.label)}</text>`);
    let x = LABEL_WIDTH;
    for (const segment of SEGMENTS) {
      const count = row.counts[segment.key];
      const w = row.total === 0 ? 0 : (BAR_WIDTH * count) / row.total;
      if (w > 0)
        parts.push(
          `<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${ROW_HEIGHT - 8}" fill="${segment.color}"><title>${escapeXml(`${row.label}: ${segment.label} ${count} of ${row.total}`)}</title></rect>`,
        );
      x += w;
    }
    const share = row.total === 0 ? 0 : (100 * row.counts.supported) / row.total;
    parts.push(
      `<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 15}">${share.toFixed(1)}%</text>`,
    );
  });
  const legendY = TOP + summary.rows.length * ROW_HEIGHT + 16;
  SEGMENTS.forEach((segment, i) => {
    const x = LABEL_WIDTH + i * 130;
    parts.push(
      `<rect x="${x}" y="${legendY}" width="12" height="12" fill="${segment.color}"/>`,
      `<text x="${x + 18}" y="${legendY + 11}">${segment.label}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
