// RFC 7208 §4.6.1 / §12 record grammar: parse an SPF record into terms, reporting every
// syntax error with its own finding code.
import type { Finding } from '../../outcome.ts';
import { type Text, text } from '../../score/text.ts';
import { type FindingCode, issue } from '../finding-codes.ts';

export type Qualifier = '+' | '-' | '~' | '?';
export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface Mechanism {
  kind: 'mechanism';
  qualifier: Qualifier;
  name: MechanismName;
  /** domain-spec, or the address for ip4/ip6. */
  target?: string;
  text: string;
}

export interface Modifier {
  kind: 'modifier';
  name: string;
  value: string;
  text: string;
}

export type SpfTerm = Mechanism | Modifier;

export interface ParsedSpf {
  terms: SpfTerm[];
  errors: Finding[];
}

export const SPF_VERSION = /^v=spf1(?: |$)/i;

/**
 * macro-expand (RFC 7208 §7.1): "%{" letter transformers *delimiter "}" / "%%" / "%_" / "%-".
 * Letters and the "r" transformer are case-insensitive ABNF literals; a DIGIT transformer MUST be
 * nonzero (§7.3).
 */
const MACRO_AT = /%\{([slodiphcrtv])(?:[1-9]\d*)?r?[.\-+,/_=]*\}|%%|%_|%-/iy;
const TOPLABEL = /^(?=.*[a-z])[a-z0-9]+(?:-[a-z0-9-]*[a-z0-9])?$|^[a-z0-9]+-[a-z0-9-]*[a-z0-9]$/i;
/** §7.3: c, r and t are allowed only in "exp" text, never in a domain-spec. */
const EXP_ONLY_LETTERS = /^[crt]$/i;

interface MacroString {
  error?: FindingCode;
  /** Macro letters used, in order. */
  letters: string[];
  /** The literal text after the last macro-expand ('' when the string ends with one). */
  tail: string;
}

/** macro-string = *( macro-expand / macro-literal ); macro-literal is %x21-24 / %x26-7E. */
function readMacroString(text: string): MacroString {
  const out: MacroString = { letters: [], tail: '' };
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '%') {
      const code = text.charCodeAt(i);
      if (code < 0x21 || code > 0x7e) out.error ??= 'spf.syntax.bad-domain-spec';
      out.tail += text[i];
      i++;
      continue;
    }
    MACRO_AT.lastIndex = i;
    const m = MACRO_AT.exec(text);
    if (!m) return { ...out, error: 'spf.syntax.bad-macro' };
    if (m[1] !== undefined) out.letters.push(m[1].toLowerCase());
    out.tail = '';
    i += m[0].length;
  }
  return out;
}

