// When a scan's summary differs from the ground truth, which domains differ, and how: each
// results line's facts (lib/scan/domain-facts.ts) against the facts the generator drew for
// that domain, with the line's own problems, so the cause can be read from the evidence.

import { domainFacts } from '../lib/scan/domain-facts.ts';
import { drawPopulation } from '../test/lab/population/domains.ts';
import { expectedFacts } from '../test/lab/population/ground-truth.ts';

export interface DomainDiff {
  domain: string;
  /** `fact: scan → truth` for each fact that differs. */
  facts: string[];
  problems: unknown;
}

function scannedFacts(line: unknown): Record<string, string> {
  const f = domainFacts(line);
  const { mxHosts: _hosts, adoption, mtaStsErrors, ...rest } = f;
  return { ...adoption, ...rest, mtaStsErrors: [...mtaStsErrors].sort().join(' ') };
}

export function perDomainDiff(
  lines: Array<{ input: string; problems?: unknown }>,
  size: number,
  seed: number,
): DomainDiff[] {
  const byDomain = new Map(lines.map((l) => [l.input, l]));
  const diffs: DomainDiff[] = [];
  for (const d of drawPopulation(size, seed)) {
    const line = byDomain.get(d.domain);
    if (!line) {
      diffs.push({ domain: d.domain, facts: ['missing from the results'], problems: null });
      continue;
    }
    const want = expectedFacts(d);
    const got = scannedFacts(line);
    const facts = Object.keys(want)
      .filter((k) => got[k] !== want[k])
      .map((k) => `${k}: scan ${got[k] || '-'} → truth ${want[k] || '-'}`);
    if (facts.length > 0) diffs.push({ domain: d.domain, facts, problems: line.problems ?? null });
  }
  return diffs;
}

/** The diffs as text, one domain a line, grouped by the set of differing facts. */
export function describeDiffs(diffs: DomainDiff[]): string {
  const groups = new Map<string, string[]>();
  for (const d of diffs) {
    const key = d.facts.join('; ');
    groups.set(key, [...(groups.get(key) ?? []), d.domain]);
  }
  return [...groups]
    .sort((a, b) => b[1].length - a[1].length)
    .map(
      ([facts, domains]) =>
        `  ${domains.length} × ${facts}\n    e.g. ${domains.slice(0, 5).join(' ')}`,
    )
    .join('\n');
}
