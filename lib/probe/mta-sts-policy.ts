// MTA-STS policy file syntax (RFC 8461 §3.2), with the syntax kinds of the MTA-STS study §4.3.3.

import { trimWsp } from '../checks/wsp.ts';
import { english, type Text, text } from '../score/text.ts';
import { toALabels } from './name-match.ts';
import type { MtaStsError, MtaStsPolicy } from './types.ts';

export const MAX_AGE_LIMIT = 31_557_600; // RFC 8461 §3.2: up to one year

function syntaxError(kind: string, words: Text, evidence?: string): MtaStsError {
  return {
    category: 'policy-syntax',
    kind,
    severity: 'high',
    message: english(words),
    text: words,
    ...(evidence === undefined ? {} : { evidence }),
  };
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why an mx pattern is malformed (email address, trailing dot, empty, bad wildcard), or null. */
export function mxPatternProblem(pattern: string): Text | null {
  if (pattern === '') return text('sts_mx_empty');
  if (pattern.includes('@')) return text('sts_mx_email');
  if (pattern.endsWith('.')) return text('sts_mx_trailing_dot');
  const body = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  if (body.includes('*')) return text('sts_mx_wildcard');
  const labels = body.toLowerCase().split('.');
  if (labels.length < 2) return text('sts_mx_not_fqdn');
  if (!labels.every((label) => LABEL.test(label))) return text('sts_mx_invalid');
  return null;
}

/** sts-policy-ext-name (RFC 8461 §3.2); known field names are %s literals, so case-sensitive. */
const FIELD_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** sts-policy-ext-value: VCHAR or UTF-8, WSP only inside, no CTLs. */
const EXT_VALUE = /^[^\s\p{Cc}](?:(?:[^\p{Cc}]|\t)*[^\s\p{Cc}])?$/u;
const NON_ASCII = /[\u0080-\uffff]/;

interface Parsed {
  policy: MtaStsPolicy;
  /** Any error makes the policy invalid: senders treat it as absent. */
  errors: MtaStsError[];
  /** Points the RFC leaves open (severity low); the policy stays valid. */
  notes: MtaStsError[];
}

/** One `mx:` value: A-labels only (§3.2 MUST), kept in A-label form for matching either way. */
function readMx(value: string, line: string, out: Parsed): void {
  if (NON_ASCII.test(value)) {
    const aLabel = toALabels(value);
    out.errors.push(
      syntaxError(
        'mx',
        aLabel ? text('sts_policy_u_label_named', aLabel) : text('sts_policy_u_label'),
        line,
      ),
    );
    if (aLabel && mxPatternProblem(aLabel) === null) out.policy.mx.push(aLabel);
    return;
  }
  const problem = mxPatternProblem(value);
  if (problem) out.errors.push(syntaxError('mx', problem, line));
  else out.policy.mx.push(value.toLowerCase());
}

function readLine(line: string, seen: Set<string>, out: Parsed): void {
  const { policy, errors } = out;
  // sts-policy-field = name ":" *WSP value, then *WSP: no space before the name or the colon.
  const colon = line.indexOf(':');
  const key = colon < 0 ? '' : line.slice(0, colon);
  const value = trimWsp(line.slice(colon + 1));
  if (colon < 0 || !FIELD_NAME.test(key)) {
    errors.push(syntaxError('line', text('sts_policy_line'), line.slice(0, 120)));
    return;
  }
  if (key !== 'mx' && seen.has(key)) {
    out.notes.push({
      ...syntaxError('duplicate', text('sts_policy_duplicate', key), line),
      severity: 'low',
    });
    return;
  }
  seen.add(key);
  if (key === 'version') policy.version = value;
  else if (key === 'mode') {
    if (value === 'enforce' || value === 'testing' || value === 'none') policy.mode = value;
    else errors.push(syntaxError('mode', text('sts_policy_mode'), line));
  } else if (key === 'max_age') {
    const age = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isNaN(age) || age > MAX_AGE_LIMIT) {
      errors.push(syntaxError('max-age', text('sts_policy_max_age', String(MAX_AGE_LIMIT)), line));
    } else policy.maxAge = age;
  } else if (key === 'mx') readMx(value, line, out);
  else if (!EXT_VALUE.test(value))
    errors.push(syntaxError('line', text('sts_policy_ext_value', key), line));
  // Other keys are extensions: ignored (§3.2 "unknown fields SHALL be ignored").
}

/** Parses the policy body (RFC 8461 §3.2). Blank lines are tolerated (see docs/conformance.md). */
export function parseMtaStsPolicy(raw: string): Parsed {
  const out: Parsed = {
    policy: { version: null, mode: null, maxAge: null, mx: [], raw },
    errors: [],
    notes: [],
  };
  const { policy, errors } = out;
  if (raw.trim() === '') {
    errors.push(syntaxError('empty', text('sts_policy_empty')));
    return out;
  }
  const seen = new Set<string>();
  for (const line of raw.split(/\r?\n/)) {
    if (line.trim() !== '') readLine(line, seen, out);
  }
  if (policy.version !== 'STSv1') {
    errors.push(syntaxError('version', text('sts_policy_version'), policy.version ?? '(missing)'));
  }
  if (!seen.has('mode')) errors.push(syntaxError('mode', text('sts_policy_no_mode')));
  if (!seen.has('max_age')) errors.push(syntaxError('max-age', text('sts_policy_no_max_age')));
  if (policy.mode !== 'none' && policy.mode !== null && !seen.has('mx')) {
    errors.push(syntaxError('mx', text('sts_policy_needs_mx', policy.mode)));
  }
  return out;
}
