// What the extension reads from the probe service's answer (GET /v1/domains, POST /v1/assess).
// The answer comes over the network, so every field is checked; anything odd becomes "unknown".
// Field names follow DomainProbeReport (docs/domain-probe-report.schema.json).

import { type DnssecLabelSource, sourceOf } from './dnssec-label.ts';
import type { AdminFinding, MxVerdictRow, TriState } from './report.ts';

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
  return {
    code: str(f.code, str(f.kind, 'probe')),
    severity,
    message: f.message,
    ...(fix ? { fix } : {}),
  };
}

function senderVerdict(value: unknown): string {
  const v = obj(value);
  return v ? `${str(v.outcome, 'untested')}: ${str(v.reason)}` : 'untested';
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
      certificate: !certificate
        ? 'not tested'
        : cert
          ? `valid for ${str(certificate.hostnameMatch)}`
          : `invalid (${
              arr(certificate.errors)
                .map((e) => str(e))
                .join(', ') || 'no name match'
            })`,
      dane: !dane
        ? 'not tested'
        : !dane.tlsaPresent
          ? 'no TLSA records'
          : !dane.applicable
            ? 'TLSA without DNSSEC (not applicable)'
            : dane.matched === true
              ? 'valid'
              : dane.matched === false
                ? 'TLSA does not match'
                : 'not tested',
      mtaSts:
        stsMatch === true
          ? 'MX listed in the policy'
          : stsMatch === false
            ? 'MX NOT in the policy'
            : 'no policy',
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
