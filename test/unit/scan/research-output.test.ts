import { describe, expect, it } from 'vitest';
import { summarizeScan } from '../../../lib/scan/adoption-summary.ts';
import { mecsaTable, mtaStsStudyTable } from '../../../lib/scan/research-tables.ts';
import { summaryChartSvg } from '../../../lib/scan/summary-chart.ts';
import { summaryCsv, summaryMarkdown } from '../../../lib/scan/summary-format.ts';

const sts = (errors: Array<{ category: string; kind: string }>) => ({
  status: errors.length > 0 ? 'fail' : 'pass',
  record: { present: true, valid: true },
  policy: { mode: 'enforce' },
  mode: 'enforce',
  errors,
});
const line = (domain: string, mtaSts: object | null, spf = 'pass') => ({
  input: domain,
  domain,
  probe: {
    mxStatus: 'ok',
    mx: [
      {
        host: 'mx.p.net',
        addresses: [{ status: 'pass', starttls: { negotiated: true } }],
        certificate: { pkixValid: true, hostnameMatch: 'mx' },
        dane: { tlsaPresent: false },
      },
    ],
    mtaSts: mtaSts ?? {
      status: 'none',
      record: { present: false, valid: false },
      errors: [],
    },
  },
  dns: {
    spf: { status: spf, details: { allPolicy: 'fail' } },
    dmarc: { status: 'none' },
    tlsRpt: { status: 'none' },
    dnssec: { details: { domainSigned: 'insecure' } },
  },
});

// Four domains: one clean MTA-STS, one with a policy-fetch and a PKIX error (two study
// classes, one misconfigured domain), one with only hosting advice (not an error), one without.
const summary = summarizeScan([
  line('a.net', sts([])),
  line(
    'b.net',
    sts([
      { category: 'policy-fetch', kind: 'tls-name-mismatch' },
      { category: 'policy-syntax', kind: 'mode' },
      { category: 'mx-certificate', kind: 'pkix-invalid-all' },
    ]),
  ),
  line('c.net', sts([{ category: 'hosting', kind: 'different-providers' }])),
  line('d.net', null, 'none'),
]);

describe('research tables', () => {
  it('lays out MECSA Table 5 with this scan beside the 2019–20 figures', () => {
    const rows = mecsaTable(summary);
    expect(rows.map((r) => r.label)).toEqual([
      'STARTTLS',
      'SPF',
      'DKIM',
      'DMARC',
      'DNSSEC',
      'DANE',
      'MTA-STS',
    ]);
    expect(rows.find((r) => r.label === 'SPF')).toMatchObject({
      count: 3,
      share: 75,
      reference: 80.7,
    });
    expect(rows.find((r) => r.label === 'MTA-STS')).toMatchObject({ count: 3, share: 75 });
    expect(rows.find((r) => r.label === 'DKIM')).toMatchObject({ count: null, share: null });
  });

  it('counts the study error classes once per domain, hosting advice not an error', () => {
    const rows = mtaStsStudyTable(summary);
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r.count]));
    expect(byLabel).toEqual({
      'Invalid MTA-STS record': 0,
      'Policy retrieval errors': 1,
      'PKIX-invalid MX hosts': 1,
      'Inconsistency (mx patterns vs MX)': 0,
      'Misconfigured (any of the above)': 1,
    });
    expect(rows.at(-1)).toMatchObject({ total: 3, share: 33.33, reference: 29.6 });
  });

  it('puts both tables in the Markdown and CSV outputs', () => {
    const markdown = summaryMarkdown(summary);
    expect(markdown).toContain('| SPF | 3 | 75 | 80.7 |');
    expect(markdown).toContain('| Policy retrieval errors | 1 | 33.33 | – |');
    const csv = summaryCsv(summary);
    expect(csv).toContain('mecsa table 5,SPF,reference 0.8070,3,4,0.7500');
    expect(csv).toContain(
      'imc 2025 mta-sts errors,Misconfigured (any of the above),reference 0.2960,1,3,0.3333',
    );
  });
});

describe('adoption chart', () => {
  it('draws one stacked bar per row whose segments add up to the bar', () => {
    const svg = summaryChartSvg(summary, 'Scan <1>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Scan &#60;1&#62;');
    expect(svg).not.toContain('<script');
    const spfBar = [
      ...svg.matchAll(/<rect x="[\d.]+" y="(\d+)" width="([\d.]+)"[^>]*><title>SPF: /g),
    ];
    const total = spfBar.reduce((sum, m) => sum + Number(m[2]), 0);
    expect(total).toBeCloseTo(520, 1);
    expect(svg).toContain('>75.0%</text>');
  });
});
