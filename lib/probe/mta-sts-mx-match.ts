// RFC-exact MTA-STS mx matching, and why an MX matches no pattern (MTA-STS study §4.4).

import { getDomain, getPublicSuffix } from 'tldts';
import { matchesHostPattern, normalizeHostName } from './name-match.ts';

/** The first policy pattern naming this MX host, or null. `*.x.y` covers exactly one label. */
export function matchingPattern(mxHost: string, patterns: readonly string[]): string | null {
  return patterns.find((pattern) => matchesHostPattern(pattern, mxHost)) ?? null;
}

export type InconsistencyKind = 'tld-mismatch' | 'typo' | '3ld-mismatch' | 'domain-mismatch';

export interface Inconsistency {
  kind: InconsistencyKind;
  pattern: string;
  /** The pattern names the policy host (`mta-sts.`), a common misreading of RFC 8461. */
  containsMtaSts: boolean;
  editDistance: number;
}

/** Levenshtein distance, capped early: we only care whether it is at most a few edits. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const tldtsOptions = { allowPrivateDomains: false };

function withoutSuffix(host: string): string {
  const suffix = getPublicSuffix(host, tldtsOptions) ?? '';
  return suffix && host.endsWith(`.${suffix}`) ? host.slice(0, -suffix.length - 1) : host;
}

/** The pattern as a concrete name for this MX: a wildcard takes the MX's leftmost label. */
function concretePattern(pattern: string, mxHost: string): string {
  if (!pattern.startsWith('*.')) return pattern;
  return `${mxHost.split('.')[0] ?? ''}.${pattern.slice(2)}`;
}

const RANK: Record<InconsistencyKind, number> = {
  'tld-mismatch': 0,
  typo: 1,
  '3ld-mismatch': 2,
  'domain-mismatch': 3,
};

function classifyOne(mxHost: string, pattern: string): Inconsistency {
  const concrete = normalizeHostName(concretePattern(pattern, mxHost));
  const distance = editDistance(mxHost, concrete);
  const containsMtaSts = concrete.split('.').includes('mta-sts');
  const sameRegistrable = getDomain(concrete, tldtsOptions) === getDomain(mxHost, tldtsOptions);
  const sameApartFromTld = withoutSuffix(concrete) === withoutSuffix(mxHost);
  let kind: InconsistencyKind;
  if (sameApartFromTld && !sameRegistrable) kind = 'tld-mismatch';
  else if (containsMtaSts && sameRegistrable) kind = '3ld-mismatch';
  else if (distance <= 3) kind = 'typo';
  else if (sameRegistrable) kind = '3ld-mismatch';
  else kind = 'domain-mismatch';
  return { kind, pattern, containsMtaSts, editDistance: distance };
}

/** The closest explanation over all patterns for an MX host that matches none of them. */
export function classifyInconsistency(
  mxHost: string,
  patterns: readonly string[],
): Inconsistency | null {
  const host = normalizeHostName(mxHost);
  let best: Inconsistency | null = null;
  for (const pattern of patterns) {
    const candidate = classifyOne(host, pattern);
    if (
      !best ||
      RANK[candidate.kind] < RANK[best.kind] ||
      (RANK[candidate.kind] === RANK[best.kind] && candidate.editDistance < best.editDistance)
    ) {
      best = candidate;
    }
  }
  return best;
}
