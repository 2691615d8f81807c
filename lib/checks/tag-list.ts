// The DKIM tag-list (RFC 6376 §3.2), shared by DKIM-Signature, the DKIM key record and the BIMI
// assertion record (which adopts it):
//
//   tag-list  = tag-spec *( ";" tag-spec ) [ ";" ]
//   tag-spec  = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
//   tag-name  = ALPHA *ALNUMPUNC                      ; ALNUMPUNC = ALPHA / DIGIT / "_"
//   tag-value = [ tval *( 1*(WSP / FWS) tval ) ]
//   tval      = 1*VALCHAR                             ; VALCHAR = %x21-3A / %x3C-7E
//
// "Tags MUST be interpreted in a case-sensitive manner" and a name that occurs twice makes "the
// entire tag-list invalid" (§3.2).

import { trimFws } from './wsp.ts';

export type TagListProblemKind = 'syntax' | 'duplicate';

export interface TagListProblem {
  kind: TagListProblemKind;
  evidence: string;
}

export interface TagList {
  /** Prototype-less, case-sensitive names; the first value of a repeated name. */
  tags: Record<string, string>;
  order: string[];
  problems: TagListProblem[];
  /** No problem: the list as a whole is valid. */
  valid: boolean;
}

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const isFws = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
/** VALCHAR = %x21-3A / %x3C-7E. */
const isValChar = (c: number) => (c >= 0x21 && c <= 0x3a) || (c >= 0x3c && c <= 0x7e);

/**
 * tag-value for a value already trimmed of FWS: every character a VALCHAR or FWS. Checked by a
 * loop over character codes: the signature's b= value is long and read for every message.
 */
function isTagValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isValChar(c) && !isFws(c)) return false;
  }
  return true;
}

/**
 * Parses a tag-list. An empty tag-spec (";;", or a lone ";" at the start) is skipped without a
 * problem: the grammar has none, but verifiers in the field tolerate them (docs/conformance.md).
 */
export function parseTagList(text: string): TagList {
  const list: TagList = { tags: Object.create(null), order: [], problems: [], valid: true };
  for (const spec of text.split(';')) {
    if (trimFws(spec) === '') continue;
    const eq = spec.indexOf('=');
    const name = eq < 0 ? '' : trimFws(spec.slice(0, eq));
    const value = trimFws(spec.slice(eq + 1));
    if (!TAG_NAME.test(name) || !isTagValue(value)) {
      list.problems.push({ kind: 'syntax', evidence: trimFws(spec) });
      continue;
    }
    if (name in list.tags) {
      list.problems.push({ kind: 'duplicate', evidence: trimFws(spec) });
      continue;
    }
    list.tags[name] = value;
    list.order.push(name);
  }
  list.valid = list.problems.length === 0;
  return list;
}

/** A colon-separated tag value (h=, s=, t= of a key; h= of a signature): items without FWS. */
export function colonList(value: string): string[] {
  return value.split(':').map(trimFws);
}

/** base64string = ALPHADIGITPS *([FWS] ALPHADIGITPS) [ [FWS] "=" [ [FWS] "=" ] ] (§2.4). */
export function isBase64String(value: string): boolean {
  let padding = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isFws(c)) continue;
    if (c === 0x3d) padding++;
    else if (padding > 0 || !isBase64Char(c)) return false;
  }
  return padding <= 2;
}

/** ALPHADIGITPS = ALPHA / DIGIT / "+" / "/". */
const isBase64Char = (c: number) =>
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x2b ||
  c === 0x2f;
