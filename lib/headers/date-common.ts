// The date shape nearly every MTA writes, "[Day,] D Mon YYYY HH:MM[:SS] ±HHMM", read by one
// scan of char codes. It accepts exactly what the regular expression
//   ^\s*(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([+-])(\d{2})(\d{2})(?:\s|$)
// with a known month name accepts, and the same with a two-digit year after a day name that is
// neither a month nor a zone; everything else goes to the lenient parser in date.ts.

import { isSpaceCode } from './char-codes.ts';
import { ZONES } from './date-zones.ts';

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The digit at codes[i] when i < end, else -1. */
function digitBefore(codes: Uint8Array, end: number, i: number): number {
  if (i >= end) return -1;
  const c = (codes[i] as number) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Month index of three ASCII letters in any case, or -1. */
function monthAt(codes: Uint8Array, i: number): number {
  const key =
    (((codes[i] as number) | 32) << 16) |
    (((codes[i + 1] as number) | 32) << 8) |
    ((codes[i + 2] as number) | 32);
  switch (key) {
    case 0x6a616e: // jan
      return 0;
    case 0x666562:
      return 1;
    case 0x6d6172:
      return 2;
    case 0x617072:
      return 3;
    case 0x6d6179:
      return 4;
    case 0x6a756e:
      return 5;
    case 0x6a756c:
      return 6;
    case 0x617567:
      return 7;
    case 0x736570:
      return 8;
    case 0x6f6374:
      return 9;
    case 0x6e6f76:
      return 10;
    case 0x646563:
      return 11;
    default:
      return -1;
  }
}

/** Days from 1970-01-01 to the first of a month (proleptic Gregorian, H. Hinnant). */
function daysFromCivil(year: number, month0: number): number {
  const y = month0 < 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month0 + 10) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * `Date.UTC(year, month0, day, hh, mm, ss)` for the ranges date.ts accepts (day, hour and second
 * overflow roll over the same way), minus the zone offset; null outside them.
 */
export function utcMs(
  year: number,
  month0: number,
  day: number,
  hh: number,
  mm: number,
  ss: number,
  offsetMinutes: number,
): number | null {
  if (
    year < 1970 ||
    year > 2200 ||
    month0 < 0 ||
    month0 > 11 ||
    day < 1 ||
    day > 31 ||
    hh > 24 ||
    mm > 59 ||
    ss > 60
  ) {
    return null;
  }
  const days = daysFromCivil(year, month0) + day - 1;
  const t = ((days * 24 + hh) * 60 + mm - offsetMinutes) * 60_000 + ss * 1000;
  return Number.isFinite(t) ? t : null;
}

/** The three letters at s[i] name a zone (EST, GMT …) in any case. */
function isZoneName(s: string, i: number): boolean {
  return ZONES[s.slice(i, i + 3).toUpperCase()] !== undefined;
}

/**
 * The offset of a zone name (GMT, UT, EST …) that ends the string at `i`, read exactly as the
 * lenient parser in date.ts would: only when the day name is neither a month nor a zone (that
 * parser takes the first of each) and the year has no two-digit reading. Else undefined.
 */
function namedZone(
  s: string,
  codes: Uint8Array,
  i: number,
  n: number,
  textStart: number,
  dayName: number,
  year: number,
): number | undefined {
  let j = i;
  while (j < n && isAsciiLetter(codes[j] as number)) j++;
  if (j === i || j - i > 4) return undefined;
  const zone = s.slice(i, j).toUpperCase();
  while (j < n && isSpaceCode(codes[j] as number)) j++;
  // (that parser also reads only the first 200 characters)
  if (j < n || n - textStart > 200 || year < 100) return undefined;
  if (dayName !== -1) {
    if (monthAt(codes, dayName) >= 0) return undefined;
    if (isZoneName(s, dayName)) return undefined;
  }
  const offset = ZONES[zone];
  return offset === undefined ? undefined : offset;
}

/** The numbers read so far, filled phase by phase. */
interface DateParts {
  day: number;
  month: number;
  year: number;
  hh: number;
  mm: number;
  ss: number;
}

function skipSpace(codes: Uint8Array, from: number, n: number): number {
  let i = from;
  while (i < n && isSpaceCode(codes[i] as number)) i++;
  return i;
}

/** After whitespace that must be there: the next position, or -1 when there is none. */
function afterRequiredSpace(codes: Uint8Array, i: number, n: number): number {
  return i < n && isSpaceCode(codes[i] as number) ? skipSpace(codes, i + 1, n) : -1;
}

/** Optional day name: three letters, an optional comma, then whitespace; the position after. */
function afterDayName(codes: Uint8Array, i: number, n: number): number {
  if (
    !(
      i + 3 < n &&
      isAsciiLetter(codes[i] as number) &&
      isAsciiLetter(codes[i + 1] as number) &&
      isAsciiLetter(codes[i + 2] as number)
    )
  ) {
    return i;
  }
  let j = i + 3;
  if ((codes[j] as number) === 44) j++;
  return j < n && isSpaceCode(codes[j] as number) ? skipSpace(codes, j, n) : i;
}

/** Day: one or two digits, then whitespace. */
function readDay(codes: Uint8Array, from: number, n: number, p: DateParts): number {
  let i = from;
  let day = digitBefore(codes, n, i);
  if (day < 0) return -1;
  i++;
  const d2 = digitBefore(codes, n, i);
  if (d2 >= 0) {
    day = day * 10 + d2;
    i++;
  }
  p.day = day;
  return afterRequiredSpace(codes, i, n);
}

/** Month: three letters, then whitespace. */
function readMonth(codes: Uint8Array, i: number, n: number, p: DateParts): number {
  if (
    !(
      i + 3 < n &&
      isAsciiLetter(codes[i] as number) &&
      isAsciiLetter(codes[i + 1] as number) &&
      isAsciiLetter(codes[i + 2] as number) &&
      isSpaceCode(codes[i + 3] as number)
    )
  ) {
    return -1;
  }
  p.month = monthAt(codes, i);
  return p.month < 0 ? -1 : skipSpace(codes, i + 3, n);
}

/** Year: four digits, or two (RFC 5322 §4.3: 00–49 are 20xx, 50–99 are 19xx), then whitespace. */
function readYear(
  s: string,
  codes: Uint8Array,
  i: number,
  n: number,
  dayName: number,
  p: DateParts,
): number {
  const y0 = digitBefore(codes, n, i);
  const y1 = digitBefore(codes, n, i + 1);
  if (y0 < 0 || y1 < 0) return -1;
  const y2 = digitBefore(codes, n, i + 2);
  if (y2 < 0) {
    // The lenient parser takes a day name that is a month or a zone as one: leave those to it.
    if (dayName !== -1 && (monthAt(codes, dayName) >= 0 || isZoneName(s, dayName))) return -1;
    const yy = y0 * 10 + y1;
    p.year = yy < 50 ? 2000 + yy : 1900 + yy;
    return afterRequiredSpace(codes, i + 2, n);
  }
  const y3 = digitBefore(codes, n, i + 3);
  if (y3 < 0) return -1;
  p.year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  return afterRequiredSpace(codes, i + 4, n);
}

/** Time: H or HH, ':', MM, optionally ':' SS; then whitespace. */
function readTime(codes: Uint8Array, from: number, n: number, p: DateParts): number {
  let i = from;
  let hh = digitBefore(codes, n, i);
  if (hh < 0) return -1;
  i++;
  const h2 = digitBefore(codes, n, i);
  if (h2 >= 0) {
    hh = hh * 10 + h2;
    i++;
  }
  if (i >= n || (codes[i] as number) !== 58) return -1;
  const m0 = digitBefore(codes, n, i + 1);
  const m1 = digitBefore(codes, n, i + 2);
  if (m0 < 0 || m1 < 0) return -1;
  i += 3;
  let ss = 0;
  if (i < n && (codes[i] as number) === 58) {
    const s0 = digitBefore(codes, n, i + 1);
    const s1 = digitBefore(codes, n, i + 2);
    if (s0 < 0 || s1 < 0) return -1;
    ss = s0 * 10 + s1;
    i += 3;
  }
  p.hh = hh;
  p.mm = m0 * 10 + m1;
  p.ss = ss;
  return afterRequiredSpace(codes, i, n);
}

/** Zone offset in minutes: sign and four digits, then whitespace or the end; undefined if not. */
function numericZone(codes: Uint8Array, i: number, n: number): number | undefined {
  const sign = codes[i] as number;
  const z0 = digitBefore(codes, n, i + 1);
  const z1 = digitBefore(codes, n, i + 2);
  const z2 = digitBefore(codes, n, i + 3);
  const z3 = digitBefore(codes, n, i + 4);
  if (z0 < 0 || z1 < 0 || z2 < 0 || z3 < 0) return undefined;
  if (i + 5 < n && !isSpaceCode(codes[i + 5] as number)) return undefined;
  return (sign === 45 ? -1 : 1) * ((z0 * 10 + z1) * 60 + z2 * 10 + z3);
}

/**
 * ms since epoch (or null when out of range); undefined when s[start, end) is not this shape.
 * `codes` is charCodes(s): the scan reads it, and `s` only for the few names it looks up.
 * The phases each read one part and answer the position after it, or -1 when the text is not
 * this shape.
 */
export function parseCommonDate(
  s: string,
  codes: Uint8Array,
  start: number,
  end: number,
): number | null | undefined {
  const n = end;
  const at = skipSpace(codes, start, n);
  let i = afterDayName(codes, at, n);
  const dayName = i === at ? -1 : at;
  const p: DateParts = { day: 0, month: 0, year: 0, hh: 0, mm: 0, ss: 0 };
  i = readDay(codes, i, n, p);
  if (i >= 0) i = readMonth(codes, i, n, p);
  if (i >= 0) i = readYear(s, codes, i, n, dayName, p);
  if (i >= 0) i = readTime(codes, i, n, p);
  if (i < 0) return undefined;
  const sign = i < n ? (codes[i] as number) : -1;
  const offset =
    sign === 43 || sign === 45
      ? numericZone(codes, i, n)
      : namedZone(s, codes, i, n, start, dayName, p.year);
  return offset === undefined ? undefined : utcMs(p.year, p.month, p.day, p.hh, p.mm, p.ss, offset);
}
