// DKIM-Signature tags (RFC 6376 §3.5, with §3.2 tag-list rules, §6.1.1 verifier checks, RFC 8301
// and RFC 8463 algorithms). Judges the tags only; signature verification is the receiver's job.
import { colonList, isBase64String, parseTagList } from './tag-list.ts';

export interface DkimSignatureTags {
  /** Case-sensitive tag names, first value of each. */
  tags: Record<string, string>;
  /** Why verifiers return PERMFAIL for this signature, without looking at keys or hashes. */
  problems: string[];
  valid: boolean;
}

const REQUIRED = ['v', 'a', 'b', 'bh', 'd', 'h', 's'] as const;
/** RFC 6376 §3.3 rsa-sha256, RFC 8463 ed25519-sha256; rsa-sha1 is out (RFC 8301 §3.1). */
const ALGORITHMS = new Set(['rsa-sha256', 'ed25519-sha256']);
const CANONICALIZATION = /^(?:simple|relaxed)(?:\/(?:simple|relaxed))?$/i;

// The checks below read character codes in place: they run for every signature of every message
// the header engine reads, so they split no strings and run no pattern per label or name.

const isLetDig = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/**
 * How many RFC 5321 sub-domains (Let-dig [Ldh-str]) joined by "." `v` is, or 0 when it is not
 * such a list.
 */
function subDomainCount(v: string): number {
  let labels = 0;
  let start = 0;
  for (let i = 0; i <= v.length; i++) {
    const c = i === v.length ? 0x2e : v.charCodeAt(i);
    if (c === 0x2e) {
      // a label is Let-dig, or Let-dig *(Let-dig / "-") Let-dig
      if (i === start || !isLetDig(v.charCodeAt(i - 1))) return 0;
      labels++;
      start = i + 1;
    } else if (i === start ? !isLetDig(c) : !isLetDig(c) && c !== 0x2d) return 0;
  }
  return labels;
}
/** §3.5 domain-name = sub-domain 1*("." sub-domain): at least two labels. */
const isDomainName = (v: string) => subDomainCount(v) >= 2;
const isSelector = (v: string) => subDomainCount(v) >= 1;

/**
 * h= as items split at ":" with FWS trimmed, every one a §3.5 hdr-name (RFC 5322 §3.6.8
 * field-name: printable ASCII but ":"). FWS, names and ":" are disjoint classes and each
 * repetition needs its ":", so the pattern never backtracks more than once per character.
 */
const HDR_NAMES =
  /^[\t\n\r ]*[\x21-\x39\x3b-\x7e]+(?:[\t\n\r ]*:[\t\n\r ]*[\x21-\x39\x3b-\x7e]+)*[\t\n\r ]*$/;
/** One of the items is From, in any case (only asked of a list of names). */
const FROM_ITEM = /(?:^|:)[\t\n\r ]*from[\t\n\r ]*(?::|$)/i;

/**
 * h=: 'not-names' unless it is a list of header field names, else 'no-from' unless From is one
 * of them. Two patterns rather than a loop over characters: h= lists run to hundreds of
 * characters, and compiled patterns read them at a fraction of a loop's time per character.
 */
function signedFieldsState(h: string): 'ok' | 'no-from' | 'not-names' {
  if (!HDR_NAMES.test(h)) return 'not-names';
  return FROM_ITEM.test(h) ? 'ok' : 'no-from';
}

/** 1*DIGIT of at most `max` digits. */
function isDigits(v: string, max: number): boolean {
  if (v.length === 0 || v.length > max) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function checkAlgorithms(tags: Record<string, string>, problems: string[]): void {
  const a = tags.a?.toLowerCase();
  if (a === undefined) return;
  if (a === 'rsa-sha1')
    problems.push('a=rsa-sha1: verifiers MUST NOT accept rsa-sha1 signatures (RFC 8301 §3.1)');
  else if (!ALGORITHMS.has(a)) problems.push(`a=${tags.a}: unknown signing algorithm (§3.5)`);
  if (tags.c !== undefined && !CANONICALIZATION.test(tags.c))
    problems.push(
      `c=${tags.c}: canonicalization is simple or relaxed, optionally "/" one more (§3.5)`,
    );
  if (tags.q !== undefined && !colonList(tags.q).some((q) => q.toLowerCase().startsWith('dns/txt')))
    problems.push(`q=${tags.q}: no query method verifiers support (dns/txt, §3.5)`);
}

function checkIdentities(tags: Record<string, string>, problems: string[]): void {
  const d = tags.d;
  if (d !== undefined && !isDomainName(d)) problems.push(`d=${d}: not a domain name (§3.5)`);
  if (tags.s !== undefined && !isSelector(tags.s))
    problems.push(`s=${tags.s}: not a selector (§3.1)`);
  if (tags.i !== undefined && d !== undefined) {
    const at = tags.i.lastIndexOf('@');
    const iDomain = tags.i.slice(at + 1).toLowerCase();
    const dl = d.toLowerCase();
    if (at < 0 || !isDomainName(iDomain))
      problems.push(`i=${tags.i}: not [local-part]@domain (§3.5)`);
    else if (iDomain !== dl && !iDomain.endsWith(`.${dl}`))
      problems.push(`i=${tags.i}: its domain is not d=${d} or a subdomain of it (§6.1.1)`);
  }
  if (tags.h !== undefined) {
    const state = signedFieldsState(tags.h);
    if (state === 'not-names')
      problems.push(`h=${tags.h}: not a list of header field names (§3.5)`);
    else if (state === 'no-from')
      problems.push('h= does not include From, which MUST be signed (§5.4, §6.1.1)');
  }
}

function checkNumbers(tags: Record<string, string>, problems: string[]): void {
  const digits = (tag: 'l' | 't' | 'x', max: number) => {
    const v = tags[tag];
    if (v === undefined) return undefined;
    if (isDigits(v, max)) return Number(v);
    problems.push(`${tag}=${v}: must be 1 to ${max} digits (§3.5)`);
    return undefined;
  };
  digits('l', 76);
  const t = digits('t', 12);
  const x = digits('x', 12);
  if (t !== undefined && x !== undefined && x <= t)
    problems.push('x= MUST be greater than t= (§3.5)');
}

export function readDkimSignatureTags(value: string): DkimSignatureTags {
  const list = parseTagList(value);
  const tags = list.tags;
  const problems: string[] = [];
  for (const p of list.problems)
    problems.push(
      p.kind === 'duplicate'
        ? `tag "${p.evidence}" repeated: the whole tag-list is invalid (§3.2)`
        : `"${p.evidence}" is not a tag=value pair (§3.2)`,
    );
  for (const name of REQUIRED)
    if (tags[name] === undefined) problems.push(`missing required tag ${name}=`);
  if (tags.v !== undefined && tags.v !== '1')
    problems.push(`v=${tags.v}: the version MUST be 1 (§3.5)`);
  for (const name of ['b', 'bh'] as const)
    if (tags[name] !== undefined && (tags[name] === '' || !isBase64String(tags[name])))
      problems.push(`${name}= is not base64 (§3.5)`);
  checkAlgorithms(tags, problems);
  checkIdentities(tags, problems);
  checkNumbers(tags, problems);
  return { tags, problems, valid: problems.length === 0 };
}
