// Aggregates scan results into the adoption table (the shape of MECSA's per-standard figures:
// supported / with errors / not supported, plus "could not test") and the MTA-STS error
// breakdown of the MTA-STS study (errors by category and kind, as a share of domains with a
// record). Streaming: one line at a time, memory grows only with unique MX hosts and error kinds.
// The rows are the check registry's (each entry with a `scanRow`) and the probe's
// (`summaryRows`): a check added to the registry is counted here without a change to this file.

import { type CheckTable, EVERY_DNS_CHECK } from '../checks/registry.ts';
import {
  type Adoption,
  type DomainFacts,
  domainFacts,
  type SummaryRow,
  summaryRows,
} from './domain-facts.ts';

export interface AdoptionRow {
  key: string;
  label: string;
  counts: Record<Adoption, number>;
  /** Domains the row is a share of. */
  total: number;
}

export interface Distribution {
  key: string;
  label: string;
  buckets: Array<{ bucket: string; count: number }>;
  total: number;
}

export interface ErrorBreakdownRow {
  category: string;
  kind: string | null;
  domains: number;
}

export interface ScanSummary {
  /** Lines read. */
  lines: number;
  /** Lines with an assessment. */
  assessed: number;
  /** Input that was not a domain name. */
  invalid: number;
  /** Assessments that failed outright. */
  failed: number;
  uniqueMxHosts: number;
  rows: AdoptionRow[];
  distributions: Distribution[];
  /** Denominator of the error breakdown: domains with an MTA-STS record. */
  mtaStsDomains: number;
  mtaStsErrors: ErrorBreakdownRow[];
  /** The MTA-STS study's four error classes (IMC 2025 Figure 4), domains per class. */
  mtaStsStudyClasses: Record<MtaStsStudyClass, number>;
  /** Domains with an MTA-STS record and at least one error of those classes. */
  mtaStsMisconfigured: number;
}

export type MtaStsStudyClass = 'record' | 'policy' | 'mx-pkix' | 'inconsistency';

/** Our error categories in the study's classes; `hosting` is advice, not an error there. */
const STUDY_CLASS: Record<string, MtaStsStudyClass> = {
  record: 'record',
  'policy-fetch': 'policy',
  'policy-syntax': 'policy',
  'mx-certificate': 'mx-pkix',
  inconsistency: 'inconsistency',
};

type DistributionKey = 'mtaStsMode' | 'spfAll' | 'dmarcPolicy';

const DISTRIBUTIONS: ReadonlyArray<{ key: DistributionKey; label: string; order: string[] }> = [
  {
    key: 'mtaStsMode',
    label: 'MTA-STS mode',
    order: ['enforce', 'testing', 'none', 'no-policy', 'untested'],
  },
  {
    key: 'spfAll',
    label: 'SPF all qualifier',
    order: ['fail', 'softfail', 'neutral', 'pass', 'none', 'no-record', 'invalid', 'untested'],
  },
  {
    key: 'dmarcPolicy',
    label: 'DMARC policy',
    order: ['reject', 'quarantine', 'none', 'no-record', 'invalid', 'untested'],
  },
];

const emptyCounts = (): Record<Adoption, number> => ({
  supported: 0,
  errors: 0,
  absent: 0,
  untested: 0,
});

/** What the summary counts of one results line: the facts of an assessed domain, or its kind. */
export type TallyEntry =
  | { kind: 'assessed'; facts: DomainFacts }
  | { kind: 'invalid' }
  | { kind: 'failed' };

export interface ScanAccumulator {
  /** A whole results line (parsed): its facts are read here. */
  add(line: unknown): void;
  /** What `tallyEntryOf` read of a line elsewhere (a worker, or a line's facts record). */
  addEntry(entry: TallyEntry): void;
  summary(): ScanSummary;
}

/** The counts so far, one field per figure of the summary. */
interface ScanTally {
  rows: SummaryRow[];
  lines: number;
  invalid: number;
  failed: number;
  assessed: number;
  rowCounts: Map<string, Record<Adoption, number>>;
  distCounts: Map<DistributionKey, Map<string, number>>;
  hosts: Set<string>;
  errorKinds: Map<string, number>;
  errorCategories: Map<string, number>;
  mtaStsDomains: number;
  mtaStsMisconfigured: number;
  studyClasses: Record<MtaStsStudyClass, number>;
}

function newTally(rows: SummaryRow[]): ScanTally {
  return {
    rows,
    lines: 0,
    invalid: 0,
    failed: 0,
    assessed: 0,
    rowCounts: new Map(rows.map((r) => [r.key, emptyCounts()])),
    distCounts: new Map(DISTRIBUTIONS.map((d) => [d.key, new Map<string, number>()])),
    hosts: new Set<string>(),
    errorKinds: new Map<string, number>(),
    errorCategories: new Map<string, number>(),
    mtaStsDomains: 0,
    mtaStsMisconfigured: 0,
    studyClasses: { record: 0, policy: 0, 'mx-pkix': 0, inconsistency: 0 },
  };
}

