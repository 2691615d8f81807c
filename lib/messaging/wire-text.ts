// A message key that arrived over the network (the probe service's verdicts and findings).
// Only keys of our own catalogue are accepted, with a bounded shape, so a service cannot make the
// popup show words we did not write: anything else is refused and the caller shows the English.

import type { Param, Text } from '../score/text.ts';
import { SCORE_TEXT_EN } from '../score/text-en.ts';

const MAX_PARAMS = 9;
const MAX_DEPTH = 4;
const MAX_PARAM_LENGTH = 2000;

function readParam(value: unknown, depth: number): Param | null {
  if (typeof value === 'string') return value.length <= MAX_PARAM_LENGTH ? value : null;
  return readText(value, depth + 1);
}

function readText(value: unknown, depth: number): Text | null {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return null;
  const { key, params } = value as { key?: unknown; params?: unknown };
  if (typeof key !== 'string' || !Object.hasOwn(SCORE_TEXT_EN, key)) return null;
  if (!Array.isArray(params) || params.length > MAX_PARAMS) return null;
  const read = params.map((param) => readParam(param, depth));
  return read.every((param) => param !== null) ? { key, params: read as Param[] } : null;
}

/** The Text the service sent, when it is one of ours and well-formed; otherwise null. */
export const readWireText = (value: unknown): Text | null => readText(value, 0);
