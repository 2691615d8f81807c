// Issue 18: the check registry drives everything. A check that exists only in this test, added to
// a table built here, is made by the posture, counted by completeness, scored, shown as a row of
// the report's standards table, printed by `mailseal check` and counted in a scan's adoption
// facts and summary rows, with no code of any consumer knowing it: each of them walks the table it is given.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDnsPosture } from '../../../cli/report/dns-posture.ts';
import { postureUntested } from '../../../lib/assess/index.ts';
import { assessDomainDns, type DomainDnsPosture } from '../../../lib/checks/domain-dns-posture.ts';
import { defineCheck, type ScoreOutcome } from '../../../lib/checks/registry/check-entry.ts';
import { type CheckTable, DNS_CHECKS, EVERY_DNS_CHECK } from '../../../lib/checks/registry.ts';
import { type ProviderInputs, standardsOf } from '../../../lib/messaging/build-report.ts';
import type { CheckOutcome } from '../../../lib/outcome.ts';
import { summarizeScan } from '../../../lib/scan/adoption-summary.ts';
import { dnsCheckAdoption, domainFacts } from '../../../lib/scan/domain-facts.ts';
import { dnsFactsFromPosture } from '../../../lib/score/dns-facts.ts';
import { fakeDns, mx, txt } from './fake-zone.ts';

/** A made-up check: a TXT record at _seal.<domain> holding "v=SEAL1; level=<n>". */
const sealCheck = defineCheck({
  key: 'seal',
  run: async ({ dns, domain }): Promise<CheckOutcome<{ level: number }>> => {
    const answer = await dns.query(`_seal.${domain}`, 'TXT');
    const base = { check: 'seal', findings: [], records: answer.records };
    if (answer.status === 'servfail' || answer.status === 'temperror')
      return { ...base, status: 'temperror' };
    const record = answer.records.find((r) => r.startsWith('v=SEAL1'));
    if (!record) return { ...base, status: 'none' };
    return { ...base, status: 'pass', details: { level: Number(record.split('level=')[1]) } };
  },
  summary: (outcome) => (outcome.details ? `seal level ${outcome.details.level}` : ''),
  // Stands in for DKIM in this table, so the score's DKIM fact can only come from it.
  score: (outcome: ScoreOutcome<unknown>) => ({ dkim: outcome.status === 'pass' }),
  report: { standard: 'SEAL', row: 4.5 },
  adoption: (outcome) => ((outcome.details?.level ?? 0) >= 2 ? 'supported' : 'errors'),
  scanRow: { label: 'SEAL level 2+', order: 4.5 },
});

const TABLE: CheckTable = [...EVERY_DNS_CHECK.filter((c) => c.key !== 'dkim'), sealCheck];

const RECORDS = [
  mx('example.org', 'mx.example.org'),
  txt('example.org', 'v=spf1 -all'),
  txt('_dmarc.example.org', 'v=DMARC1; p=reject'),
  txt('_seal.example.org', 'v=SEAL1; level=3'),
];

async function posture(): Promise<DomainDnsPosture & Record<string, CheckOutcome<unknown>>> {
  const { dns } = fakeDns(RECORDS);
  const made = await assessDomainDns('example.org', { dns, checks: TABLE });
  return made as DomainDnsPosture & Record<string, CheckOutcome<unknown>>;
}

const provider = (dns: DomainDnsPosture): ProviderInputs => ({
  domain: 'example.org',
  dns: dns as unknown as Record<string, unknown>,
  probe: null,
});

