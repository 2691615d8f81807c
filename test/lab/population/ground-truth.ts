// The true adoption table of a population, computed from the features the generator drew (not
// from any scan), in the shape `truthOf(summary)` gives a scan summary, so the two compare
// with one deep equality: every count of every row, distribution and MTA-STS error kind.

import type { ScanSummary } from '../../../lib/scan/adoption-summary.ts';
import type { Adoption } from '../../../lib/scan/domain-facts.ts';
import type { DomainFeatures } from './domains.ts';

export interface AdoptionTruth {
  assessed: number;
  invalid: number;
  failed: number;
  uniqueMxHosts: number;
  rows: Record<string, Record<Adoption, number>>;
  distributions: Record<string, Record<string, number>>;
  mtaStsDomains: number;
  /** `category` and `category/kind` → domains. */
  mtaStsErrors: Record<string, number>;
}

/** The error kinds the probe reports for each planted MTA-STS fault (lib/probe/mta-sts-*.ts). */
function mtaStsErrorKinds(d: DomainFeatures): string[] {
  const sts = d.mtaSts;
  if (!sts) return [];
  const kinds: string[] = [];
  if (sts.recordIdInvalid) kinds.push('record/id');
  if (sts.policy === 'host-down') kinds.push('policy-fetch/tcp');
  if (sts.policy === 'bad-certificate') kinds.push('policy-fetch/tls-name-mismatch');
  if (sts.policy === 'syntax') kinds.push('policy-syntax/mode');
  const policyValid = sts.policy === 'ok' || sts.policy === 'mx-mismatch';
  if (!policyValid) return kinds;
  // Reported in every mode, as the study does: it measures readiness (IMC §4.3.4), and a
  // domain moving from none to enforce would break on it.
  if (sts.policy === 'mx-mismatch') kinds.push('inconsistency/domain-mismatch');
  if (d.mx.starttls && d.mx.certificate !== 'valid') kinds.push('mx-certificate/pkix-invalid-all');
  if (!d.mx.starttls) kinds.push('mx-certificate/no-starttls');
  return kinds;
}

function facts(d: DomainFeatures): Record<string, Adoption> {
  const sts = d.mtaSts;
  const policyFetched = sts !== null && (sts.policy === 'ok' || sts.policy === 'mx-mismatch');
  return {
    starttls: d.mx.starttls ? 'supported' : 'absent',
    certificate: !d.mx.starttls ? 'absent' : d.mx.certificate === 'valid' ? 'supported' : 'errors',
    dane: d.mx.tlsa && d.signed ? 'supported' : 'absent',
    mtaStsRecord: !sts ? 'absent' : sts.recordIdInvalid ? 'errors' : 'supported',
    mtaStsPolicy: !sts ? 'absent' : policyFetched ? 'supported' : 'errors',
    dnssec: d.signed ? 'supported' : 'absent',
    spf: d.spf.state === 'valid' ? 'supported' : d.spf.state === 'invalid' ? 'errors' : 'absent',
    dmarc:
      d.dmarc.state === 'valid' ? 'supported' : d.dmarc.state === 'invalid' ? 'errors' : 'absent',
    tlsRpt: d.tlsRpt ? 'supported' : 'absent',
  };
}

function buckets(d: DomainFeatures): Record<string, string> {
  const sts = d.mtaSts;
  const policyFetched = sts !== null && (sts.policy === 'ok' || sts.policy === 'mx-mismatch');
  return {
    mtaStsMode: policyFetched && sts ? sts.mode : 'no-policy',
    spfAll:
      d.spf.state === 'valid' ? d.spf.all : d.spf.state === 'invalid' ? 'invalid' : 'no-record',
    dmarcPolicy:
      d.dmarc.state === 'valid'
        ? d.dmarc.policy
        : d.dmarc.state === 'invalid'
          ? 'invalid'
          : 'no-record',
  };
}

/** One domain's true facts, in the fields `domainFacts` reads from its results line. */
export function expectedFacts(d: DomainFeatures): Record<string, string> {
  return {
    ...facts(d),
    ...buckets(d),
    mtaStsErrors: [...mtaStsErrorKinds(d)].sort().join(' '),
  };
}

const bump = (map: Record<string, number>, key: string) => {
  map[key] = (map[key] ?? 0) + 1;
};

export function createTruthAccumulator() {
  const truth: AdoptionTruth = {
    assessed: 0,
    invalid: 0,
    failed: 0,
    uniqueMxHosts: 0,
    rows: {},
    distributions: {},
    mtaStsDomains: 0,
    mtaStsErrors: {},
  };
  const hosts = new Set<string>();
  return {
    add(d: DomainFeatures) {
      truth.assessed++;
      hosts.add(d.mx.host);
      for (const [key, value] of Object.entries(facts(d))) {
        truth.rows[key] ??= { supported: 0, errors: 0, absent: 0, untested: 0 };
        (truth.rows[key] as Record<Adoption, number>)[value]++;
      }
      for (const [key, value] of Object.entries(buckets(d))) {
        truth.distributions[key] ??= {};
        bump(truth.distributions[key] as Record<string, number>, value);
      }
      if (d.mtaSts) truth.mtaStsDomains++;
      const kinds = mtaStsErrorKinds(d);
      for (const kind of kinds) bump(truth.mtaStsErrors, kind);
      for (const category of new Set(kinds.map((k) => k.split('/')[0] ?? k)))
        bump(truth.mtaStsErrors, category);
    },
    result(): AdoptionTruth {
      return { ...truth, uniqueMxHosts: hosts.size };
    },
  };
}

/** A scan summary in the truth's shape (zero buckets dropped, as the truth never has them). */
export function truthOf(summary: ScanSummary): AdoptionTruth {
  const rows = Object.fromEntries(summary.rows.map((r) => [r.key, { ...r.counts }]));
  const distributions = Object.fromEntries(
    summary.distributions.map((d) => [
      d.key,
      Object.fromEntries(d.buckets.filter((b) => b.count > 0).map((b) => [b.bucket, b.count])),
    ]),
  );
  const mtaStsErrors: Record<string, number> = {};
  for (const e of summary.mtaStsErrors)
    mtaStsErrors[e.kind === null ? e.category : `${e.category}/${e.kind}`] = e.domains;
  return {
    assessed: summary.assessed,
    invalid: summary.invalid,
    failed: summary.failed,
    uniqueMxHosts: summary.uniqueMxHosts,
    rows,
    distributions,
    mtaStsDomains: summary.mtaStsDomains,
    mtaStsErrors,
  };
}
