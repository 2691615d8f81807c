// The DKIM key record at <selector>._domainkey.<domain> (RFC 6376 §3.6.1, with RFC 8463's
// ed25519 and RFC 8301's hash rules), on the §3.2 tag-list: tag names are case-sensitive,
// keyword values (rsa, sha256, email, y, s) are case-insensitive ABNF literals.
import { type Text, text } from '../score/text.ts';
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
  /** What is wrong, as a message key (lib/score/text-en.ts). */
  text: Text;
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

export function parseDkimKeyRecord(raw: string): DkimKeyRecord {
  const list = parseTagList(raw);
  const tags = list.tags;
  const problems: DkimKeyProblem[] = list.problems.map((p) => ({
    kind: 'syntax',
    text: text(p.kind === 'duplicate' ? 'chk_tag_repeats' : 'chk_dkim_not_tag_value', p.evidence),
    evidence: p.evidence,
  }));
  const problem = (kind: DkimKeyProblemKind, words: Text, evidence: string) =>
    problems.push({ kind, text: words, evidence });
  if (tags.v !== undefined && tags.v !== 'DKIM1')
    problem('version', text('chk_dkim_version', tags.v), `v=${tags.v}`);
  else if (tags.v !== undefined && list.order[0] !== 'v')
    problem('version-not-first', text('chk_dkim_version_not_first'), raw);
  const keyType = (tags.k ?? 'rsa').toLowerCase();
  if (!KNOWN_KEY_TYPES.has(keyType))
    problem('key-type', text('chk_dkim_key_type', String(tags.k)), `k=${tags.k}`);
  if (tags.h !== undefined && !colonList(tags.h).some((h) => h.toLowerCase() === 'sha256'))
    problem('hash', text('chk_dkim_hash', tags.h), `h=${tags.h}`);
  if (
    tags.s !== undefined &&
    !colonList(tags.s).some((s) => s === '*' || s.toLowerCase() === 'email')
  )
    problem('service', text('chk_dkim_service', tags.s), `s=${tags.s}`);
  const flags = colonList(tags.t ?? '').map((f) => f.toLowerCase());
  const record: DkimKeyRecord = {
    keyType,
    revoked: false,
    testing: flags.includes('y'),
    strictIdentity: flags.includes('s'),
    problems,
    usable: false,
  };
  if (tags.p === undefined) problem('missing-p', text('chk_dkim_missing_p'), raw);
  else if (!isBase64String(tags.p))
    problem('bad-p', text('chk_dkim_bad_p'), `p=${tags.p.slice(0, 40)}`);
  else {
    record.publicKey = tags.p.replace(/[ \t\r\n]+/g, '');
    record.revoked = record.publicKey === '';
  }
  record.usable = problems.length === 0;
  return record;
}
