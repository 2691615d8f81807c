// The MTA-STS TXT record at _mta-sts.<domain> (RFC 8461 §3.1), with one finding code per error
// kind seen in the wild (IMC 2025 §4.3.2: bad version, missing id, bad id, bad extension,
// more than one record), plus whether the policy host mta-sts.<domain> resolves.
import type { DnssecSource } from '../dns/dnssec/types.ts';
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome, Finding } from '../outcome.ts';
import { type Text, text } from '../score/text.ts';
import { integrityOf } from './dnssec-judgement.ts';
import { type FindingCode, issue } from './finding-codes.ts';
import { didNotResolve, isVoid, untested } from './lookup.ts';
import { readStsRecord, type StsRecordProblemKind, selectStsRecords } from './mta-sts-txt.ts';

export interface MtaStsRecordDetails {
  id?: string;
  extensions: Record<string, string>;
  policyHost: string;
  policyHostResolves?: boolean;
  dnssec: boolean;
  /** Who vouched for `dnssec` (the record's integrity): local validation or the resolver. */
  dnssecSource: DnssecSource;
  /** Why local validation did not complete, when the resolver's word stood in. */
  dnssecFallback?: string;
}

const CODES: Record<StsRecordProblemKind, FindingCode> = {
  'bad-syntax': 'mta-sts.record.bad-syntax',
  'bad-extension': 'mta-sts.record.bad-extension',
  'bad-id': 'mta-sts.record.bad-id',
  'missing-id': 'mta-sts.record.missing-id',
  'duplicate-id': 'mta-sts.record.duplicate-id',
  'lenient-version': 'mta-sts.record.lenient-version',
};

const FIXES: Partial<Record<StsRecordProblemKind, Text>> = {
  'bad-id': text('chk_sts_fix_bad_id'),
  'missing-id': text('chk_sts_fix_missing_id'),
  'duplicate-id': text('chk_sts_fix_duplicate_id'),
  'lenient-version': text('chk_sts_fix_lenient'),
};

/** The record as findings: `errors` make it invalid (senders treat MTA-STS as absent), `notes` do not. */
export function parseStsRecord(raw: string): {
  id?: string;
  extensions: Record<string, string>;
  errors: Finding[];
  notes: Finding[];
} {
  const record = readStsRecord(raw);
  const errors: Finding[] = [];
  const notes: Finding[] = [];
  for (const p of record.problems) {
    const fix = FIXES[p.kind];
    const f = issue(CODES[p.kind], p.text, { evidence: p.evidence, ...(fix ? { fix } : {}) });
    (p.fatal ? errors : notes).push(f);
  }
  return {
    ...(record.id !== undefined ? { id: record.id } : {}),
    extensions: record.extensions,
    errors,
    notes,
  };
}

export async function checkMtaStsRecord(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<CheckOutcome<MtaStsRecordDetails>> {
  const opts = signal ? { signal } : {};
  const policyHost = `mta-sts.${domain}`;
  const answer = await dns.query(`_mta-sts.${domain}`, 'TXT', opts);
  if (didNotResolve(answer)) return untested('mta-sts', answer);
  const details: MtaStsRecordDetails = {
    extensions: {},
    policyHost,
    dnssec: answer.authenticData,
    ...integrityOf(answer),
  };
  const { records: sts, lookalikes } = selectStsRecords(answer.records);
  if (sts.length === 0 && lookalikes.length === 0) {
    const f = issue('mta-sts.record.missing', text('chk_sts_missing', domain));
    return { check: 'mta-sts', status: 'none', findings: [f], records: [], details };
  }
  if (sts.length === 0) {
    const f = issue('mta-sts.record.bad-version', text('chk_sts_bad_version'), {
      evidence: lookalikes.join(' | '),
      fix: text('chk_sts_fix_version'),
    });
    return { check: 'mta-sts', status: 'permerror', findings: [f], records: lookalikes, details };
  }
  if (sts.length > 1) {
    const f = issue('mta-sts.record.multiple', text('chk_sts_multiple', String(sts.length)), {
      evidence: sts.join(' | '),
    });
    return { check: 'mta-sts', status: 'permerror', findings: [f], records: sts, details };
  }
  const raw = sts[0] ?? '';
  const parsed = parseStsRecord(raw);
  details.extensions = parsed.extensions;
  if (parsed.id !== undefined) details.id = parsed.id;
  const findings = [...parsed.errors, ...parsed.notes];
  // Only for a record: most domains have none, and this is the round trip after the record's
  // (the same one the MX host addresses take, so the posture still needs two).
  const [hostA, hostAaaa] = await Promise.all([
    dns.query(policyHost, 'A', opts),
    dns.query(policyHost, 'AAAA', opts),
  ]);
  if (!didNotResolve(hostA) && !didNotResolve(hostAaaa)) {
    details.policyHostResolves = !(isVoid(hostA) && isVoid(hostAaaa));
    if (!details.policyHostResolves)
      findings.push(
        issue('mta-sts.policy-host-unresolvable', text('chk_sts_host_unresolvable', policyHost), {
          fix: text('chk_sts_fix_host', policyHost),
        }),
      );
  }
  const status =
    parsed.errors.length > 0 ? 'permerror' : details.policyHostResolves === false ? 'fail' : 'pass';
  return { check: 'mta-sts', status, findings, records: [raw], details };
}
