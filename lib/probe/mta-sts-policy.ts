// MTA-STS policy file syntax (RFC 8461 §3.2), with the syntax kinds of the MTA-STS study §4.3.3.

import type { MtaStsError, MtaStsPolicy } from './types.ts';

export const MAX_AGE_LIMIT = 31_557_600; // RFC 8461 §3.2: up to one year

function syntaxError(kind: string, message: string, evidence?: string): MtaStsError {
  return {
    category: 'policy-syntax',
    kind,
    severity: 'high',
    message,
    ...(evidence === undefined ? {} : { evidence }),
  };
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why an mx pattern is malformed (email address, trailing dot, empty, bad wildcard), or null. */
export function mxPatternProblem(pattern: string): string | null {
  if (pattern === '') return 'empty mx pattern';
  if (pattern.includes('@')) return 'mx pattern is an email address';
  if (pattern.endsWith('.')) return 'mx pattern ends with a dot';
  const body = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  if (body.includes('*')) return 'a wildcard may only be a whole leftmost label';
  const labels = body.toLowerCase().split('.');
  if (labels.length < 2) return 'mx pattern is not a fully qualified host name';
  if (!labels.every((label) => LABEL.test(label))) return 'mx pattern is not a valid host name';
  return null;
}

/** Parses the policy body. A policy with any error is invalid and senders treat it as absent. */
export function parseMtaStsPolicy(raw: string): { policy: MtaStsPolicy; errors: MtaStsError[] } {
  const errors: MtaStsError[] = [];
  const policy: MtaStsPolicy = { version: null, mode: null, maxAge: null, mx: [], raw };
  if (raw.trim() === '') {
    errors.push(syntaxError('empty', 'the policy file is empty'));
    return { policy, errors };
  }
  const seen = new Set<string>();
  for (const line of raw.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      errors.push(syntaxError('line', 'a line is not "key: value"', line.slice(0, 120)));
      continue;
    }
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key !== 'mx' && seen.has(key)) {
      errors.push(syntaxError('duplicate', `the "${key}" field appears twice`, line));
      continue;
    }
    seen.add(key);
    if (key === 'version') policy.version = value;
    else if (key === 'mode') {
      if (value === 'enforce' || value === 'testing' || value === 'none') policy.mode = value;
      else errors.push(syntaxError('mode', 'mode must be enforce, testing or none', line));
    } else if (key === 'max_age') {
      const age = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isNaN(age) || age > MAX_AGE_LIMIT) {
        errors.push(syntaxError('max-age', `max_age must be 0..${MAX_AGE_LIMIT} seconds`, line));
      } else policy.maxAge = age;
    } else if (key === 'mx') {
      const problem = mxPatternProblem(value);
      if (problem) errors.push(syntaxError('mx', problem, line));
      else policy.mx.push(value.toLowerCase());
    }
    // Unknown keys are ignored (RFC 8461 §3.2 allows extensions).
  }
  if (policy.version !== 'STSv1') {
    errors.push(syntaxError('version', 'version must be STSv1', policy.version ?? '(missing)'));
  }
  if (!seen.has('mode')) errors.push(syntaxError('mode', 'the mode field is missing'));
  if (!seen.has('max_age')) errors.push(syntaxError('max-age', 'the max_age field is missing'));
  if (policy.mode !== 'none' && policy.mode !== null && policy.mx.length === 0) {
    errors.push(syntaxError('mx', `mode ${policy.mode} needs at least one mx line`));
  }
  return { policy, errors };
}
