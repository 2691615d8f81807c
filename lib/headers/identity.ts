// Identities (RFC5322.From, envelope sender, DKIM d=) and DMARC-style alignment (RFC 7489 §3.1)
// on organizational domains from the public suffix list (tldts), never a hand-written list.

import { getDomain, parse } from 'tldts';
import type { Identity } from './message-facts.ts';

const orgCache = new Map<string, string | null>();

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
export function organizationalDomain(domain: string | null | undefined): string | null {
  if (typeof domain !== 'string') return null;
  const cached = orgCache.get(domain);
  if (cached !== undefined) return cached;
  const d = cleanDomain(domain);
  if (d === null) return null;
  const hit = orgCache.get(d);
  if (hit !== undefined) {
    orgCache.set(domain, hit);
    return hit;
  }
  let org: string | null = null;
  try {
    org = getDomain(d) ?? null;
  } catch {
    org = null;
  }
  if (orgCache.size > 4096) orgCache.clear();
  orgCache.set(d, org);
  orgCache.set(domain, org);
  return org;
}

export function domainOfAddress(address: string | null | undefined): string | null {
  if (typeof address !== 'string') return null;
  const at = address.lastIndexOf('@');
  if (at === -1) return null;
  return cleanDomain(address.slice(at + 1));
}

export function identityOf(address: string | null, domain?: string | null): Identity {
  const d =
    domain !== undefined && domain !== null ? cleanDomain(domain) : domainOfAddress(address);
  return { address, domain: d, organizationalDomain: organizationalDomain(d) };
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
export function aligned(a: string | null, b: string | null): { relaxed: boolean; strict: boolean } {
  const da = cleanDomain(a);
  const db = cleanDomain(b);
  if (da === null || db === null) return { relaxed: false, strict: false };
  if (da === db) return { relaxed: true, strict: true };
  const oa = organizationalDomain(da);
  return { relaxed: oa !== null && oa === organizationalDomain(db), strict: false };
}

/** True when the host ends in an ICANN public suffix (not .internal, .local, bare names). */
const icannCache = new Map<string, boolean>();

export function isIcannHost(host: string): boolean {
  const hit = icannCache.get(host);
  if (hit !== undefined) return hit;
  const d = cleanDomain(host);
  if (d === null) return false;
  let ok = false;
  try {
    ok = parse(d).isIcann === true;
  } catch {
    ok = false;
  }
  if (icannCache.size > 4096) icannCache.clear();
  icannCache.set(host, ok);
  return ok;
}
