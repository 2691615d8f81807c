// Turns user input into one canonical mail domain (IDNA A-labels, lowercase, no trailing dot),
// or says why it is not one. Shared by the probe service (400 reasons) and `mailseal scan`.
// Platform-neutral: the WHATWG URL parser does the UTS #46 mapping in browsers and Node alike.

export type DomainRejection =
  | 'empty'
  | 'too-long'
  | 'forbidden-character'
  | 'invalid-idna'
  | 'ip-literal'
  | 'single-label'
  | 'empty-label'
  | 'label-too-long'
  | 'invalid-label'
  | 'numeric-tld'
  | 'special-use';

export type DomainParse =
  | { ok: true; domain: string }
  | { ok: false; reason: DomainRejection; message: string };

/** Raw input longer than this is refused before any parsing (a 253-octet name, with slack for U-labels). */
export const MAX_INPUT_LENGTH = 512;
export const MAX_DOMAIN_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

// RFC 6761 / RFC 6762 / RFC 8375 / RFC 7686 names that never belong to a mail provider on the internet.
const SPECIAL_USE_SUFFIXES = [
  'localhost',
  'local',
  'internal',
  'invalid',
  'test',
  'example',
  'arpa',
  'onion',
  'home.arpa',
];

// URL syntax that would make the parser read a path, port, credentials or percent-escapes.
const FORBIDDEN = /[\s/\\?#@:%[\]<>"'`^{}|*,;=!$&()+~]/u;
const hasControlCharacter = (text: string) =>
  [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const LDH_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

const reject = (reason: DomainRejection, message: string): DomainParse => ({
  ok: false,
  reason,
  message,
});

export interface DomainParseOptions {
  /** Extra special-use suffixes the caller allows (the lab's `lab` TLD in lab mode). */
  allowSuffixes?: readonly string[];
}

export function parseDomainName(input: string, options: DomainParseOptions = {}): DomainParse {
  if (input.length > MAX_INPUT_LENGTH) {
    return reject('too-long', `longer than ${MAX_INPUT_LENGTH} characters`);
  }
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '') return reject('empty', 'no domain name given');
  if (FORBIDDEN.test(trimmed) || hasControlCharacter(trimmed)) {
    return reject(
      'forbidden-character',
      'only a bare domain name is accepted (no URL, port or address)',
    );
  }
  if (/^[0-9.]+$/.test(trimmed)) return reject('ip-literal', 'an IP address is not a mail domain');
  if (/\.[0-9]+$/.test(trimmed)) {
    return reject('numeric-tld', 'the top-level label cannot be all digits');
  }
  let ascii: string;
  try {
    ascii = new URL(`http://${trimmed}/`).hostname;
  } catch {
    return reject('invalid-idna', 'not a valid internationalised domain name');
  }
  if (ascii.startsWith('[') || /^[0-9.]+$/.test(ascii)) {
    return reject('ip-literal', 'an IP address is not a mail domain');
  }
  ascii = ascii.replace(/\.$/, '');
  if (ascii.length > MAX_DOMAIN_LENGTH) {
    return reject('too-long', `longer than ${MAX_DOMAIN_LENGTH} octets once IDNA-encoded`);
  }
  const labels = ascii.split('.');
  if (labels.length < 2) return reject('single-label', 'a mail domain has at least two labels');
  for (const label of labels) {
    if (label === '')
      return reject('empty-label', 'the name has an empty label (two dots in a row)');
    if (label.length > MAX_LABEL_LENGTH) {
      return reject('label-too-long', `label "${label.slice(0, 20)}…" is over 63 octets`);
    }
    if (!LDH_LABEL.test(label)) {
      return reject('invalid-label', `label "${label}" is not letters, digits and inner hyphens`);
    }
  }
  if (/^[0-9]+$/.test(labels.at(-1) ?? '')) {
    return reject('numeric-tld', 'the top-level label cannot be all digits');
  }
  const special = specialUseSuffix(ascii, options.allowSuffixes ?? []);
  if (special)
    return reject('special-use', `names under .${special} are not on the public internet`);
  return { ok: true, domain: ascii };
}

function specialUseSuffix(domain: string, allowed: readonly string[]): string | null {
  for (const suffix of SPECIAL_USE_SUFFIXES) {
    if (allowed.includes(suffix)) continue;
    if (domain === suffix || domain.endsWith(`.${suffix}`)) return suffix;
  }
  return null;
}
