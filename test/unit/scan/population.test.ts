import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPopulation } from '../../lab/population/build.ts';
import { drawPopulation } from '../../lab/population/domains.ts';
import { SHARES } from '../../lab/population/shares.ts';

const dir = mkdtempSync(join(tmpdir(), 'mailseal-population-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('synthetic population', () => {
  it('is the same for the same seed and size, and different for another seed', () => {
    const a = [...drawPopulation(500, 7)];
    expect([...drawPopulation(500, 7)]).toEqual(a);
    expect([...drawPopulation(500, 8)]).not.toEqual(a);
  });

  it('draws the published shares (20,000 domains, within 1 point)', () => {
    const all = [...drawPopulation(20_000, 22)];
    const share = (test: (d: (typeof all)[number]) => boolean) =>
      all.filter(test).length / all.length;
    expect(share((d) => d.signed)).toBeCloseTo(SHARES.dnssecSigned, 1);
    expect(share((d) => d.signed && d.mx.tlsa)).toBeCloseTo(SHARES.dane, 1);
    expect(share((d) => !d.mx.starttls)).toBeCloseTo(SHARES.noStarttls, 1);
    expect(share((d) => d.mtaSts !== null)).toBeCloseTo(SHARES.mtaSts, 1);
    expect(share((d) => d.spf.state !== 'none')).toBeCloseTo(SHARES.spf, 1);
    expect(share((d) => d.dmarc.state !== 'none')).toBeCloseTo(SHARES.dmarc, 1);
  });

  it('writes one zone line set per domain into two parent zones, a list and a truth that adds up', () => {
    const built = buildPopulation({ dir, size: 1_000, seed: 3 });
    expect(built.built).toBe(true);
    expect(buildPopulation({ dir, size: 1_000, seed: 3 }).built).toBe(false); // cached
    const domains = readFileSync(built.domains, 'utf8').trim().split('\n');
    expect(new Set(domains).size).toBe(1_000);
    const catalogue = JSON.parse(readFileSync(built.catalogue, 'utf8')) as {
      scenarios: Array<{ domain: string; records: string[] }>;
    };
    const parents = catalogue.scenarios.filter((s) => s.domain.startsWith('pop'));
    expect(parents.map((s) => s.domain)).toEqual(['pops.lab', 'popu.lab']);
    const mxLines = parents.flatMap((s) => s.records.filter((r) => / MX /.test(r)));
    expect(mxLines).toHaveLength(1_000);
    const truth = JSON.parse(readFileSync(built.truth, 'utf8'));
    for (const counts of Object.values(truth.rows) as Array<Record<string, number>>)
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1_000);
  });
});
