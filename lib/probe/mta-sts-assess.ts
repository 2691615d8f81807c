// The MTA-STS part of the report: record, policy fetch and syntax, then (once the MX are probed)
// inconsistency classes, delivery-failure risk in enforce mode, and third-party hosting.

import type { DnsAnswer, DnsClient } from '../dns/types.ts';
import { english, type Text, text } from '../score/text.ts';
import { fetchMtaStsPolicy } from './mta-sts-fetch.ts';
import { assessHosting } from './mta-sts-hosting.ts';
import { classifyInconsistency, matchingPattern } from './mta-sts-mx-match.ts';
import { parseMtaStsPolicy } from './mta-sts-policy.ts';
import { assessMtaStsRecord } from './mta-sts-record.ts';
import type { MtaStsError, MtaStsReport, MxProbe } from './types.ts';
import type { PolicyContext } from './verdict.ts';

export const POLICY_MAX_BYTES = 64 * 1024;

export interface MtaStsDeps {
  /** For the policy host's addresses only: the _mta-sts record arrives as a fact. */
  dns: DnsClient;
  ca: readonly string[];
  allowLoopback: boolean;
  timeoutMs: number;
  port?: number;
}

/**
 * Record (the `_mta-sts` TXT answer lib/checks looked up) + policy. `policyContext` tells the
 * verdict whether a policy applies at all.
 */
export async function fetchMtaSts(
  domain: string,
  recordAnswer: Promise<DnsAnswer<'TXT'>>,
  deps: MtaStsDeps,
): Promise<MtaStsReport> {
  const record = assessMtaStsRecord(await recordAnswer);
  const report: MtaStsReport = {
    status: 'none',
    record: { present: record.present, raw: record.raw, id: record.id, valid: record.valid },
    policy: null,
    mode: null,
    policyHost: { name: `mta-sts.${domain}`, cnameChain: [], addresses: [], provider: null },
    mxProvider: null,
    errors: [...record.errors],
  };
  if (record.untested) report.status = 'temperror';
  if (!record.present) return report;
  // Fetch even when the record is invalid: the admin wants every broken piece at once.
  const fetched = await fetchMtaStsPolicy(domain, {
    dns: deps.dns,
    ca: deps.ca,
    allowLoopback: deps.allowLoopback,
    timeoutMs: deps.timeoutMs,
    maxBytes: POLICY_MAX_BYTES,
    ...(deps.port === undefined ? {} : { port: deps.port }),
  });
  report.policyHost = { ...report.policyHost, ...fetched.host, provider: null };
  if (!fetched.ok) {
    report.errors.push(fetched.error);
    report.status = fetched.untested ? 'temperror' : 'permerror';
    return report;
  }
  const parsed = parseMtaStsPolicy(fetched.body);
  report.policy = parsed.policy;
  report.errors.push(...parsed.errors, ...parsed.notes);
  if (parsed.errors.length === 0) report.mode = parsed.policy.mode;
  // Low-severity record notes (duplicate id, space before ";") leave the record valid (§3.1).
  const invalid = report.errors.some((e) => e.severity !== 'low') || !record.valid;
  report.status = invalid ? 'permerror' : 'pass';
  return report;
}

/** Whether a valid policy applies, and whether this MX matches it. */
export function policyContext(report: MtaStsReport, mxHost: string): PolicyContext {
  if (!report.record.present || !report.record.valid) {
    const detail = text(report.record.present ? 'sts_ctx_record_invalid' : 'sts_ctx_no_record');
    return { state: 'absent', mode: null, matchesPolicy: null, detail };
  }
  if (!report.policy || report.mode === null) {
    const first = report.errors.find(
      (e) => e.category === 'policy-fetch' || e.category === 'policy-syntax',
    );
    const detail = text('sts_ctx_no_policy', first?.kind ?? 'unknown');
    return { state: 'unavailable', mode: null, matchesPolicy: null, detail };
  }
  const matches = matchingPattern(mxHost, report.policy.mx) !== null;
  return {
    state: 'valid',
    mode: report.mode,
    matchesPolicy: report.mode === 'none' ? null : matches,
    detail: '',
  };
}

function mxError(
  kind: string,
  severity: MtaStsError['severity'],
  words: Text,
  extra: Partial<MtaStsError> = {},
): MtaStsError {
  return { category: 'mx-certificate', kind, severity, ...said(words), ...extra };
}

/** An error's words: the key to translate, and its English for JSON readers and the CLI. */
const said = (words: Text) => ({ message: english(words), text: words });

/** Adds the cross-component errors once every MX has been probed. */
export function finishMtaSts(
  report: MtaStsReport,
  domain: string,
  mx: readonly MxProbe[],
): MtaStsReport {
  const hosting = assessHosting(
    domain,
    report.policyHost.cnameChain,
    mx.map((m) => m.host),
  );
  report.policyHost.provider = hosting.policyProvider;
  report.mxProvider = hosting.mxProvider;
  if (!report.policy || report.mode === null) return report;
  const enforce = report.mode === 'enforce';
  const severity = enforce ? 'critical' : 'medium';
  for (const probe of mx) {
    if (probe.mtaSts.matchesPolicy !== false) continue;
    const why = classifyInconsistency(probe.host, report.policy.mx);
    if (!why) continue;
    const key = why.containsMtaSts ? 'sts_inconsistency_policy_host' : 'sts_inconsistency';
    report.errors.push({
      category: 'inconsistency',
      kind: why.kind,
      severity,
      ...said(text(key, probe.host, why.kind, why.pattern)),
      evidence: `${probe.host} vs ${why.pattern} (edit distance ${why.editDistance})`,
      mx: probe.host,
    });
  }
  const tested = mx.filter((probe) => probe.addresses.some((a) => a.status !== 'temperror'));
  const invalid = tested.filter((probe) => probe.certificate && !probe.certificate.pkixValid);
  if (invalid.length > 0) {
    const all = invalid.length === tested.length;
    report.errors.push(
      mxError(
        all ? 'pkix-invalid-all' : 'pkix-invalid-some',
        severity,
        text(
          all
            ? enforce
              ? 'sts_pkix_invalid_all_enforce'
              : 'sts_pkix_invalid_all'
            : enforce
              ? 'sts_pkix_invalid_some_enforce'
              : 'sts_pkix_invalid_some',
        ),
        { evidence: invalid.map((p) => p.host).join(', ') },
      ),
    );
  }
  for (const probe of tested) {
    const noTls = probe.addresses.every(
      (a) => a.status === 'temperror' || !a.starttls.offered || !a.starttls.negotiated,
    );
    if (noTls)
      report.errors.push(
        mxError('no-starttls', severity, text('sts_mx_no_starttls', probe.host), {
          mx: probe.host,
        }),
      );
  }
  if (hosting.differentProviders) {
    report.errors.push({
      category: 'hosting',
      kind: 'different-providers',
      severity: 'low',
      ...said(text('sts_hosting', String(hosting.policyProvider), String(hosting.mxProvider))),
      evidence: report.policyHost.cnameChain.join(' → '),
    });
  }
  if (
    report.status === 'pass' &&
    report.errors.some((e) => e.category === 'inconsistency' || e.category === 'mx-certificate')
  ) {
    report.status = 'fail';
  }
  return report;
}
