// The adoption facts of one scanned domain, read defensively from a results line (the JSON the
// service and `mailseal scan` write: DomainProbeReport under `probe`, DomainDnsPosture under
// `dns`). Lines come from files, so every field is checked; anything odd is "could not test".

import {
  type Adoption,
  type AnyDnsCheck,
  type CheckKey,
  type CheckTable,
  EVERY_DNS_CHECK,
  statusAdoption,
} from '../checks/registry.ts';

export type { Adoption };

/** A row of the adoption table: the probe's four and one per registry entry with a `scanRow`. */
export interface SummaryRow {
  key: string;
  label: string;
  order: number;
}

/**
 * The rows only the probe's report can fill (the MX hosts' transport, and the MTA-STS policy it
 * fetched); every other row comes from the check registry.
 */
const PROBE_ROWS: readonly SummaryRow[] = [
  { key: 'starttls', label: 'STARTTLS on all MX', order: 0 },
  { key: 'certificate', label: 'Valid PKIX certificate (all MX)', order: 1 },
  { key: 'dane', label: 'DANE valid', order: 2 },
  { key: 'mtaStsPolicy', label: 'MTA-STS policy OK', order: 4 },
];

/** The adoption table's rows for a check table (the registry's by default), in order. */
export function summaryRows(checks: CheckTable = EVERY_DNS_CHECK): SummaryRow[] {
  const fromChecks = checks.flatMap((check) =>
    check.scanRow ? [{ ...check.scanRow, key: check.scanRow.key ?? check.key }] : [],
  );
  return [...PROBE_ROWS, ...fromChecks].sort((a, b) => a.order - b.order);
}

