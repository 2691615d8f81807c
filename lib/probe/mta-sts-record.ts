// The `_mta-sts.<domain>` TXT record for the probe report, with the record error kinds of the
// study §4.3.2. Parsing is lib/checks/mta-sts-txt.ts, the same parser the DNS check uses.

import { readStsRecord, selectStsRecords } from '../checks/mta-sts-txt.ts';
import type { DnsAnswer } from '../dns/types.ts';
import { english, type Text, text } from '../score/text.ts';
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

function recordError(
  kind: string,
  words: Text,
  evidence: string,
  severity: MtaStsError['severity'] = 'high',
): MtaStsError {
  return { category: 'record', kind, severity, message: english(words), text: words, evidence };
}

/** The study's kinds: version, id, extension, multiple (plus the notes that do not invalidate). */
const STUDY_KIND = {
  'bad-syntax': 'extension',
  'bad-extension': 'extension',
  'bad-id': 'id',
  'missing-id': 'id',
  'duplicate-id': 'duplicate-id',
  'lenient-version': 'version',
} as const;

export function assessMtaStsRecord(answer: DnsAnswer<'TXT'>): MtaStsRecord {
  const untested = answer.status === 'servfail' || answer.status === 'temperror';
  const raw = answer.status === 'noerror' ? selectStsRecords(answer.records).records : [];
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
    result.errors.push(recordError('multiple', text('sts_record_multiple'), raw.join(' | ')));
    return result;
  }
  const record = readStsRecord(raw[0] ?? '');
  for (const p of record.problems)
    result.errors.push(
      recordError(STUDY_KIND[p.kind], p.text, p.evidence, p.fatal ? 'high' : 'low'),
    );
  result.id = record.id ?? null;
  result.valid = record.valid;
  return result;
}
