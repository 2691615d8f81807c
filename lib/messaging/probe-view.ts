// What the extension reads from the probe service's answer (GET /v1/domains, POST /v1/assess).
// The answer comes over the network, so every field is checked; anything odd becomes "unknown".
// Field names follow DomainProbeReport (docs/domain-probe-report.schema.json).

import { type Text, text } from '../score/text.ts';
import { type DnssecLabelSource, sourceOf } from './dnssec-label.ts';
import type { AdminFinding, MxVerdictRow, TriState } from './report.ts';
import { readWireText } from './wire-text.ts';

export interface ProbeView {
  domain: string;
  checkedAt: string | null;
  mxStatus: string;
  /** STARTTLS negotiated on every tested MX address. */
  starttls: TriState;
  /** PKIX-valid certificate matching the MX or domain on every MX that did TLS. */
  certificate: TriState;
  /** DANE applicable, usable and matched on every MX. */
  dane: TriState;
  /** Who vouched for the TLSA answers DANE rests on, per MX (the service's own validation). */
  daneDnssec: { source: DnssecLabelSource; fallbacks: string[] }[];
  mtaStsMode: 'enforce' | 'testing' | 'none' | null;
  mtaStsStatus: string;
  mx: MxVerdictRow[];
  findings: AdminFinding[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const SEVERITIES = new Set(['info', 'low', 'medium', 'high', 'critical']);

function allOf(values: (boolean | null)[]): TriState {
  if (values.length === 0 || values.includes(null))
    return values.includes(false) ? 'no' : 'unknown';
  return values.every(Boolean) ? 'yes' : 'no';
}

function finding(value: unknown): AdminFinding | null {
  const f = obj(value);
  if (!f || typeof f.message !== 'string') return null;
  const severity = SEVERITIES.has(str(f.severity))
    ? (f.severity as AdminFinding['severity'])
    : 'info';
  const fix = str(f.fix);
  const worded = readWireText(f.text);
  const fixWorded = fix ? readWireText(f.fixText) : null;
  return {
    code: str(f.code, str(f.kind, 'probe')),
    severity,
    message: f.message,
    ...(fix ? { fix } : {}),
    ...(worded ? { text: worded } : {}),
    ...(fixWorded ? { fixText: fixWorded } : {}),
  };
}

const OUTCOME_KEYS = {
  'authenticated-tls': 'outcome_authenticated_tls',
  'unauthenticated-tls': 'outcome_unauthenticated_tls',
  cleartext: 'outcome_cleartext',
  refuse: 'outcome_refuse',
  untested: 'outcome_untested',
} as const;

/** "outcome: reason", translated where the service sent the reason as one of our keys. */
function senderVerdict(value: unknown): Text {
  const v = obj(value);
  const outcome = str(v?.outcome, 'untested');
  const outcomeKey = Object.hasOwn(OUTCOME_KEYS, outcome)
    ? OUTCOME_KEYS[outcome as keyof typeof OUTCOME_KEYS]
    : null;
  if (!v || !outcomeKey) return text('outcome_untested');
  return text('labelled', text(outcomeKey), readWireText(v.text) ?? str(v.reason));
}

function certificateCell(certificate: Json | null, valid: boolean | null): Text {
  if (!certificate) return text('mx_not_tested');
  if (valid) return text('mx_cert_valid_for', str(certificate.hostnameMatch));
  const errors = arr(certificate.errors)
    .map((e) => str(e))
    .join(', ');
  return text('mx_cert_invalid', errors || text('mx_cert_no_name_match'));
}

function daneCell(dane: Json | null): Text {
  if (!dane) return text('mx_not_tested');
  if (!dane.tlsaPresent) return text('mx_dane_no_tlsa');
  if (!dane.applicable) return text('mx_dane_not_applicable');
  if (dane.matched === true) return text('mx_dane_valid');
  return text(dane.matched === false ? 'mx_dane_mismatch' : 'mx_not_tested');
}

function mtaStsCell(matchesPolicy: unknown): Text {
  if (matchesPolicy === true) return text('mx_sts_listed');
  return text(matchesPolicy === false ? 'mx_sts_not_listed' : 'mx_sts_no_policy');
}

function mxRow(value: unknown): {
  row: MxVerdictRow;
  tls: boolean | null;
  cert: boolean | null;
  dane: boolean | null;
  daneDnssec: ProbeView['daneDnssec'][number] | null;
} | null {
  const mx = obj(value);
  if (!mx || typeof mx.host !== 'string') return null;
  const addresses = arr(mx.addresses)
    .map(obj)
    .filter((a): a is Json => a !== null);
  const tested = addresses.filter((a) => a.status === 'pass' || a.status === 'fail');
  const tls =
    tested.length === 0 ? null : tested.every((a) => obj(a.starttls)?.negotiated === true);
  const certificate = obj(mx.certificate);
  const cert = certificate
    ? certificate.pkixValid === true && certificate.hostnameMatch !== 'none'
    : null;
  const dane = obj(mx.dane);
  const daneOk = !dane
    ? null
    : dane.applicable === true && dane.usable === true
      ? dane.matched === true
        ? true
        : dane.matched === null
          ? null
          : false
      : false;
  const stsMatch = obj(mx.mtaSts)?.matchesPolicy;
  const verdict = obj(mx.verdict);
  const daneSource = sourceOf(dane?.dnssecSource);
  const fallback = dane?.dnssecFallback;
  return {
    tls,
    cert,
    dane: daneOk,
    daneDnssec: daneSource
      ? { source: daneSource, fallbacks: typeof fallback === 'string' ? [fallback] : [] }
      : null,
    row: {
      host: mx.host,
      starttls: tls === null ? 'unknown' : tls ? 'yes' : 'no',
      certificate: certificateCell(certificate, cert),
      dane: daneCell(dane),
      mtaSts: mtaStsCell(stsMatch),
      strictSenders: {
        dane: senderVerdict(verdict?.dane),
        mtaSts: senderVerdict(verdict?.mtaSts),
        opportunistic: senderVerdict(verdict?.opportunistic),
      },
    },
  };
}

/** One entry of the service's `results` array (DomainAssessment), or null when unusable. */
export function readProbeAssessment(value: unknown): ProbeView | null {
  const assessment = obj(value);
  const probe = obj(assessment?.probe);
  const domain = str(assessment?.domain, str(probe?.domain));
  if (!assessment || !domain) return null;
  const rows = arr(probe?.mx)
    .map(mxRow)
    .filter((r) => r !== null);
  const mtaSts = obj(probe?.mtaSts);
  const mode = str(mtaSts?.mode);
  const findings = [
    ...arr(probe?.findings),
    ...arr(mtaSts?.errors),
    ...arr(probe?.mx).flatMap((mx) => arr(obj(mx)?.findings)),
  ]
    .map(finding)
    .filter((f): f is AdminFinding => f !== null);
  return {
    domain: domain.toLowerCase(),
    checkedAt: typeof assessment.checkedAt === 'string' ? assessment.checkedAt : null,
    mxStatus: str(probe?.mxStatus, probe ? 'unknown' : 'not probed'),
    starttls: allOf(rows.map((r) => r.tls)),
    certificate: allOf(rows.map((r) => r.cert)),
    dane: allOf(rows.map((r) => r.dane)),
    daneDnssec: rows.flatMap((r) => (r.daneDnssec ? [r.daneDnssec] : [])),
    mtaStsMode: mode === 'enforce' || mode === 'testing' || mode === 'none' ? mode : null,
    mtaStsStatus: str(mtaSts?.status, 'unknown'),
    mx: rows.map((r) => r.row),
    findings,
  };
}
