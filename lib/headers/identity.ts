// Identities (RFC5322.From, envelope sender, DKIM d=) and DMARC-style alignment (RFC 7489 §3.1)
// on organizational domains from the public suffix list (tldts), never a hand-written list.

import { parse } from 'tldts';
import { isSpace } from './cfws.ts';
import type { Identity } from './message-facts.ts';

function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/**
 * A plausible lower-case domain: 1 to 253 characters, [a-z0-9_] first, [a-z0-9_.-] inside,
 * [a-z0-9] last, and at least one dot.
 */
function isPlausibleDomain(d: string): boolean {
  const n = d.length;
  if (n === 0 || n > 253) return false;
  const first = d.charCodeAt(0);
  if (first === 46 || first === 45) return false;
  const last = d.charCodeAt(n - 1);
  if (n > 1 && (last === 46 || last === 45 || last === 95)) return false;
  let dot = false;
  for (let i = 0; i < n; i++) {
    const c = d.charCodeAt(i);
    if (!isDomainChar(c)) return false;
    if (c === 46) dot = true;
  }
  return dot;
}

/** Lower-cased domain without a trailing dot, or null when it is not a plausible domain. */
export function cleanDomain(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  // The usual case: already plausible, so there is nothing to trim, lower-case or strip.
  if (isPlausibleDomain(raw)) return raw;
  let d = raw.trim().toLowerCase();
  if (d.startsWith('@')) d = d.slice(1);
  if (d.endsWith('.')) d = d.slice(0, -1);
  return isPlausibleDomain(d) ? d : null;
}

/** What the public suffix list says about one domain. */
interface SuffixFacts {
  /** Registrable (organizational) domain, or null. */
  org: string | null;
  /** The domain ends in an ICANN suffix (not .internal, .local, bare names). */
  icann: boolean;
}

/**
 * Public-suffix lookups memoised for one analysis (a message names the same hosts several
 * times), keyed by the domain as written; null marks an implausible domain. Nothing is kept
 * between calls, so every message pays for its own lookups.
 */
export type DomainMemo = Map<string, SuffixFacts | null>;

export function newDomainMemo(): DomainMemo {
  return new Map();
}

/** One tldts parse gives both the organizational domain and the ICANN check. */
function suffixFacts(raw: string, memo: DomainMemo | undefined): SuffixFacts | null {
  const hit = memo?.get(raw);
  if (hit !== undefined) return hit;
  const d = cleanDomain(raw);
  let facts: SuffixFacts | null = null;
  if (d !== null) {
    try {
      const parsed = parse(d);
      facts = { org: parsed.domain ?? null, icann: parsed.isIcann === true };
    } catch {
      facts = { org: null, icann: false };
    }
  }
  memo?.set(raw, facts);
  return facts;
}

/**
 * Whether the organizational domain of `raw` can be one of `orgs`. That domain is always the
 * cleaned name itself or a suffix of it at a label boundary, so a name under none of `orgs`
 * needs no public-suffix lookup to answer "is its organization one of these?".
 */
export function orgMayBeIn(raw: string, orgs: ReadonlySet<string>): boolean {
  const d = cleanDomain(raw);
  if (d === null) return false;
  for (const o of orgs) {
    if (d === o) return true;
    const at = d.length - o.length - 1;
    if (at >= 0 && d.charCodeAt(at) === 46 && d.endsWith(o)) return true;
  }
  return false;
}

/** Organizational domain (registrable domain under the public suffix list), or null. */
export function organizationalDomain(
  domain: string | null | undefined,
  memo?: DomainMemo,
): string | null {
  if (typeof domain !== 'string') return null;
  return suffixFacts(domain, memo)?.org ?? null;
}

export function domainOfAddress(address: string | null | undefined): string | null {
  if (typeof address !== 'string') return null;
  const at = address.lastIndexOf('@');
  if (at === -1) return null;
  return cleanDomain(address.slice(at + 1));
}

export function identityOf(
  address: string | null,
  domain?: string | null,
  memo?: DomainMemo,
): Identity {
  const d =
    domain !== undefined && domain !== null ? cleanDomain(domain) : domainOfAddress(address);
  return { address, domain: d, organizationalDomain: organizationalDomain(d, memo) };
}

/**
 * Mailbox addresses in an address-list header (From, To, Delivered-To). Display names, comments,
 * quoted strings, group syntax and source routes (`<@a,@b:user@c>`) are skipped.
 */
/** '"' ( ) < > , ; : space tab backslash: the characters that end an ordinary run. */
function isSpecial(c: number): boolean {
  switch (c) {
    case 34:
    case 40:
    case 41:
    case 60:
    case 62:
    case 44:
    case 59:
    case 58:
    case 32:
    case 9:
    case 92:
      return true;
    default:
      return false;
  }
}

/** `/\s/.test(s)`, by char codes. */
function hasSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isSpace(s.charCodeAt(i))) return true;
  return false;
}

/** `max` caps the list: a caller that reads only the first address stops the scan there. */
export function parseAddressList(value: string, max = 32): string[] {
  const out: string[] = [];
  const v = value.length > 4096 ? value.slice(0, 4096) : value;
  let depth = 0;
  let inQuote = false;
  let angle = -1;
  let token = '';
  const push = (raw: string): void => {
    let a = raw.trim();
    const colon = a.lastIndexOf(':');
    if (a.startsWith('@') && colon !== -1) a = a.slice(colon + 1); // source route
    if (out.length < max && a.includes('@') && !hasSpace(a)) out.push(a);
  };
  for (let i = 0; i < v.length && out.length < max; i++) {
    const c = v.charCodeAt(i);
    if (inQuote) {
      if (c === 92) i++;
      else if (c === 34) inQuote = false;
      continue;
    }
    if (depth > 0) {
      if (c === 40) depth++;
      else if (c === 41) depth--;
      continue;
    }
    if (c === 34) {
      inQuote = true;
      continue;
    }
    if (c === 40) {
      depth = 1;
      continue;
    }
    if (c === 60) {
      angle = i;
      continue;
    }
    if (c === 62 && angle !== -1) {
      push(v.slice(angle + 1, i));
      angle = -1;
      token = '';
      continue;
    }
    if (angle !== -1) continue;
    if (c === 44 || c === 59) {
      push(token);
      token = '';
      continue;
    }
    if (c === 58 && !token.includes('@')) {
      token = ''; // group name
      continue;
    }
    if (c === 32 || c === 9) {
      if (token.includes('@')) push(token);
      token = '';
      continue;
    }
    // an ordinary run, appended as one slice
    let j = i + 1;
    while (j < v.length && !isSpecial(v.charCodeAt(j))) j++;
    token += v.slice(i, j);
    i = j - 1;
  }
  if (angle === -1) push(token);
  return out;
}

/** Relaxed: same organizational domain. Strict: identical domains. */
export function aligned(
  a: string | null,
  b: string | null,
  memo?: DomainMemo,
): { relaxed: boolean; strict: boolean } {
  const da = cleanDomain(a);
  const db = cleanDomain(b);
  if (da === null || db === null) return { relaxed: false, strict: false };
  if (da === db) return { relaxed: true, strict: true };
  const oa = organizationalDomain(da, memo);
  return { relaxed: oa !== null && oa === organizationalDomain(db, memo), strict: false };
}

/**
 * Organizational domain of a host under an ICANN public suffix; null for private names
 * (.internal, .local, bare names).
 */
export function icannOrganizationalDomain(host: string, memo?: DomainMemo): string | null {
  const facts = suffixFacts(host, memo);
  return facts?.icann === true ? facts.org : null;
}
