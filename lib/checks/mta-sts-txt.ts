// The one parser of the MTA-STS TXT record at _mta-sts.<domain> (RFC 8461 §3.1), used by the DNS
// check (lib/checks/mta-sts-record.ts) and by the probe (lib/probe/mta-sts-record.ts).
//
//   sts-text-record  = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
//   sts-field        = sts-id / sts-extension
//   sts-field-delim  = *WSP ";" *WSP
//   sts-version      = %s"v=STSv1"
//   sts-id           = %s"id=" 1*32(ALPHA / DIGIT)
//   sts-extension    = sts-ext-name "=" sts-ext-value
//   sts-ext-name     = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
//   sts-ext-value    = 1*(%x21-3A / %x3C / %x3E-7E)
import { english, type Text, text } from '../score/text.ts';
import { trimWsp } from './wsp.ts';

/** sts-version then a delimiter or the end. `%s` makes "v=STSv1" case-sensitive. */
export const STS_VERSION = /^v=STSv1[ \t]*(?:;|$)/;
/** What an admin meant as an MTA-STS record, spelt wrongly: reported, never used. */
export const LOOKS_LIKE_STS = /^\s*v\s*=\s*sts/i;

const ID = /^[A-Za-z0-9]{1,32}$/;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

export type StsRecordProblemKind =
  | 'bad-syntax'
  | 'bad-extension'
  | 'bad-id'
  | 'missing-id'
  | 'duplicate-id'
  | 'lenient-version';

export interface StsRecordProblem {
  kind: StsRecordProblemKind;
  /** The English of `text`, for the CLI and JSON readers. */
  message: string;
  /** The problem as a message key, so the extension words it in the reader's language. */
  text: Text;
  evidence: string;
  /** True when the record is invalid: senders MUST then treat MTA-STS as absent (§3.1). */
  fatal: boolean;
  /** A bad id that still parses as an sts-extension field. */
  asExtension?: boolean;
}

export interface StsRecord {
  /** The first sts-id of the record. */
  id?: string;
  extensions: Record<string, string>;
  problems: StsRecordProblem[];
  valid: boolean;
}

/** A problem's words: the key to translate, and its English. */
const said = (words: Text) => ({ message: english(words), text: words });

/** §3.1: TXT records that do not begin with the version are discarded before counting. */
export function selectStsRecords(texts: readonly string[]): {
  records: string[];
  lookalikes: string[];
} {
  const records = texts.filter((t) => STS_VERSION.test(t));
  const lookalikes = texts.filter((t) => !STS_VERSION.test(t) && LOOKS_LIKE_STS.test(t));
  return { records, lookalikes };
}

function readField(field: string, record: StsRecord, ids: string[]): void {
  const problem = (kind: StsRecordProblemKind, words: Text, fatal = true) =>
    record.problems.push({ kind, ...said(words), evidence: field, fatal });
  const eq = field.indexOf('=');
  const name = eq > 0 ? field.slice(0, eq) : '';
  const value = field.slice(eq + 1);
  if (name === 'id' && ID.test(value)) {
    ids.push(value);
    return;
  }
  if (name === 'id') {
    // With a valid value it is still an sts-extension named "id": fatal only if no real id.
    record.problems.push({
      kind: 'bad-id',
      ...said(text('chk_sts_bad_id', value)),
      evidence: field,
      fatal: true,
      ...(EXT_VALUE.test(value) ? { asExtension: true } : {}),
    });
    return;
  }
  if (eq <= 0) {
    problem('bad-syntax', text('chk_not_key_value', field));
    return;
  }
  if (!EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
    problem('bad-extension', text('chk_bad_extension', field));
    return;
  }
  // §3.2: unknown fields SHALL be ignored; kept for display.
  record.extensions[name] = value;
}

/** Parses one record that `STS_VERSION` selected. */
export function readStsRecord(raw: string): StsRecord {
  const record: StsRecord = { extensions: {}, problems: [], valid: false };
  const [version = '', ...fields] = raw.split(';').map(trimWsp);
  if (fields[fields.length - 1] === '' && fields.length > 0) fields.pop(); // [sts-field-delim]
  if (version !== 'v=STSv1' || !STS_VERSION.test(raw))
    record.problems.push({
      kind: 'bad-syntax',
      ...said(text('chk_sts_version')),
      evidence: raw,
      fatal: true,
    });
  else if (!raw.startsWith('v=STSv1;'))
    record.problems.push({
      kind: 'lenient-version',
      ...said(text('chk_sts_lenient_version')),
      evidence: raw,
      fatal: false,
    });
  const ids: string[] = [];
  for (const field of fields) readField(field, record, ids);
  if (ids.length === 0 && !record.problems.some((p) => p.kind === 'bad-id'))
    record.problems.push({
      kind: 'missing-id',
      ...said(text('chk_sts_missing_id')),
      evidence: raw,
      fatal: true,
    });
  if (ids.length > 1)
    record.problems.push({
      kind: 'duplicate-id',
      ...said(text('chk_sts_duplicate_id', String(ids.length))),
      evidence: raw,
      fatal: false,
    });
  if (ids[0] !== undefined) record.id = ids[0];
  // A bad id beside a good one is an extension field named "id": the record stays valid.
  const fatal = record.problems.filter((p) => p.fatal && !(p.asExtension && ids.length > 0));
  for (const p of record.problems) if (p.asExtension && ids.length > 0) p.fatal = false;
  record.valid = fatal.length === 0;
  return record;
}
