// The BIMI assertion record (draft-brand-indicators-for-message-identification, "Assertion
// Record"): the RFC 6376 §3.2 tag-list with
//   bimi-version  = %x76 *WSP "=" *WSP %x42.49.4d.49 1DIGIT     ; "v=BIMI1", exact case
//   bimi-location = %x6c *WSP "=" bimi-uri                      ; l=, REQUIRED, may be empty
//   bimi-evidence-location = %x61 *WSP "=" bimi-uri             ; a=, OPTIONAL, may be empty
//   bimi-uri      = [FWS] URI [FWS]                              ; one https URI with an FQDN
// "Mail receivers MUST NOT attempt to fix syntactical or capitalization errors"; unknown tags
// MUST be ignored.
import { parseTagList } from './tag-list.ts';

/** Discovery steps 4 and 6: records that do not start with the version tag are discarded. */
export const BIMI_VERSION = /^v[ \t]*=[ \t]*BIMI1[ \t]*(?:;|$)/;
export const LOOKS_LIKE_BIMI = /^\s*v\s*=\s*bimi/i;

export type BimiProblemKind = 'bad-syntax' | 'bad-location' | 'bad-authority' | 'missing-location';

export interface BimiProblem {
  kind: BimiProblemKind;
  message: string;
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

function httpsUriProblem(value: string): string | null {
  if (value.includes(',')) return 'must be a single URI (commas inside a URI are percent-encoded)';
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:') return 'must use https';
    if (!url.hostname.includes('.')) return 'must name a fully qualified domain';
    return null;
  } catch {
    return 'is not a URI';
  }
}

export function parseBimiRecord(text: string): BimiRecord {
  const list = parseTagList(text);
  const record: BimiRecord = { declined: false, problems: [] };
  const problem = (kind: BimiProblemKind, message: string, evidence: string) =>
    record.problems.push({ kind, message, evidence });
  for (const p of list.problems)
    problem(
      'bad-syntax',
      p.kind === 'duplicate'
        ? `"${p.evidence}" repeats a tag: the whole record is invalid (RFC 6376 §3.2).`
        : `"${p.evidence}" is not a tag=value pair.`,
      p.evidence,
    );
  if (list.order[0] !== 'v' || list.tags.v !== 'BIMI1')
    problem('bad-syntax', 'The record must start with exactly "v=BIMI1".', text);
  const l = list.tags.l;
  const a = list.tags.a ?? '';
  if (l === undefined)
    problem('missing-location', 'The required l= tag is missing (it may be empty).', text);
  if (l) {
    record.location = l;
    const why = httpsUriProblem(l);
    const format = why ? undefined : imageSuffix(l);
    if (why) problem('bad-location', `l=${l} ${why}.`, `l=${l}`);
    else if (format && !REGISTERED_FORMATS.has(format) && OTHER_IMAGE_FORMATS.test(format))
      problem(
        'bad-location',
        `l=${l} names a .${format} image; only SVG is a BIMI format.`,
        `l=${l}`,
      );
  }
  if (a) {
    record.authority = a;
    const why = httpsUriProblem(a);
    if (why) problem('bad-authority', `a=${a} ${why}.`, `a=${a}`);
  }
  record.declined = l === '' && a === '';
  return record;
}
