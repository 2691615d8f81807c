// Pure rules every handoff-history store shares, so the CLI's file and the extension's
// browser.storage keep the same bounded, well-formed history: merging one observation into a
// domain's list, capping the number of domains, and checking what comes back from storage
// (a file can be edited or truncated; stored data from an older version can differ).
import { SECURITY_CLASSES } from '../tls/index.ts';
import type { HandoffObservation } from './inputs.ts';

export interface HistoryLimits {
  /** Sender domains kept; the least recently seen are dropped first. */
  maxDomains: number;
  /** Newest observations kept per domain. */
  perDomain: number;
}

/** About 330 bytes of JSON per observation: at most ~13 MB when every bound is reached. */
export const DEFAULT_HISTORY_LIMITS: Readonly<HistoryLimits> = { maxDomains: 200, perDomain: 200 };

/** One history: sender domain → its observations, oldest first. */
export type HistoryByDomain = Readonly<Record<string, readonly HandoffObservation[]>>;

function byTime(a: HandoffObservation, b: HandoffObservation): number {
  return (a.at ?? a.seenAt).localeCompare(b.at ?? b.seenAt);
}

/**
 * The domain's list with `observation` added, ordered by handoff time and cut to the newest
 * `perDomain`; null when the observation is already there (same key) and nothing changes.
 */
export function mergeObservation(
  existing: readonly HandoffObservation[],
  observation: HandoffObservation,
  perDomain: number = DEFAULT_HISTORY_LIMITS.perDomain,
): HandoffObservation[] | null {
  if (existing.some((o) => o.key === observation.key)) return null;
  return [...existing, observation].sort(byTime).slice(-Math.max(1, perDomain));
}

/** When MailSeal last recorded anything for a domain (recording time, not the header's claim). */
export function lastSeen(observations: readonly HandoffObservation[]): string {
  let newest = '';
  for (const o of observations) if (o.seenAt > newest) newest = o.seenAt;
  return newest;
}

/**
 * The history cut to the limits: each domain to its newest `perDomain` observations, and the
 * domains to the `maxDomains` most recently seen. Ties keep the alphabetically first domain so
 * the result does not depend on insertion order.
 */
export function boundHistory(
  history: HistoryByDomain,
  limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
): Record<string, HandoffObservation[]> {
  const perDomain = Math.max(1, limits.perDomain);
  const ranked = Object.entries(history)
    .filter(([, list]) => list.length > 0)
    .map(([domain, list]) => ({ domain, list, seen: lastSeen(list) }))
    .sort((a, b) => b.seen.localeCompare(a.seen) || a.domain.localeCompare(b.domain))
    .slice(0, Math.max(0, limits.maxDomains));
  // fromEntries defines own properties, so a domain named `__proto__` stays plain data.
  return Object.fromEntries(
    ranked.map(({ domain, list }) => [domain, [...list].sort(byTime).slice(-perDomain)]),
  );
}

const CLASSES = new Set<string>(SECURITY_CLASSES);

const isText = (v: unknown): v is string => typeof v === 'string';
const isTextOrNull = (v: unknown): boolean => v === null || typeof v === 'string';

/** True when a stored value has the shape of a HandoffObservation (anything else is dropped). */
export function isHandoffObservation(value: unknown): value is HandoffObservation {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return (
    isText(o.key) &&
    isTextOrNull(o.at) &&
    isText(o.seenAt) &&
    isTextOrNull(o.senderHost) &&
    (o.encrypted === null || typeof o.encrypted === 'boolean') &&
    isTextOrNull(o.tlsVersion) &&
    isTextOrNull(o.cipher) &&
    (o.tlsClass === null || (isText(o.tlsClass) && CLASSES.has(o.tlsClass))) &&
    isTextOrNull(o.spf) &&
    isTextOrNull(o.dkim) &&
    isTextOrNull(o.dmarc)
  );
}

/** The well-formed part of a stored history; unknown shapes give an empty history. */
export function historyFromStored(value: unknown): Record<string, HandoffObservation[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const entries: [string, HandoffObservation[]][] = [];
  for (const [domain, list] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const kept = list.filter(isHandoffObservation);
    if (kept.length > 0) entries.push([domain.toLowerCase(), kept]);
  }
  return Object.fromEntries(entries);
}
