// When does a sender have an "usual" way of sending? Only when enough messages, spread over
// enough days, agree: otherwise one odd message would look like a downgrade. The rule is data
// (DEFAULT_ESTABLISHED_RULE) so it is documented once and tests can state it.
import type { EstablishedRule, ProfileObservation } from './profile-types.ts';

export interface Pattern<T> {
  value: T;
  /** Observations that showed the value, and how many were known at all. */
  agreeing: number;
  known: number;
  /** First and last day the value was seen. */
  since: number;
  until: number;
}

/**
 * The value at least `minConsistency` of the known observations share, provided at least
 * `minMessages` observations are known and they span at least `minDays` days; null otherwise.
 * `read` returns undefined for an observation that says nothing about this attribute.
 */
export function establishedPattern<T>(
  observations: readonly ProfileObservation[],
  read: (o: ProfileObservation) => T | undefined,
  rule: EstablishedRule,
): Pattern<T> | null {
  const counts = new Map<T, { n: number; first: number; last: number }>();
  let known = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const o of observations) {
    const value = read(o);
    if (value === undefined) continue;
    known++;
    firstDay = Math.min(firstDay, o.day);
    lastDay = Math.max(lastDay, o.day);
    const c = counts.get(value) ?? { n: 0, first: o.day, last: o.day };
    counts.set(value, {
      n: c.n + 1,
      first: Math.min(c.first, o.day),
      last: Math.max(c.last, o.day),
    });
  }
  // Days are counted inclusively: messages on days 1 and 7 span seven days.
  if (known < rule.minMessages || lastDay - firstDay + 1 < rule.minDays) return null;
  for (const [value, c] of counts) {
    if (c.n / known >= rule.minConsistency) {
      return { value, agreeing: c.n, known, since: c.first, until: c.last };
    }
  }
  return null;
}

/** The profile as a whole is established: enough messages over enough days. */
export function isEstablished(
  observations: readonly ProfileObservation[],
  rule: EstablishedRule,
): boolean {
  return establishedPattern(observations, () => true, rule) !== null;
}
