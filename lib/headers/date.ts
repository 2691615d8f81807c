// Lenient RFC 5322 date-time parsing for Received headers. Returns ms since epoch or null.
// Accepts: "Mon,  7 Sep 2020 17:43:49 +0200 (CEST)", "30 Jun 2022 22:27:07 -0000",
// two-digit years, obsolete zone names (GMT, UT, EST … Z), asctime-like
// "Fri Feb 07 10:18:12 2003 -0800", and ISO-like "2018-04-22 02:54:17.028704749 +0000 UTC".

import { charCodes } from './char-codes.ts';
import { parseCommonDate, utcMs } from './date-common.ts';
import { ZONES } from './date-zones.ts';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

const ISO_RE =
  /(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?/;

/** Removes parenthesised comments (nesting-aware) from a short date string. */
function stripComments(s: string): string {
  if (!s.includes('(')) return s;
  let out = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth > 0) depth--;
    } else if (depth === 0) out += c;
  }
  return out;
}

export function parseMailDate(input: string | null | undefined): number | null {
  if (typeof input !== 'string') return null;
  const fast = parseCommonDate(input, charCodes(input), 0, input.length);
  return fast !== undefined ? fast : parseLenientDate(input);
}

/**
 * `parseMailDate(s.slice(start, end))`, reading the usual shape in place; `codes` is
 * charCodes(s), and stays as it is.
 */
export function parseMailDateIn(
  s: string,
  codes: Uint8Array,
  start: number,
  end: number,
): number | null {
  const fast = parseCommonDate(s, codes, start, end);
  return fast !== undefined ? fast : parseLenientDate(s.slice(start, end));
}

/** Every other shape: tokens in any order, as the old and odd MTAs write them. */
function parseLenientDate(input: string): number | null {
  const s = stripComments(input.length > 200 ? input.slice(0, 200) : input).trim();
  if (s.length < 8) return null;

  const iso = ISO_RE.exec(s);
  if (iso) {
    let offset = 0;
    const z = iso[7];
    if (z !== undefined && z !== 'Z') {
      const digits = z.replace(':', '');
      const sign = digits[0] === '-' ? -1 : 1;
      offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    return utcMs(
      Number(iso[1]),
      Number(iso[2]) - 1,
      Number(iso[3]),
      Number(iso[4]),
      Number(iso[5]),
      Number(iso[6] ?? 0),
      offset,
    );
  }

  const tokens = s.split(/[\s,]+/);
  let day = -1;
  let month = -1;
  let year = -1;
  let hh = -1;
  let mm = -1;
  let ss = 0;
  let offset: number | null = null;
  for (const tok of tokens) {
    if (tok.length === 0) continue;
    if (tok.includes(':') && hh < 0) {
      const t = tok.split(':');
      const h = Number(t[0]);
      const m = Number(t[1]);
      const sec = t[2] === undefined ? 0 : Number.parseFloat(t[2]);
      if (Number.isInteger(h) && Number.isInteger(m) && !Number.isNaN(sec)) {
        hh = h;
        mm = m;
        ss = Math.floor(sec);
      }
      continue;
    }
    const c = tok.charCodeAt(0);
    if ((c === 43 || c === 45) && /^[+-]\d{4}$/.test(tok)) {
      if (offset === null) {
        const sign = c === 45 ? -1 : 1;
        offset = sign * (Number(tok.slice(1, 3)) * 60 + Number(tok.slice(3, 5)));
      }
      continue;
    }
    if (c >= 48 && c <= 57) {
      if (!/^\d+$/.test(tok)) continue;
      const n = Number(tok);
      if (day < 0 && tok.length <= 2 && month < 0 && year < 0) day = n;
      else if (day < 0 && tok.length <= 2 && month >= 0 && year < 0) day = n;
      else if (year < 0 && (tok.length === 4 || (tok.length <= 2 && day >= 0))) year = n;
      continue;
    }
    const lower = tok.toLowerCase();
    const mon = MONTHS[lower.slice(0, 3)];
    if (mon !== undefined && month < 0 && lower.length >= 3 && /^[a-z]+\.?$/.test(lower)) {
      month = mon;
      continue;
    }
    if (offset === null) {
      const z = ZONES[tok.toUpperCase()];
      if (z !== undefined) offset = z;
    }
  }
  if (day < 1 || month < 0 || year < 0 || hh < 0) return null;
  if (year < 50) year += 2000;
  else if (year < 100) year += 1900;
  return utcMs(year, month, day, hh, mm, ss, offset ?? 0);
}

function pad(n: number, width: number): string {
  const t = String(n);
  return t.length >= width ? t : '0'.repeat(width - t.length) + t;
}

/** "00" … "99", built once: two-digit fields without a String() and a pad per call. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => pad(n, 2));

function two(n: number): string {
  return n >= 0 && n < 100 && Number.isInteger(n) ? (TWO_DIGITS[n] as string) : pad(n, 2);
}

/**
 * `new Date(ms).toISOString()` for years 0–9999, by arithmetic (civil-from-days, H. Hinnant):
 * several times faster than the runtime call, which dominated the per-hop cost.
 */
export function isoFromMs(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rem = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(rem / 3_600_000);
  rem -= hh * 3_600_000;
  const mi = Math.floor(rem / 60_000);
  rem -= mi * 60_000;
  const ss = Math.floor(rem / 1000);
  const msec = rem - ss * 1000;
  if (year >= 1000 && year <= 9999 && Number.isInteger(msec) && msec >= 0) {
    return isoChars(year, month, day, hh, mi, ss, msec);
  }
  const y = year >= 1000 && year <= 9999 ? String(year) : pad(year, 4);
  const ms3 = Number.isInteger(msec) && msec >= 0 && msec < 100 ? `0${two(msec)}` : pad(msec, 3);
  return `${y}-${two(month)}-${two(day)}T${two(hh)}:${two(mi)}:${two(ss)}.${ms3}Z`;
}

/** ASCII digit of n's place (1, 10, 100, 1000). */
function digit(n: number, place: number): number {
  return 48 + (Math.floor(n / place) % 10);
}

/**
 * The usual ISO string (four-digit year, whole milliseconds) as one string of character codes:
 * one allocation instead of a dozen partial concatenations per hop.
 */
function isoChars(
  year: number,
  month: number,
  day: number,
  hh: number,
  mi: number,
  ss: number,
  msec: number,
): string {
  return String.fromCharCode(
    digit(year, 1000),
    digit(year, 100),
    digit(year, 10),
    digit(year, 1),
    45,
    digit(month, 10),
    digit(month, 1),
    45,
    digit(day, 10),
    digit(day, 1),
    84,
    digit(hh, 10),
    digit(hh, 1),
    58,
    digit(mi, 10),
    digit(mi, 1),
    58,
    digit(ss, 10),
    digit(ss, 1),
    46,
    digit(msec, 100),
    digit(msec, 10),
    digit(msec, 1),
    90,
  );
}