describe('a check added to the table reaches every consumer', () => {
  it('the posture makes it, under its key, in table order', async () => {
    const p = await posture();
    expect(p.seal).toMatchObject({ check: 'seal', status: 'pass', details: { level: 3 } });
    expect(p.dkim).toBeUndefined();
    const keys = Object.keys(p).filter(
      (k) => k !== '$schema' && !/^(domain|assessedAt|elapsedMs)$/.test(k),
    );
    expect(keys).toEqual(TABLE.map((c) => c.key));
  });

  it('completeness counts it: its temperror makes the posture "could not test"', async () => {
    const p = await posture();
    expect(postureUntested(p, TABLE)).toBe(false);
    const broken = { ...p, seal: { ...p.seal, status: 'temperror' } } as DomainDnsPosture;
    expect(postureUntested(broken, TABLE)).toBe(true);
    // The real table has no such check, so it cannot see that one.
    expect(postureUntested(broken)).toBe(false);
  });

  it('the score takes its contribution', async () => {
    const p = await posture();
    expect(dnsFactsFromPosture(p, TABLE).dkim).toBe(true);
    const absent = { ...p, seal: { ...p.seal, status: 'none' } } as DomainDnsPosture;
    expect(dnsFactsFromPosture(absent, TABLE).dkim).toBe(false);
  });

  it('the report shows it as a row where its entry says, for sender and recipient', async () => {
    const p = await posture();
    const rows = standardsOf(provider(p), provider(p), [], TABLE);
    expect(rows.map((r) => r.standard)).toEqual([
      'STARTTLS',
      'Certificate (PKIX)',
      'DANE',
      'MTA-STS',
      'TLS-RPT',
      'SEAL',
      'DNSSEC',
      'SPF',
      'DMARC',
    ]);
    const seal = rows.find((r) => r.standard === 'SEAL');
    expect(seal?.sender).toEqual({ status: 'present', detail: null });
    expect(seal?.recipient).toEqual({ status: 'present', detail: null });
  });

  it('`mailseal check` prints its line with its summary', async () => {
    const p = await posture();
    const lines = formatDnsPosture(p, { checks: TABLE }).split('\n');
    const line = lines.find((l) => l.trim().startsWith('seal '));
    expect(line).toMatch(/^ {2}seal {5}ok {13}seal level 3$/);
    expect(lines.some((l) => l.trim().startsWith('dkim '))).toBe(false);
  });

  it("a scan's adoption facts count it, as its entry reads adoption", async () => {
    const p = await posture();
    const adoption = dnsCheckAdoption({ input: 'example.org', dns: p }, TABLE);
    expect(adoption.seal).toBe('supported');
    expect(Object.keys(adoption)).toEqual(TABLE.map((c) => c.key));
    const weak = { ...p, seal: { ...p.seal, details: { level: 1 } } };
    expect(dnsCheckAdoption({ dns: weak }, TABLE).seal).toBe('errors');
    expect(dnsCheckAdoption({ dns: {} }, TABLE).seal).toBe('untested');
    // The columns domainFacts reports come from the same reading of the real table.
    expect(domainFacts({ dns: p }).adoption).toMatchObject({
      spf: dnsCheckAdoption({ dns: p }).spf,
      dmarc: 'supported',
    });
  });

  it("a scan's summary has a row for it, in its entry's place, with its counts", async () => {
    const p = await posture();
    const lines = [
      { input: 'example.org', domain: 'example.org', dns: p },
      {
        input: 'weak.org',
        domain: 'weak.org',
        dns: { ...p, seal: { ...p.seal, details: { level: 1 } } },
      },
    ];
    const summary = summarizeScan(lines, TABLE);
    expect(summary.rows.map((r) => r.key)).toEqual([
      'starttls',
      'certificate',
      'dane',
      'mtaStsRecord',
      'mtaStsPolicy',
      'seal',
      'dnssec',
      'spf',
      'dmarc',
      'tlsRpt',
    ]);
    const seal = summary.rows.find((r) => r.key === 'seal');
    expect(seal).toMatchObject({ label: 'SEAL level 2+', total: 2 });
    expect(seal?.counts).toEqual({ supported: 1, errors: 1, absent: 0, untested: 0 });
    // The real table has no such row.
    expect(summarizeScan(lines).rows.some((r) => r.key === 'seal')).toBe(false);
  });
});

describe('the documents a new check must appear in', () => {
  it("the posture's JSON schema requires and describes every check of the registry", () => {
    const schema = JSON.parse(
      readFileSync(
        new URL('../../../docs/domain-dns-posture.schema.json', import.meta.url),
        'utf8',
      ),
    ) as { required: string[]; properties: Record<string, unknown> };
    for (const { key } of DNS_CHECKS) {
      expect(schema.required, key).toContain(key);
      expect(Object.keys(schema.properties), key).toContain(key);
    }
  });
});
