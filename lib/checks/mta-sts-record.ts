// The MTA-STS TXT record at _mta-sts.<domain> (RFC 8461 §3.1), with one finding code per error
// kind seen in the wild (IMC 2025 §4.3.2: bad version, missing id, bad id, bad extension,
// more than one record), plus whether the policy host mta-sts.<domain> resolves.
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome, Finding } from '../outcome.ts';
import { issue } from './finding-codes.ts';
import { didNotResolve, isVoid, untested } from './lookup.ts';

export interface MtaStsRecordDetails {
  id?: string;
  extensions: Record<string, string>;
  policyHost: string;
  policyHostResolves?: boolean;
  dnssec: boolean;
}

const VERSION = /^v=STSv1\s*(;|$)/; // case-sensitive (%s in the ABNF)
const LOOKS_LIKE_STS = /^\s*v\s*=\s*sts/i;
const ID = /^[A-Za-z0-9]{1,32}$/;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

export function parseStsRecord(text: string): {
  id?: string;
  extensions: Record<string, string>;
  errors: Finding[];
} {
  const errors: Finding[] = [];
  const extensions: Record<string, string> = {};
  let id: string | undefined;
  const fields = text.split(';').map((f) => f.trim());
  if (fields[fields.length - 1] === '') fields.pop(); // a trailing delimiter is allowed
  for (const field of fields.slice(1)) {
    const eq = field.indexOf('=');
    if (eq <= 0) {
      errors.push(
        issue('mta-sts.record.bad-syntax', `"${field}" is not a key=value field.`, {
          evidence: field,
        }),
      );
      continue;
    }
    const name = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (name === 'id') {
      if (id !== undefined)
        errors.push(
          issue('mta-sts.record.duplicate-id', 'The record has more than one id field.', {
            evidence: text,
          }),
        );
      id = value;
      if (!ID.test(value))
        errors.push(
          issue('mta-sts.record.bad-id', `id=${value} must be 1 to 32 letters and digits only.`, {
            evidence: field,
            fix: 'Use e.g. a timestamp such as id=20260101T000000 without punctuation: id=20260101000000.',
          }),
        );
    } else if (!EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
      errors.push(
        issue('mta-sts.record.bad-extension', `"${field}" is not a valid extension field.`, {
          evidence: field,
        }),
      );
    } else {
      extensions[name] = value;
    }
  }
  if (id === undefined)
    errors.push(
      issue('mta-sts.record.missing-id', 'The record has no id field.', {
        evidence: text,
        fix: 'Add "id=<1-32 alphanumerics>" and change it whenever the policy changes.',
      }),
    );
  return { ...(id !== undefined ? { id } : {}), extensions, errors };
}

export async function checkMtaStsRecord(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<CheckOutcome<MtaStsRecordDetails>> {
  const opts = signal ? { signal } : {};
  const policyHost = `mta-sts.${domain}`;
  const [answer, hostA, hostAaaa] = await Promise.all([
    dns.query(`_mta-sts.${domain}`, 'TXT', opts),
    dns.query(policyHost, 'A', opts),
    dns.query(policyHost, 'AAAA', opts),
  ]);
  if (didNotResolve(answer)) return untested('mta-sts', answer);
  const details: MtaStsRecordDetails = { extensions: {}, policyHost, dnssec: answer.authenticData };
  const sts = answer.records.filter((r) => VERSION.test(r));
  const lookalikes = answer.records.filter((r) => !VERSION.test(r) && LOOKS_LIKE_STS.test(r));
  if (sts.length === 0 && lookalikes.length === 0) {
    const f = issue(
      'mta-sts.record.missing',
      `${domain} publishes no MTA-STS record: senders cannot require TLS towards it.`,
    );
    return { check: 'mta-sts', status: 'none', findings: [f], records: [], details };
  }
  if (sts.length === 0) {
    const f = issue(
      'mta-sts.record.bad-version',
      'The record does not start with exactly "v=STSv1", so senders treat MTA-STS as absent.',
      {
        evidence: lookalikes.join(' | '),
        fix: 'Start the record with "v=STSv1;" (case-sensitive).',
      },
    );
    return { check: 'mta-sts', status: 'permerror', findings: [f], records: lookalikes, details };
  }
  if (sts.length > 1) {
    const f = issue(
      'mta-sts.record.multiple',
      `${sts.length} MTA-STS records: senders treat MTA-STS as absent.`,
      { evidence: sts.join(' | ') },
    );
    return { check: 'mta-sts', status: 'permerror', findings: [f], records: sts, details };
  }
  const text = sts[0] ?? '';
  const parsed = parseStsRecord(text);
  details.extensions = parsed.extensions;
  if (parsed.id !== undefined) details.id = parsed.id;
  const findings = [...parsed.errors];
  if (!didNotResolve(hostA) && !didNotResolve(hostAaaa)) {
    details.policyHostResolves = !(isVoid(hostA) && isVoid(hostAaaa));
    if (!details.policyHostResolves)
      findings.push(
        issue(
          'mta-sts.policy-host-unresolvable',
          `${policyHost} has no address, so the policy cannot be fetched.`,
          { fix: `Publish A/AAAA (or a CNAME) for ${policyHost}.` },
        ),
      );
  }
  const status =
    parsed.errors.length > 0 ? 'permerror' : details.policyHostResolves === false ? 'fail' : 'pass';
  return { check: 'mta-sts', status, findings, records: [text], details };
}
