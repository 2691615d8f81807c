// Aggregates scan results into the adoption table (the shape of MECSA's per-standard figures:
// supported / with errors / not supported, plus "could not test") and the MTA-STS error
// breakdown of the MTA-STS study (errors by category and kind, as a share of domains with a
// record). Streaming: one line at a time, memory grows only with unique MX hosts and error kinds.

import { type Adoption, type DomainFacts, domainFacts } from './domain-facts.ts';

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

const ROWS: ReadonlyArray<{ key: keyof DomainFacts; label: string }> = [
  { key: 'starttls', label: 'STARTTLS on all MX' },
  { key: 'certificate', label: 'Valid PKIX certificate (all MX)' },
  { key: 'dane', label: 'DANE valid' },
  { key: 'mtaStsRecord', label: 'MTA-STS record' },
  { key: 'mtaStsPolicy', label: 'MTA-STS policy OK' },
  { key: 'dnssec', label: 'DNSSEC (domain signed)' },
  { key: 'spf', label: 'SPF' },
  { key: 'dmarc', label: 'DMARC' },
  { key: 'tlsRpt', label: 'TLS-RPT' },
];

const DISTRIBUTIONS: ReadonlyArray<{ key: keyof DomainFacts; label: string; order: string[] }> = [
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

export interface ScanAccumulator {
  add(line: unknown): void;
  summary(): ScanSummary;
}

/** The counts so far, one field per figure of the summary. */
interface ScanTally {
  lines: number;
  invalid: number;
  failed: number;
  assessed: number;
  rowCounts: Map<keyof DomainFacts, Record<Adoption, number>>;
  distCounts: Map<keyof DomainFacts, Map<string, number>>;
  hosts: Set<string>;
  errorKinds: Map<string, number>;
  errorCategories: Map<string, number>;
  mtaStsDomains: number;
  mtaStsMisconfigured: number;
  studyClasses: Record<MtaStsStudyClass, number>;
}

function newTally(): ScanTally {
  return {
    lines: 0,
    invalid: 0,
    failed: 0,
    assessed: 0,
    rowCounts: new Map(ROWS.map((r) => [r.key, emptyCounts()])),
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
  for (const { key } of ROWS) {
    const counts = t.rowCounts.get(key);
    if (counts) counts[f[key] as Adoption]++;
  }
  for (const { key } of DISTRIBUTIONS) {
    const counts = t.distCounts.get(key);
    const bucket = String(f[key]);
    counts?.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  if (f.mtaStsRecord !== 'supported' && f.mtaStsRecord !== 'errors') return;
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

function addLine(t: ScanTally, line: unknown): void {
  t.lines++;
  const record = typeof line === 'object' && line !== null ? (line as Record<string, unknown>) : {};
  if (record.domain === null || record.reason !== undefined) {
    t.invalid++;
    return;
  }
  if (record.probe === undefined && record.dns === undefined) {
    t.failed++;
    return;
  }
  t.assessed++;
  countDomain(t, domainFacts(record));
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
    rows: ROWS.map(({ key, label }) => ({
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

export function createScanAccumulator(): ScanAccumulator {
  const tally = newTally();
  return {
    add: (line) => addLine(tally, line),
    summary: () => summaryOf(tally),
  };
}

export function summarizeScan(lines: Iterable<unknown>): ScanSummary {
  const accumulator = createScanAccumulator();
  for (const line of lines) accumulator.add(line);
  return accumulator.summary();
}