export interface DomainFacts {
  mxHosts: string[];
  /** Adoption by summary row key (`summaryRows`): every row of the table it was read for. */
  adoption: Record<string, Adoption>;
  mtaStsMode: 'enforce' | 'testing' | 'none' | 'no-policy' | 'untested';
  /** `category/kind` of each MTA-STS error, once per domain. */
  mtaStsErrors: string[];
  spfAll: 'fail' | 'softfail' | 'neutral' | 'pass' | 'none' | 'no-record' | 'invalid' | 'untested';
  dmarcPolicy: 'reject' | 'quarantine' | 'none' | 'no-record' | 'invalid' | 'untested';
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
/** One check's outcome in a results line; `key` is a key of the check registry. */
const outcomeIn = (dns: Json | null, key: CheckKey): Json | null => obj(dns?.[key]);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objs = (v: unknown): Json[] =>
  arr(v)
    .map(obj)
    .filter((o): o is Json => o !== null);

/** all true → supported, some → errors, none → absent; nothing known → untested. */
function share(values: boolean[], untested: boolean): Adoption {
  if (values.length === 0) return untested ? 'untested' : 'absent';
  if (values.every(Boolean)) return 'supported';
  return values.some(Boolean) ? 'errors' : 'absent';
}

/** One check's adoption, as its registry entry reads it; nothing recorded is "could not test". */
function adoptionOf(dns: Json | null, check: AnyDnsCheck<string>): Adoption {
  const outcome = obj(dns?.[check.key]);
  if (outcome === null) return 'untested';
  return (check.adoption ?? statusAdoption)(outcome as never);
}

/**
 * The adoption of every DNS check of a results line, by key, as each registry entry reads it
 * (`checks`: the registry's table unless a test brings its own). `domainFacts` takes its DNSSEC,
 * SPF, DMARC, TLS-RPT and fallback MTA-STS record columns from here.
 */
export function dnsCheckAdoption(
  line: unknown,
  checks: CheckTable = EVERY_DNS_CHECK,
): Record<CheckKey, Adoption> & Record<string, Adoption> {
  const dns = obj(obj(line)?.dns);
  return Object.fromEntries(checks.map((check) => [check.key, adoptionOf(dns, check)])) as Record<
    CheckKey,
    Adoption
  >;
}

/**
 * A TLSA lookup that failed: a timeout is "could not test"; a SERVFAIL from the validating
 * resolver makes DANE senders defer (RFC 7672 §2.2), so the domain's DANE has errors.
 */
function tlsaLookupFailed(dane: Json): 'temporary' | 'servfail' | null {
  const error = dane.lookupError;
  if (typeof error !== 'string' || error === '') return null;
  return /servfail/i.test(error) ? 'servfail' : 'temporary';
}

function transport(probe: Json | null) {
  const mx = objs(probe?.mx);
  const noMail = probe?.mxStatus === 'null-mx' || probe?.mxStatus === 'none';
  const addresses = mx.flatMap((m) => objs(m.addresses));
  const tested = addresses.filter((a) => a.status === 'pass' || a.status === 'fail');
  const negotiated = tested.map((a) => obj(a.starttls)?.negotiated === true);
  const starttls: Adoption = noMail ? 'absent' : share(negotiated, true);
  const certificates = mx.map((m) => obj(m.certificate)).filter((c): c is Json => c !== null);
  const certValid = certificates.map((c) => c.pkixValid === true && c.hostnameMatch !== 'none');
  const certificate: Adoption =
    starttls === 'untested'
      ? 'untested'
      : certValid.length === 0
        ? 'absent'
        : certValid.every(Boolean)
          ? 'supported'
          : 'errors';
  const danes = mx.map((m) => obj(m.dane)).filter((d): d is Json => d !== null);
  const withTlsa = danes.filter((d) => d.tlsaPresent === true);
  let dane: Adoption = 'absent';
  if (!probe || mx.length === 0) dane = noMail ? 'absent' : 'untested';
  else if (danes.some((d) => tlsaLookupFailed(d) === 'temporary')) dane = 'untested';
  else if (danes.some((d) => tlsaLookupFailed(d) === 'servfail')) dane = 'errors';
  // TLSA without DNSSEC (an unsigned domain or MX zone) is not DANE: senders ignore it
  // (RFC 7672 §2.2), so the domain does not have DANE; it is not "could not test".
  else if (withTlsa.some((d) => d.applicable === true)) {
    const ok = danes.map((d) => d.applicable === true && d.usable === true && d.matched === true);
    const unknown = withTlsa.every((d) => d.matched === null || d.matched === undefined);
    dane = ok.every(Boolean) ? 'supported' : unknown ? 'untested' : 'errors';
  }
  return {
    mx,
    starttls: probe ? starttls : 'untested',
    certificate: probe ? certificate : 'untested',
    dane,
  };
}

function mtaSts(probe: Json | null, dnsRecord: Adoption) {
  const report = obj(probe?.mtaSts);
  const record = obj(report?.record);
  const errors = objs(report?.errors);
  let recordState: Adoption;
  if (record) {
    // No record and a temperror report: the _mta-sts lookup itself failed (issue 14).
    const lookupFailed = record.present !== true && report?.status === 'temperror';
    if (lookupFailed) recordState = 'untested';
    else
      recordState =
        record.present !== true ? 'absent' : record.valid === true ? 'supported' : 'errors';
  } else recordState = dnsRecord;
  const policy = obj(report?.policy);
  const policyErrors = errors.filter(
    (e) => e.category === 'policy-fetch' || e.category === 'policy-syntax',
  );
  let policyState: Adoption = 'absent';
  if (recordState === 'untested' || (recordState !== 'absent' && report?.status === 'temperror'))
    policyState = 'untested';
  else if (recordState !== 'absent')
    policyState = policy && policyErrors.length === 0 ? 'supported' : 'errors';
  const mode = report?.mode;
  const modeState =
    policyState === 'untested'
      ? 'untested'
      : policyState === 'supported' && (mode === 'enforce' || mode === 'testing' || mode === 'none')
        ? mode
        : 'no-policy';
  const kinds = [...new Set(errors.map((e) => `${String(e.category)}/${String(e.kind)}`))];
  return { recordState, policyState, modeState, kinds } as const;
}

function spfAll(outcome: Json | null): DomainFacts['spfAll'] {
  const status = outcome?.status;
  if (status === 'none') return 'no-record';
  if (status === 'temperror' || !outcome) return 'untested';
  if (status === 'permerror') return 'invalid';
  const all = obj(outcome.details)?.allPolicy;
  return all === 'fail' ||
    all === 'softfail' ||
    all === 'neutral' ||
    all === 'pass' ||
    all === 'none'
    ? all
    : 'untested';
}

function dmarcPolicy(outcome: Json | null): DomainFacts['dmarcPolicy'] {
  const status = outcome?.status;
  if (status === 'none') return 'no-record';
  if (status === 'temperror' || !outcome) return 'untested';
  const policy = obj(outcome.details)?.effectivePolicy;
  if (policy === 'reject' || policy === 'quarantine' || policy === 'none') return policy;
  return 'invalid';
}

/**
 * The facts a scan counts of one results line, for the rows of `checks` (the registry's table by
 * default): the registry entries' adoption under their row keys, and the probe's rows.
 */
export function domainFacts(line: unknown, checks: CheckTable = EVERY_DNS_CHECK): DomainFacts {
  const record = obj(line);
  const probe = obj(record?.probe);
  const dns = obj(record?.dns);
  const t = transport(probe);
  const byCheck = dnsCheckAdoption(line, checks);
  const sts = mtaSts(probe, byCheck.mtaSts ?? 'untested');
  const adoption: Record<string, Adoption> = {};
  for (const check of checks)
    if (check.scanRow) adoption[check.scanRow.key ?? check.key] = byCheck[check.key] ?? 'untested';
  Object.assign(adoption, {
    starttls: t.starttls,
    certificate: t.certificate,
    dane: t.dane,
    // The probe read the _mta-sts record again with the policy: its view wins over the DNS one.
    mtaStsRecord: sts.recordState,
    mtaStsPolicy: sts.policyState,
  });
  return {
    mxHosts: t.mx.map((m) => m.host).filter((h): h is string => typeof h === 'string'),
    adoption,
    mtaStsMode: sts.modeState,
    mtaStsErrors: sts.kinds,
    spfAll: spfAll(outcomeIn(dns, 'spf')),
    dmarcPolicy: dmarcPolicy(outcomeIn(dns, 'dmarc')),
  };
}
