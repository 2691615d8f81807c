// One results line as `mailseal scan` writes it: `{"input":…,"facts":{…},…the assessment…}`.
// The facts record (what the summary counts, lib/scan/domain-facts.ts) is made where the
// assessment is (the worker, or the local lane) and written second, right after the input, so
// the coordinator and a resumed scan read a line's input and facts from its first few hundred
// bytes instead of parsing ~26 KB of assessment per domain. The line stays one JSON object.
//
// Facts written by another version are not trusted blindly: a record whose version differs or
// that lacks a row of the current table (a check added since) is read again from the whole line.

import { type CheckTable, EVERY_DNS_CHECK } from '../checks/registry.ts';
import { type TallyEntry, tallyEntryOf } from './adoption-summary.ts';
import { type Adoption, type DomainFacts, summaryRows } from './domain-facts.ts';

/** Bumped whenever what a facts record means changes (how a field is read from the line). */
export const FACTS_VERSION = 1;

/** A results line before it is written: the input first, then the assessment's fields. */
export interface ResultLine {
  /** The domain as written in the input list. */
  input: string;
  [field: string]: unknown;
}

/** A line ready to write (`text`, no newline) with what the summary counts of it. */
export interface ScanRecord {
  input: string;
  text: string;
  entry: TallyEntry;
}

const HEAD = '{"input":';
const FACTS_KEY = ',"facts":';

/** Serialises a line with its facts record second; lines without an assessment have none. */
export function serializeResult(
  line: ResultLine,
  checks: CheckTable = EVERY_DNS_CHECK,
): ScanRecord {
  const { input, facts: _stale, ...rest } = line;
  const entry = tallyEntryOf(rest, checks);
  const restJson = JSON.stringify(rest);
  const tail = restJson === '{}' ? '}' : `,${restJson.slice(1)}`;
  const facts =
    entry.kind === 'assessed'
      ? `${FACTS_KEY}${JSON.stringify({ v: FACTS_VERSION, ...entry.facts })}`
      : '';
  return { input, text: `${HEAD}${JSON.stringify(input)}${facts}${tail}`, entry };
}

/** Index just past the JSON value (string, object or array) that starts at `start`, or -1. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

const rowKeys = new WeakMap<CheckTable, string[]>();
/** The row keys of a table, worked out once per table (this runs once per line). */
function rowKeysOf(checks: CheckTable): string[] {
  let keys = rowKeys.get(checks);
  if (!keys) {
    keys = summaryRows(checks).map((r) => r.key);
    rowKeys.set(checks, keys);
  }
  return keys;
}

const ADOPTION = new Set<unknown>(['supported', 'errors', 'absent', 'untested']);

/** The record holds every row of the current table, in this version's shape. */
function factsFit(facts: unknown, rowKeys: readonly string[]): facts is DomainFacts {
  const f = facts as (DomainFacts & { v?: unknown }) | null;
  if (typeof f !== 'object' || f === null || f.v !== FACTS_VERSION) return false;
  if (!Array.isArray(f.mxHosts) || !Array.isArray(f.mtaStsErrors)) return false;
  const adoption = f.adoption as Record<string, Adoption> | undefined;
  return typeof adoption === 'object' && rowKeys.every((k) => ADOPTION.has(adoption[k]));
}

/**
 * The input and facts of a line from its head alone (`head` may be the line's first few KB):
 * null when the line has no usable facts record there, and the whole line must be parsed.
 */
export function readFactsHead(
  head: string,
  checks: CheckTable = EVERY_DNS_CHECK,
): { input: string; facts: DomainFacts } | null {
  if (!head.startsWith(HEAD)) return null;
  const inputEnd = valueEnd(head, HEAD.length);
  if (inputEnd < 0 || !head.startsWith(FACTS_KEY, inputEnd)) return null;
  const factsEnd = valueEnd(head, inputEnd + FACTS_KEY.length);
  if (factsEnd < 0) return null;
  let parsed: { input?: unknown; facts?: unknown };
  try {
    parsed = JSON.parse(`${head.slice(0, factsEnd)}}`) as typeof parsed;
  } catch {
    return null;
  }
  if (typeof parsed.input !== 'string' || !factsFit(parsed.facts, rowKeysOf(checks))) return null;
  const { v: _v, ...facts } = parsed.facts as DomainFacts & { v: number };
  return { input: parsed.input, facts };
}

/**
 * What the summary counts of one whole line of text (a line from Redis or the results file):
 * from its facts record when it has a usable one, else from the parsed line. Null for a line
 * that is no complete JSON object with an input.
 */
export function readResultText(
  text: string,
  checks: CheckTable = EVERY_DNS_CHECK,
): ScanRecord | null {
  // A complete object ends with its closing brace; a torn line does not.
  if (!text.trimEnd().endsWith('}')) return null;
  const head = readFactsHead(text, checks);
  if (head) return { input: head.input, text, entry: { kind: 'assessed', facts: head.facts } };
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return null;
  }
  const input = (line as { input?: unknown } | null)?.input;
  if (typeof input !== 'string') return null;
  return { input, text, entry: tallyEntryOf(line, checks) };
}
