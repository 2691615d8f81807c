// The DKIM key record at <selector>._domainkey.<domain> (RFC 6376 §3.6.1, with RFC 8463's
// ed25519 and RFC 8301's hash rules), on the §3.2 tag-list: tag names are case-sensitive,
// keyword values (rsa, sha256, email, y, s) are case-insensitive ABNF literals.
import { colonList, isBase64String, parseTagList } from './tag-list.ts';

export type DkimKeyProblemKind =
  | 'syntax'
  | 'version'
  | 'version-not-first'
  | 'missing-p'
  | 'bad-p'
  | 'key-type'
  | 'hash'
  | 'service';

export interface DkimKeyProblem {
  kind: DkimKeyProblemKind;
  message: string;
  evidence: string;
}

export interface DkimKeyRecord {
  /** k=, lower-cased; "rsa" when absent (§3.6.1). */
  keyType: string;
  /** p= without FWS; '' means revoked. Undefined when missing. */
  publicKey?: string;
  revoked: boolean;
  /** t=y: the domain is testing DKIM. */
  testing: boolean;
  /** t=s: i= must not be a subdomain of d=. */
  strictIdentity: boolean;
  problems: DkimKeyProblem[];
  /** No problem: verifiers can use this key for email (revoked keys are usable records). */
  usable: boolean;
}

/** Key types verifiers know: rsa (§3.6.1) and ed25519 (RFC 8463 §4). */
export const KNOWN_KEY_TYPES = new Set(['rsa', 'ed25519']);

export function parseDkimKeyRecord(text: string): DkimKeyRecord {
  const list = parseTagList(text);
  const tags = list.tags;
  const problems: DkimKeyProblem[] = list.problems.map((p) => ({
    kind: 'syntax',
    message:
      p.kind === 'duplicate'
        ? `"${p.evidence}" repeats a tag: the whole record is invalid (RFC 6376 §3.2).`
        : `"${p.evidence}" is not a tag=value pair (RFC 6376 §3.2).`,
    evidence: p.evidence,
  }));
  const problem = (kind: DkimKeyProblemKind, message: string, evidence: string) =>
    problems.push({ kind, message, evidence });
  if (tags.v !== undefined && tags.v !== 'DKIM1')
    problem(
      'version',
      `v=${tags.v} must be exactly DKIM1; verifiers discard the record.`,
      `v=${tags.v}`,
    );
  else if (tags.v !== undefined && list.order[0] !== 'v')
    problem('version-not-first', 'v=DKIM1 MUST be the first tag of the record.', text);
  const keyType = (tags.k ?? 'rsa').toLowerCase();
  if (!KNOWN_KEY_TYPES.has(keyType))
    problem(
      'key-type',
      `k=${tags.k} is not rsa or ed25519; verifiers ignore the key.`,
      `k=${tags.k}`,
    );
  if (tags.h !== undefined && !colonList(tags.h).some((h) => h.toLowerCase() === 'sha256'))
    problem(
      'hash',
      `h=${tags.h} does not allow sha256, the only hash verifiers accept (RFC 8301 §3.1).`,
      `h=${tags.h}`,
    );
  if (
    tags.s !== undefined &&
    !colonList(tags.s).some((s) => s === '*' || s.toLowerCase() === 'email')
  )
    problem(
      'service',
      `s=${tags.s} excludes email: verifiers do not use the key for mail.`,
      `s=${tags.s}`,
    );
  const flags = colonList(tags.t ?? '').map((f) => f.toLowerCase());
  const record: DkimKeyRecord = {
    keyType,
    revoked: false,
    testing: flags.includes('y'),
    strictIdentity: flags.includes('s'),
    problems,
    usable: false,
  };
  if (tags.p === undefined) problem('missing-p', 'The required p= tag is missing.', text);
  else if (!isBase64String(tags.p))
    problem('bad-p', 'p= is not base64.', `p=${tags.p.slice(0, 40)}`);
  else {
    record.publicKey = tags.p.replace(/[ \t\r\n]+/g, '');
    record.revoked = record.publicKey === '';
  }
  record.usable = problems.length === 0;
  return record;
}
