// Stars for one category from the support of each protocol. Unknown support is not guessed:
// both answers are tried, and the rating is definite only when they agree.
import type { Finding } from '../outcome.ts';
import { protocolFix, protocolLabel } from './fix-hints.ts';
import {
  type Category,
  lookupRow,
  MECSA_TABLES,
  type Protocol,
  type SupportedSet,
  type TableRow,
} from './mecsa-tables.ts';
import type { SupportStatus } from './support.ts';
import { english, type ScoreTextKey, text } from './text.ts';

export type SupportMap = Readonly<Record<Protocol, SupportStatus>>;

export interface CategoryScore {
  category: Category;
  /** 0–5 in half stars; null when unknown support leaves more than one level possible. */
  stars: number | null;
  /** The range the unknown protocols allow (equal to `stars` when definite). */
  lowest: number;
  highest: number;
  /** The table row that decided (`3.1/4`); null when not definite. */
  row: string | null;
  /** Protocols whose support we could not establish but which would change the level. */
  unknown: Protocol[];
  /** One finding per missing protocol that would raise the level, with a fix hint. */
  deductions: Finding[];
}

/**
 * The ratings already worked out, by category and the support of its protocols. A rating is a
 * pure function of the two, and the extension rates every refinement of a message again (both
 * providers, three channels, three categories each, every unknown protocol tried both ways): in
 * bench:ext's service-worker profile that was the largest item of its own code. Results are
 * shared, so callers must not change them (they are frozen). Bounded: a scan sees few maps.
 */
const RATED = new Map<string, CategoryScore>();
const RATED_MAX = 512;

export function rateCategory(category: Category, support: SupportMap): CategoryScore {
  const key = `${category}|${MECSA_TABLES[category].protocols.map((p) => support[p]).join(',')}`;
  const known = RATED.get(key);
  if (known !== undefined) return known;
  if (RATED.size >= RATED_MAX) RATED.clear();
  const rated = deepFreeze(rateAnew(category, support));
  RATED.set(key, rated);
  return rated;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function rateAnew(category: Category, support: SupportMap): CategoryScore {
  const table = MECSA_TABLES[category];
  const known: SupportedSet = {};
  const unknownCols: Protocol[] = [];
  for (const p of table.protocols) {
    if (support[p] === 'unknown') unknownCols.push(p);
    else known[p] = support[p] === 'supported';
  }
  const rows = new Map<number, TableRow>();
  for (let mask = 0; mask < 1 << unknownCols.length; mask++) {
    const guess: SupportedSet = { ...known };
    unknownCols.forEach((p, i) => {
      guess[p] = (mask & (1 << i)) !== 0;
    });
    const row = lookupRow(table, guess);
    rows.set(row.stars, row);
  }
  const levels = [...rows.keys()];
  const lowest = Math.min(...levels);
  const highest = Math.max(...levels);
  const definite = lowest === highest;
  return {
    category,
    stars: definite ? lowest : null,
    lowest,
    highest,
    row: definite ? (rows.get(lowest)?.id ?? null) : null,
    unknown: definite ? [] : unknownCols,
    deductions: deductionsFor(category, known, lowest),
  };
}

/** Missing protocols that, added alone, would raise the level from `current`. */
function deductionsFor(category: Category, known: SupportedSet, current: number): Finding[] {
  const table = MECSA_TABLES[category];
  const out: Finding[] = [];
  for (const p of table.protocols) {
    if (known[p] !== false) continue;
    const gain = lookupRow(table, { ...known, [p]: true }).stars - current;
    if (gain <= 0) continue;
    const words = text(
      'finding_protocol_missing',
      text(`label_category_${category}` as ScoreTextKey),
      protocolLabel(p),
      String(gain),
    );
    const fix = protocolFix(p);
    out.push({
      code: `score.${category}.${p}-missing`,
      severity: gain >= 2 ? 'high' : gain >= 1 ? 'medium' : 'low',
      message: english(words),
      text: words,
      fix: english(fix),
      fixText: fix,
    });
  }
  return out;
}

/** `★★★½☆` for 3.5; `?` stars are drawn as `·` when unknown. */
export function starGlyphs(stars: number | null): string {
  if (stars === null) return '·····';
  const full = Math.floor(stars);
  const half = stars - full >= 0.5;
  return '★'.repeat(full) + (half ? '½' : '') + '☆'.repeat(5 - full - (half ? 1 : 0));
}
