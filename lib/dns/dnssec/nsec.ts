// Authenticated denial with NSEC (RFC 4035 §5.4, RFC 4034 §4, wildcards per RFC 4035 §3.1.3).
import type { Denial, DenialQuestion } from './denial.ts';
import { TYPE } from './message.ts';
import { compareNames, isSubdomain, type Name, nameEquals, suffix, wildcardOf } from './names.ts';
import type { Nsec } from './records.ts';

export interface OwnedNsec {
  owner: Name;
  nsec: Nsec;
}

/** owner < name < next in canonical order; the last NSEC of a zone wraps to the apex. */
export function nsecCovers(record: OwnedNsec, name: Name, zone: Name): boolean {
  if (!isSubdomain(name, zone)) return false;
  const afterOwner = compareNames(record.owner, name) < 0;
  const wraps = compareNames(record.nsec.next, record.owner) <= 0;
  if (wraps) return afterOwner;
  return afterOwner && compareNames(name, record.nsec.next) < 0;
}

/**
 * An NSEC at a delegation (NS without SOA) or a DNAME speaks for the parent side only: it cannot
 * deny names below it (RFC 4035 §5.4 note, RFC 6672 §5.3.4.1).
 */
function cannotDenyBelow(record: OwnedNsec, name: Name): boolean {
  if (!isSubdomain(name, record.owner) || nameEquals(name, record.owner)) return false;
  const t = record.nsec.types;
  return (t.has(TYPE.NS) && !t.has(TYPE.SOA)) || t.has(TYPE.DNAME);
}

function commonLabels(a: Name, b: Name): number {
  let n = 0;
  while (n < Math.min(a.length, b.length) && compareNames(suffix(a, n + 1), suffix(b, n + 1)) === 0)
    n++;
  return n;
}

/** The closest encloser a covering NSEC implies: the longer common ancestor with owner or next. */
function closestEncloser(record: OwnedNsec, name: Name): Name {
  const n = Math.max(commonLabels(name, record.owner), commonLabels(name, record.nsec.next));
  return suffix(name, n);
}

function typeAbsent(record: OwnedNsec, type: number): boolean {
  const t = record.nsec.types;
  return !t.has(type) && (type === TYPE.CNAME || !t.has(TYPE.CNAME));
}

function nodataAt(records: readonly OwnedNsec[], q: DenialQuestion): Denial | undefined {
  const exact = records.find((r) => nameEquals(r.owner, q.name));
  if (!exact || !typeAbsent(exact, q.type)) return undefined;
  const t = exact.nsec.types;
  const parentSide = t.has(TYPE.NS) && !t.has(TYPE.SOA);
  // A DS denial must come from the parent side; any other type from the child (or a non-cut).
  if (q.type === TYPE.DS ? t.has(TYPE.SOA) : parentSide) return undefined;
  return { kind: 'nodata', delegation: parentSide };
}

export function proveWithNsec(
  records: readonly OwnedNsec[],
  q: DenialQuestion,
  zone: Name,
): Denial {
  if (!q.nxdomain) {
    const direct = nodataAt(records, q);
    if (direct) return direct;
  }
  const cover = records.find((r) => nsecCovers(r, q.name, zone) && !cannotDenyBelow(r, q.name));
  if (!cover) return { kind: 'unproven' };
  // An empty non-terminal: the name has no records but a descendant does (RFC 4035 §3.1.3.2).
  if (isSubdomain(cover.nsec.next, q.name) && !nameEquals(cover.nsec.next, q.name)) {
    return q.nxdomain ? { kind: 'unproven' } : { kind: 'nodata', delegation: false };
  }
  const encloser = closestEncloser(cover, q.name);
  const wildcard = wildcardOf(encloser);
  if (q.nxdomain) {
    const noWildcard = records.some((r) => nsecCovers(r, wildcard, zone));
    return noWildcard ? { kind: 'nxdomain' } : { kind: 'unproven' };
  }
  const atWildcard = records.find((r) => nameEquals(r.owner, wildcard));
  return atWildcard && typeAbsent(atWildcard, q.type)
    ? { kind: 'wildcard-nodata' }
    : { kind: 'unproven' };
}

/** RFC 4035 §5.3.4: a wildcard answer needs proof that the exact name does not exist. */
export function nsecProvesExpansion(
  records: readonly OwnedNsec[],
  name: Name,
  zone: Name,
): boolean {
  return records.some((r) => nsecCovers(r, name, zone) && !cannotDenyBelow(r, name));
}
