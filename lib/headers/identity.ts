// Identities (RFC5322.From, envelope sender, DKIM d=) and DMARC-style alignment (RFC 7489 §3.1)
// on organizational domains from the public suffix list (tldts), never a hand-written list.

import { getDomain, parse } from 'tldts';
import type { Identity } from './message-facts.ts';

/**
 * Public-suffix lookups memoised for one analysis: a message names the same hosts several times.
 * Nothing is kept between calls, so every message pays for its own lookups.
 */
export interface DomainMemo {
  /** Raw or cleaned domain → organizational domain. */
  org: Map<string, string | null>;
  /** Host → organizational domain when under an ICANN suffix, else null. */
  icannOrg: Map<string, string | null>;
}

export function newDomainMemo(): DomainMemo {
  return { org: new Map(), icannOrg: new Map() };
}

/** Lower-cased domain without a trailing dot, or null when it is not a plausible domain. */
export function cleanDomain(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let d = raw.trim().toLowerCase();
  if (d.startsWith('@')) d = d.slice(1);
  if (d.endsWith('.')) d = d.slice(0, -1);
  if (d.length === 0 || d.length > 253 || !/^[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9])?$/.test(d)) {
    return null;
  }
  if (!d.includes('.')) return null;
  return d;
}

/** Organizational domain (registrable domain under the public suffix list), or null. */
export function organizationalDomain(
  domain: string | null | undefined,
  memo?: DomainMemo,
): string | null {
  if (typeof domain !== 'string') return null;
  const cached = memo?.org.get(domain);
  if (cached !== undefined) return cached;
  const d = cleanDomain(domain);
  if (d === null) return null;
  let org: string | null = null;
  try {
    org = getDomain(d) ?? null;
  } catch {
    org = null;
  }
  memo?.org.set(domain, org);
  return org;
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
const SPECIAL = new Set(['"', '(', ')', '<', '>', ',', ';', ':', ' ', '\t', '\\']);

export function parseAddressList(value: string): string[] {
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
    if (a.includes('@') && !/\s/.test(a) && out.length < 32) out.push(a);
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as string;
    if (inQuote) {
      if (c === '\\') i++;
      else if (c === '"') inQuote = false;
      continue;
    }
    if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      continue;
    }
    if (c === '"') {
      inQuote = true;
      continue;
    }
    if (c === '(') {
      depth = 1;
      continue;
    }
    if (c === '<') {
      angle = i;
      continue;
    }
    if (c === '>' && angle !== -1) {
      push(v.slice(angle + 1, i));
      angle = -1;
      token = '';
      continue;
    }
    if (angle !== -1) continue;
    if (c === ',' || c === ';') {
      push(token);
      token = '';
      continue;
    }
    if (c === ':' && !token.includes('@')) {
      token = ''; // group name
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (token.includes('@')) push(token);
      token = '';
      continue;
    }
    // an ordinary run, appended as one slice
    let j = i + 1;
    while (j < v.length && !SPECIAL.has(v[j] as string)) j++;
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
 * (.internal, .local, bare names). One tldts parse gives both answers.
 */
export function icannOrganizationalDomain(host: string, memo?: DomainMemo): string | null {
  const hit = memo?.icannOrg.get(host);
  if (hit !== undefined) return hit;
  const d = cleanDomain(host);
  if (d === null) return null;
  let org: string | null = null;
  try {
    const parsed = parse(d);
    org = parsed.isIcann === true ? (parsed.domain ?? null) : null;
  } catch {
    org = null;
  }
  memo?.icannOrg.set(host, org);
  return org;
}