/** One assessed domain into the rows, the distributions and the MTA-STS error counts. */
function countDomain(t: ScanTally, f: DomainFacts): void {
  for (const host of f.mxHosts) t.hosts.add(host);
  for (const { key } of t.rows) {
    const counts = t.rowCounts.get(key);
    if (counts) counts[f.adoption[key] ?? 'untested']++;
  }
  for (const { key } of DISTRIBUTIONS) {
    const counts = t.distCounts.get(key);
    const bucket = String(f[key]);
    counts?.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const record = f.adoption.mtaStsRecord;
  if (record !== 'supported' && record !== 'errors') return;
  t.mtaStsDomains++;
  const categories = new Set<string>();
  for (const kind of f.mtaStsErrors) {
    t.errorKinds.set(kind, (t.errorKinds.get(kind) ?? 0) + 1);
    categories.add(kind.split('/')[0] ?? kind);
  }
  for (const c of categories) t.errorCategories.set(c, (t.errorCategories.get(c) ?? 0) + 1);
  const classes = new Set([...categories].flatMap((c) => STUDY_CLASS[c] ?? []));
  for (const c of classes) t.studyClasses[c]++;
  if (classes.size > 0) t.mtaStsMisconfigured++;
}

/** What the summary counts of a parsed results line, for the rows of `checks`. */
export function tallyEntryOf(line: unknown, checks: CheckTable = EVERY_DNS_CHECK): TallyEntry {
  const record = typeof line === 'object' && line !== null ? (line as Record<string, unknown>) : {};
  if (record.domain === null || record.reason !== undefined) return { kind: 'invalid' };
  if (record.probe === undefined && record.dns === undefined) return { kind: 'failed' };
  return { kind: 'assessed', facts: domainFacts(record, checks) };
}

function addEntry(t: ScanTally, entry: TallyEntry): void {
  t.lines++;
  if (entry.kind === 'invalid') t.invalid++;
  else if (entry.kind === 'failed') t.failed++;
  else {
    t.assessed++;
    countDomain(t, entry.facts);
  }
}

/** MTA-STS error categories, most common first, each followed by its kinds. */
function errorBreakdown(t: ScanTally): ErrorBreakdownRow[] {
  const breakdown: ErrorBreakdownRow[] = [];
  for (const [category, domains] of [...t.errorCategories].sort((a, b) => b[1] - a[1])) {
    breakdown.push({ category, kind: null, domains });
    const kinds = [...t.errorKinds]
      .filter(([k]) => k.startsWith(`${category}/`))
      .sort((a, b) => b[1] - a[1]);
    for (const [k, n] of kinds)
      breakdown.push({ category, kind: k.slice(category.length + 1), domains: n });
  }
  return breakdown;
}

function summaryOf(t: ScanTally): ScanSummary {
  return {
    lines: t.lines,
    assessed: t.assessed,
    invalid: t.invalid,
    failed: t.failed,
    uniqueMxHosts: t.hosts.size,
    rows: t.rows.map(({ key, label }) => ({
      key,
      label,
      counts: { ...(t.rowCounts.get(key) ?? emptyCounts()) },
      total: t.assessed,
    })),
    distributions: DISTRIBUTIONS.map(({ key, label, order }) => {
      const counts = t.distCounts.get(key) ?? new Map<string, number>();
      return {
        key,
        label,
        buckets: order.map((bucket) => ({ bucket, count: counts.get(bucket) ?? 0 })),
        total: t.assessed,
      };
    }),
    mtaStsDomains: t.mtaStsDomains,
    mtaStsErrors: errorBreakdown(t),
    mtaStsStudyClasses: { ...t.studyClasses },
    mtaStsMisconfigured: t.mtaStsMisconfigured,
  };
}

/** An accumulator for the rows of `checks` (the registry's table unless a test brings one). */
export function createScanAccumulator(checks: CheckTable = EVERY_DNS_CHECK): ScanAccumulator {
  const tally = newTally(summaryRows(checks));
  return {
    add: (line) => addEntry(tally, tallyEntryOf(line, checks)),
    addEntry: (entry) => addEntry(tally, entry),
    summary: () => summaryOf(tally),
  };
}

export function summarizeScan(
  lines: Iterable<unknown>,
  checks: CheckTable = EVERY_DNS_CHECK,
): ScanSummary {
  const accumulator = createScanAccumulator(checks);
  for (const line of lines) accumulator.add(line);
  return accumulator.summary();
}
