// The adoption facts of one scanned domain, read defensively from a results line (the JSON the
// service and `mailseal scan` write: DomainProbeReport under `probe`, DomainDnsPosture under
// `dns`). Lines come from files, so every field is checked; anything odd is "could not test".

import type { CheckKey } from '../checks/registry.ts';

/** MECSA's Figure 5 split, plus "could not test" kept apart (it is never "not supported"). */
export type Adoption = 'supported' | 'errors' | 'absent' | 'untested';

export interface DomainFacts {
  mxHosts: string[];
  starttls: Adoption;
  certificate: Adoption;
  dane: Adoption;
  mtaStsRecord: Adoption;
  mtaStsPolicy: Adoption;
  mtaStsMode: 'enforce' | 'testing' | 'none' | 'no-policy' | 'untested';
  /** `category/kind` of each MTA-STS error, once per domain. */
  mtaStsErrors: string[];
  dnssec: Adoption;
  spf: Adoption;
  spfAll: 'fail' | 'softfail' | 'neutral' | 'pass' | 'none' | 'no-record' | 'invalid' | 'untested';
  dmarc: Adoption;
  dmarcPolicy: 'reject' | 'quarantine' | 'none' | 'no-record' | 'invalid' | 'untested';
  tlsRpt: Adoption;
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

/**
 * A DNS check outcome: a valid record is supported, none is absent, permerror is "with errors"
 * (MECSA's split). SPF and DMARC say `fail` for a valid but weak policy (`?all`, `p=none`): that
 * is a published record, so supported here; the qualifier and policy tables show the strength.
 */
function fromStatus(outcome: Json | null): Adoption {
  switch (outcome?.status) {
    case 'pass':
    case 'fail':
      return 'supported';
    case 'none':
      return 'absent';
    case 'permerror':
      return 'errors';
    default:
      return 'untested';
  }
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

function mtaSts(probe: Json | null, dns: Json | null) {
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
  } else recordState = fromStatus(outcomeIn(dns, 'mtaSts'));
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

function dnssec(dns: Json | null): Adoption {
  const state = obj(outcomeIn(dns, 'dnssec')?.details)?.domainSigned;
  if (state === 'secure') return 'supported';
  if (state === 'bogus') return 'errors';
  if (state === 'insecure') return 'absent';
  return 'untested';
}

export function domainFacts(line: unknown): DomainFacts {
  const record = obj(line);
  const probe = obj(record?.probe);
  const dns = obj(record?.dns);
  const t = transport(probe);
  const sts = mtaSts(probe, dns);
  return {
    mxHosts: t.mx.map((m) => m.host).filter((h): h is string => typeof h === 'string'),
    starttls: t.starttls,
    certificate: t.certificate,
    dane: t.dane,
    mtaStsRecord: sts.recordState,
    mtaStsPolicy: sts.policyState,
    mtaStsMode: sts.modeState,
    mtaStsErrors: sts.kinds,
    dnssec: dnssec(dns),
    spf: fromStatus(outcomeIn(dns, 'spf')),
    spfAll: spfAll(outcomeIn(dns, 'spf')),
    dmarc: fromStatus(outcomeIn(dns, 'dmarc')),
    dmarcPolicy: dmarcPolicy(outcomeIn(dns, 'dmarc')),
    tlsRpt: fromStatus(outcomeIn(dns, 'tlsRpt')),
  };
}
