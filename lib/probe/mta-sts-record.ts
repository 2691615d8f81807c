// The `_mta-sts.<domain>` TXT record (RFC 8461 §3.1), with the record errors of the study §4.3.2.
// Minimal on purpose: the full record check belongs to lib/checks; the probe needs presence, id, validity.

import type { DnsAnswer } from '../dns/types.ts';
import type { MtaStsError } from './types.ts';

export interface MtaStsRecord {
  present: boolean;
  raw: string[];
  id: string | null;
  valid: boolean;
  errors: MtaStsError[];
  /** The lookup failed (SERVFAIL, timeout): could not test. */
  untested: boolean;
}

function recordError(kind: string, message: string, evidence?: string): MtaStsError {
  return {
    category: 'record',
    kind,
    severity: 'high',
    message,
    ...(evidence === undefined ? {} : { evidence }),
  };
}

const FIELD = /^([a-zA-Z0-9_.-]{1,32})=([\x21-\x3a\x3c\x3e-\x7e]{1,})$/;

export function assessMtaStsRecord(answer: DnsAnswer<'TXT'>): MtaStsRecord {
  const untested = answer.status === 'servfail' || answer.status === 'temperror';
  const raw =
    answer.status === 'noerror' ? answer.records.filter((t) => t.startsWith('v=STSv1')) : [];
  const result: MtaStsRecord = {
    present: raw.length > 0,
    raw,
    id: null,
    valid: false,
    errors: [],
    untested,
  };
  if (raw.length === 0) return result;
  if (raw.length > 1) {
    result.errors.push(
      recordError(
        'multiple',
        'more than one v=STSv1 record: MTA-STS is treated as absent',
        raw.join(' | '),
      ),
    );
    return result;
  }
  const record = raw[0] ?? '';
  const fields = record
    .split(';')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  for (const field of fields.slice(1)) {
    const match = FIELD.exec(field);
    if (!match) {
      result.errors.push(recordError('extension', 'a field is not key=value', field));
      continue;
    }
    if (match[1] === 'id') {
      if (/^[a-zA-Z0-9]{1,32}$/.test(match[2] ?? '')) result.id = match[2] ?? null;
      else result.errors.push(recordError('id', 'id must be 1 to 32 letters and digits', field));
    }
  }
  if (fields[0] !== 'v=STSv1')
    result.errors.push(recordError('version', 'the record must start with v=STSv1', record));
  if (result.id === null && !result.errors.some((e) => e.kind === 'id')) {
    result.errors.push(recordError('id', 'the id field is missing', record));
  }
  result.valid = result.errors.length === 0;
  return result;
}
