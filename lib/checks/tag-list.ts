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

const isFws = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
/**
 * A run of VALCHAR (%x21-3A / %x3C-7E) and FWS characters from `lastIndex`. Patterns of one
 * character class and one star read each character once and never backtrack, and they run in
 * compiled code at a small fraction of a JavaScript loop's time per character (b= is long).
 */
const VALUE_RUN = /[\x21-\x3a\x3c-\x7e\t\n\r ]*/y;
/**
 * Only VALCHAR, FWS and ";" (the usual list): then every tag-value is made of VALCHAR and FWS,
 * as a value never holds the ";" that ends it, and no value needs a check of its own.
 */
const ONLY_TAG_CHARS = /^[\x21-\x7e\t\n\r ]*$/;
const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** ALNUMPUNC = ALPHA / DIGIT / "_". */
const isAlnumPunc = (c: number) => isAlpha(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/**
 * Parses a tag-list in one pass, judging each tag-spec's grammar as it reads it: no split, and
 * no strings but the names and values kept. An empty tag-spec (";;", or a lone ";" at the start)
 * is skipped without a problem: the grammar has none, but verifiers in the field tolerate them
 * (docs/conformance.md).
 */
export function parseTagList(text: string): TagList {
  const list: TagList = { tags: Object.create(null), order: [], problems: [], valid: true };
  const n = text.length;
  const valuesChecked = ONLY_TAG_CHARS.test(text);
  for (let start = 0; start <= n; ) {
    let end = text.indexOf(';', start);
    if (end === -1) end = n;
    readTagSpec(text, start, end, valuesChecked, list);
    start = end + 1;
  }
  list.valid = list.problems.length === 0;
  return list;
}

/** The tag-spec text[start, end) (between two semicolons) into the list, or its problem. */
function readTagSpec(
  text: string,
  start: number,
  end: number,
  valuesChecked: boolean,
  list: TagList,
): void {
  const first = skipFws(text, start, end);
  if (first === end) return; // an empty tag-spec
  const nameEnd = tagNameEnd(text, first, end);
  const eq = skipFws(text, nameEnd, end);
  if (nameEnd === first || eq === end || text.charCodeAt(eq) !== 0x3d) {
    list.problems.push({ kind: 'syntax', evidence: trimFws(text.slice(first, end)) });
    return;
  }
  const valueStart = skipFws(text, eq + 1, end);
  if (!valuesChecked && !isTagValueRun(text, valueStart, end)) {
    list.problems.push({ kind: 'syntax', evidence: trimFws(text.slice(first, end)) });
    return;
  }
  const name = text.slice(first, nameEnd);
  if (name in list.tags) {
    list.problems.push({ kind: 'duplicate', evidence: trimFws(text.slice(first, end)) });
    return;
  }
  let valueEnd = end;
  while (valueEnd > valueStart && isFws(text.charCodeAt(valueEnd - 1))) valueEnd--;
  list.tags[name] = valueStart === valueEnd ? '' : text.slice(valueStart, valueEnd);
  list.order.push(name);
}

/** tag-value: text[from, end) is VALCHARs and FWS only. */
function isTagValueRun(text: string, from: number, end: number): boolean {
  VALUE_RUN.lastIndex = from;
  VALUE_RUN.test(text);
  return VALUE_RUN.lastIndex === end;
}

function skipFws(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isFws(text.charCodeAt(i))) i++;
  return i;
}

/** End of tag-name = ALPHA *ALNUMPUNC at `from`, or `from` when there is none. */
function tagNameEnd(text: string, from: number, end: number): number {
  if (!isAlpha(text.charCodeAt(from))) return from;
  let i = from + 1;
  while (i < end && isAlnumPunc(text.charCodeAt(i))) i++;
  return i;
}

/** A colon-separated tag value (h=, s=, t= of a key; h= of a signature): items without FWS. */
export function colonList(value: string): string[] {
  return value.split(':').map(trimFws);
}

/**
 * base64string = ALPHADIGITPS *([FWS] ALPHADIGITPS) [ [FWS] "=" [ [FWS] "=" ] ] (§2.4), with FWS
 * also around the whole (values are trimmed of it anyway). One compiled pattern: the b= value is
 * long and judged for every signature. The first class holds neither "=" nor anything after it
 * can match, so a failing text is given back one character at a time, once: linear.
 */
const BASE64 = /^[A-Za-z0-9+/\t\n\r ]*(?:=[\t\n\r ]*){0,2}$/;

export function isBase64String(value: string): boolean {
  return BASE64.test(value);
}