export function hasMacro(spec: string): boolean {
  return /%\{/.test(spec);
}

/**
 * domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand
 * (RFC 7208 §7.1). Before the domain-end any visible character but a bare "%" is allowed, so
 * `foo:bar/baz.example.com` is a valid domain-spec.
 */
function domainSpecError(spec: string): FindingCode | undefined {
  if (spec.length === 0) return 'spf.syntax.bad-domain-spec';
  const parsed = readMacroString(spec);
  if (parsed.error) return parsed.error;
  if (parsed.letters.some((l) => EXP_ONLY_LETTERS.test(l))) return 'spf.syntax.exp-only-macro';
  if (parsed.tail === '') return undefined; // domain-end is a macro-expand
  const end = /\.([^.]+)\.?$/.exec(parsed.tail);
  if (!end || !TOPLABEL.test(end[1] ?? '')) return 'spf.syntax.bad-domain-spec';
  return undefined;
}

const IP4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIp6(text: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return false;
  const [head = '', tail] = text.split('::');
  const part = (p: string) => (p === '' ? [] : p.split(':'));
  const groups = [...part(head), ...(tail === undefined ? [] : part(tail))];
  const last = groups[groups.length - 1] ?? '';
  const v4 = IP4.test(last);
  const hexGroups = v4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const width = hexGroups.length + (v4 ? 2 : 0);
  return tail === undefined ? width === 8 : width < 8;
}

function cidrOk(text: string | undefined, max: number): boolean {
  if (text === undefined) return true;
  return /^(0|[1-9]\d{0,2})$/.test(text) && Number(text) <= max;
}

/** `a`/`mx` take `[:domain-spec][/ip4-cidr][//ip6-cidr]`. */
function splitDualCidr(arg: string): { spec: string; ok: boolean } {
  const m = /^(.*?)(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(arg);
  if (!m) return { spec: arg, ok: false };
  return { spec: m[1] ?? '', ok: cidrOk(m[2], 32) && cidrOk(m[3], 128) };
}

const MECHANISM = /^([+\-~?]?)([a-z0-9]+)(.*)$/i;
const MODIFIER = /^([a-z][a-z0-9_.-]*)=(.*)$/i;
const KNOWN: readonly MechanismName[] = [
  'all',
  'include',
  'a',
  'mx',
  'ptr',
  'ip4',
  'ip6',
  'exists',
];

type Fail = (code: FindingCode, term: string, what: Text) => void;

/** A modifier term (`name=value`): at most one redirect and one exp (RFC 7208 §6). */
function readModifier(
  word: string,
  name: string,
  value: string,
  seenModifiers: Set<string>,
  fail: Fail,
): SpfTerm {
  if ((name === 'redirect' || name === 'exp') && seenModifiers.has(name)) {
    fail('spf.syntax.duplicate-modifier', word, text('chk_spf_why_duplicate_modifier', name));
  }
  seenModifiers.add(name);
  if (name === 'redirect' || name === 'exp') {
    const err = domainSpecError(value);
    if (err) fail(err, word, text('chk_spf_why_bad_target'));
  } else if (readMacroString(value).error === 'spf.syntax.bad-macro') {
    fail('spf.syntax.bad-modifier', word, text('chk_spf_why_bad_macro_string'));
  }
  return { kind: 'modifier', name, value, text: word };
}

/** ip4 / ip6: ":address" with an optional "/cidr". */
function readAddressArg(mech: Mechanism, rest: string, word: string, fail: Fail): void {
  const name = mech.name;
  const [address = '', cidr, extra] = rest.replace(/^:/, '').split('/');
  const addrOk = rest.startsWith(':') && (name === 'ip4' ? IP4.test(address) : isIp6(address));
  if (!addrOk)
    fail(
      name === 'ip4' ? 'spf.syntax.bad-ip4' : 'spf.syntax.bad-ip6',
      word,
      text('chk_spf_why_bad_address'),
    );
  else if (extra !== undefined || !cidrOk(cidr, name === 'ip4' ? 32 : 128))
    fail('spf.syntax.bad-cidr', word, text('chk_spf_why_bad_prefix'));
  mech.target = address;
}

/** An optional ":domain-spec" (a, mx, ptr) or a required one (include, exists). */
function readDomainArg(
  mech: Mechanism,
  spec: string,
  word: string,
  required: boolean,
  fail: Fail,
): void {
  if (!required && spec === '') return;
  const err = spec.startsWith(':')
    ? domainSpecError(spec.slice(1))
    : required
      ? 'spf.syntax.bad-domain-spec'
      : 'spf.syntax.unknown-mechanism';
  if (!err) mech.target = spec.slice(1);
  else if (required) fail(err, word, text('chk_spf_why_needs_domain', mech.name));
  else fail(err, word, text('chk_spf_why_bad_target'));
}

/** A mechanism's argument, by mechanism (RFC 7208 §5). */
function readMechanismArg(mech: Mechanism, rest: string, word: string, fail: Fail): void {
  const name = mech.name;
  if (name === 'all') {
    if (rest !== '') fail('spf.syntax.unknown-mechanism', word, text('chk_spf_why_all_no_arg'));
  } else if (name === 'ip4' || name === 'ip6') {
    readAddressArg(mech, rest, word, fail);
  } else if (name === 'a' || name === 'mx') {
    const { spec, ok } = splitDualCidr(rest);
    if (!ok) fail('spf.syntax.bad-cidr', word, text('chk_spf_why_bad_prefix'));
    readDomainArg(mech, spec, word, false, fail);
  } else if (name === 'ptr') {
    readDomainArg(mech, rest, word, false, fail);
  } else {
    readDomainArg(mech, rest, word, true, fail); // include and exists
  }
}

export function parseSpf(record: string): ParsedSpf {
  const errors: Finding[] = [];
  const terms: SpfTerm[] = [];
  const fail: Fail = (code, term, what) =>
    errors.push(issue(code, text('chk_spf_term', term, what), { evidence: term }));
  if (/[^\x20-\x7e]/.test(record))
    fail('spf.syntax.non-ascii', record, text('chk_spf_why_non_ascii'));
  const words = record
    .replace(SPF_VERSION, '')
    .split(' ')
    .filter((w) => w.length > 0);
  const seenModifiers = new Set<string>();
  for (const word of words) {
    const modifier = MODIFIER.exec(word);
    if (modifier) {
      const name = (modifier[1] ?? '').toLowerCase();
      terms.push(readModifier(word, name, modifier[2] ?? '', seenModifiers, fail));
      continue;
    }
    const m = MECHANISM.exec(word);
    const name = (m?.[2] ?? '').toLowerCase() as MechanismName;
    if (!m || !KNOWN.includes(name)) {
      fail('spf.syntax.unknown-mechanism', word, text('chk_spf_why_unknown'));
      continue;
    }
    const qualifier = (m[1] || '+') as Qualifier;
    const mech: Mechanism = { kind: 'mechanism', qualifier, name, text: word };
    readMechanismArg(mech, m[3] ?? '', word, fail);
    terms.push(mech);
  }
  return { terms, errors };
}
