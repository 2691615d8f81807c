// The BIMI assertion record (draft-brand-indicators-for-message-identification, "Assertion
// Record"): the RFC 6376 §3.2 tag-list with
//   bimi-version  = %x76 *WSP "=" *WSP %x42.49.4d.49 1DIGIT     ; "v=BIMI1", exact case
//   bimi-location = %x6c *WSP "=" bimi-uri                      ; l=, REQUIRED, may be empty
//   bimi-evidence-location = %x61 *WSP "=" bimi-uri             ; a=, OPTIONAL, may be empty
//   bimi-uri      = [FWS] URI [FWS]                              ; one https URI with an FQDN
// "Mail receivers MUST NOT attempt to fix syntactical or capitalization errors"; unknown tags
// MUST be ignored.
import { type Text, text } from '../score/text.ts';
import { parseTagList } from './tag-list.ts';

/** Discovery steps 4 and 6: records that do not start with the version tag are discarded. */
export const BIMI_VERSION = /^v[ \t]*=[ \t]*BIMI1[ \t]*(?:;|$)/;
export const LOOKS_LIKE_BIMI = /^\s*v\s*=\s*bimi/i;

export type BimiProblemKind = 'bad-syntax' | 'bad-location' | 'bad-authority' | 'missing-location';

export interface BimiProblem {
  kind: BimiProblemKind;
  /** What is wrong, as a message key (lib/score/text-en.ts). */
  text: Text;
  evidence: string;
}

export interface BimiRecord {
  location?: string;
  authority?: string;
  /** Both l= and a= empty: an explicit refusal to take part. */
  declined: boolean;
  problems: BimiProblem[];
}

/** Formats of the IANA "BIMI formats" registry: SVG and SVGZ (RFC 6170 §5.2). */
const IMAGE_SUFFIX = /\.([a-z0-9]{2,5})$/i;
const REGISTERED_FORMATS = new Set(['svg', 'svgz']);

/** "If an l= tag URI ends with any other image format suffix … permanent error." */
const OTHER_IMAGE_FORMATS = /^(?:png|jpe?g|gif|bmp|webp|ico|tiff?|avif|heic)$/;

function imageSuffix(uri: string): string | undefined {
  return IMAGE_SUFFIX.exec(new URL(uri).pathname)?.[1]?.toLowerCase();
}

function httpsUriProblem(value: string): Text | null {
  if (value.includes(',')) return text('chk_bimi_why_single');
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:') return text('chk_bimi_why_https');
    if (!url.hostname.includes('.')) return text('chk_bimi_why_fqdn');
    return null;
  } catch {
    return text('chk_bimi_why_not_uri');
  }
}

export function parseBimiRecord(raw: string): BimiRecord {
  const list = parseTagList(raw);
  const record: BimiRecord = { declined: false, problems: [] };
  const problem = (kind: BimiProblemKind, words: Text, evidence: string) =>
    record.problems.push({ kind, text: words, evidence });
  for (const p of list.problems)
    problem(
      'bad-syntax',
      text(p.kind === 'duplicate' ? 'chk_tag_repeats' : 'chk_not_tag_value', p.evidence),
      p.evidence,
    );
  if (list.order[0] !== 'v' || list.tags.v !== 'BIMI1')
    problem('bad-syntax', text('chk_bimi_version'), raw);
  const l = list.tags.l;
  const a = list.tags.a ?? '';
  if (l === undefined) problem('missing-location', text('chk_bimi_missing_l'), raw);
  if (l) {
    record.location = l;
    const why = httpsUriProblem(l);
    const format = why ? undefined : imageSuffix(l);
    if (why) problem('bad-location', text('chk_bimi_bad_uri', 'l', l, why), `l=${l}`);
    else if (format && !REGISTERED_FORMATS.has(format) && OTHER_IMAGE_FORMATS.test(format))
      problem('bad-location', text('chk_bimi_not_svg', l, format), `l=${l}`);
  }
  if (a) {
    record.authority = a;
    const why = httpsUriProblem(a);
    if (why) problem('bad-authority', text('chk_bimi_bad_uri', 'a', a, why), `a=${a}`);
  }
  record.declined = l === '' && a === '';
  return record;
}
