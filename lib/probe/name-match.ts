// Host name matching. Two rule sets share the wildcard core (a wildcard is only a whole left-most
// label and covers exactly one label):
// - certificates (RFC 6125 §6.4 / RFC 9525 §6.3): a presented dNSName must be in preferred name
//   syntax (RFC 5280 §4.2.1.6, RFC 1034 §3.5): LDH A-labels, no trailing dot; no wildcard on a
//   public suffix;
// - MTA-STS mx patterns (RFC 8461 §4.1): compared in A-label form whichever form either side uses.
import { getPublicSuffix } from 'tldts';

/** Lowercase, without a trailing dot: for reference identifiers (names we looked up). */
export function normalizeHostName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The A-label form of a name (RFC 5890 §2.3.2.1), lower-case, without a trailing dot; null when a
 * U-label cannot be converted. Uses the platform's IDNA (WHATWG URL host parsing, UTS #46), which
 * exists in Node and in browsers alike.
 */
export function toALabels(name: string): string | null {
  const ascii = normalizeHostName(name);
  if (!NON_ASCII.test(ascii)) return ascii;
  try {
    // UTS #46 also maps the ideographic full stop and other dot forms to ".".
    const host = new URL(`http://${ascii}/`).hostname;
    return host === '' || host.startsWith('[') ? null : host.replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** `*.base` covers `label.base` for exactly one non-empty label. */
function wildcardCovers(base: string, host: string): boolean {
  const firstDot = host.indexOf('.');
  return firstDot > 0 && host.slice(firstDot + 1) === base;
}

/**
 * MTA-STS (RFC 8461 §3.2, §4.1): true when `pattern` (an exact name or `*.base`) names `host`.
 * Both sides are compared as A-labels, so an MX written as a U-label matches a pattern in A-label
 * form and the other way round. `*.example.com` matches `mx.example.com`, not `example.com`, not
 * `a.b.example.com`. Partial wildcards and wildcards right above a TLD never match.
 */
export function matchesHostPattern(pattern: string, host: string): boolean {
  const p = toALabels(pattern);
  const h = toALabels(host);
  if (!p || !h) return false;
  if (!p.includes('*')) return p === h;
  if (!p.startsWith('*.') || p.indexOf('*', 1) >= 0) return false;
  const base = p.slice(2);
  return base.includes('.') && wildcardCovers(base, h);
}

/** RFC 1034 §3.5 preferred name syntax, as amended by RFC 1123 §2.1 (labels may start with a digit). */
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why a presented dNSName can never match, or null when it is well-formed. */
export function presentedNameProblem(presented: string): string | null {
  const name = presented.toLowerCase();
  if (name.endsWith('.')) return 'ends with a dot (RFC 5280 §4.2.1.6: preferred name syntax)';
  if (NON_ASCII.test(name)) return 'is a U-label; certificates carry A-labels (RFC 9525 §6.3)';
  if (name.length > 253) return 'is longer than 253 characters';
  const labels = name.split('.');
  const first = labels[0] === '*' ? labels.slice(1) : labels;
  if (!first.every((label) => LDH_LABEL.test(label)))
    return 'is not in preferred name syntax (RFC 1034 §3.5)';
  if (labels[0] === '*') {
    const base = labels.slice(1).join('.');
    if (labels.length < 3 || getPublicSuffix(base, { allowPrivateDomains: false }) === base)
      return 'is a wildcard on a public suffix (RFC 9525 §6.3, RFC 6125 §7.2)';
  }
  return null;
}

/**
 * Certificates (RFC 6125 §6.4.1–§6.4.3, RFC 9525 §6.3): true when the presented dNSName matches the
 * reference identifier (the MX host or domain, in U- or A-label form, a trailing root dot allowed).
 * Case-insensitive A-label comparison; `*` only as the complete left-most label, matching exactly
 * one label; a malformed presented name never matches.
 */
export function matchesPresentedName(presented: string, reference: string): boolean {
  if (presentedNameProblem(presented) !== null) return false;
  const p = presented.toLowerCase();
  const r = toALabels(reference);
  if (!r) return false;
  if (!p.startsWith('*.')) return p === r;
  return wildcardCovers(p.slice(2), r);
}

/** Which reference identity a certificate's names cover: the mail domain, the MX host, or neither. */
export function classifyNameMatch(
  names: readonly string[],
  domain: string,
  mxHost: string,
): { hostnameMatch: 'domain' | 'mx' | 'none'; matchesDomain: boolean; matchesMxHost: boolean } {
  const matchesDomain = names.some((name) => matchesPresentedName(name, domain));
  const matchesMxHost = names.some((name) => matchesPresentedName(name, mxHost));
  const hostnameMatch = matchesDomain ? 'domain' : matchesMxHost ? 'mx' : 'none';
  return { hostnameMatch, matchesDomain, matchesMxHost };
}

/** Node's `subjectaltname`: `TYPE:value` entries joined by ", "; values with specials JSON-quoted. */
function sanEntries(subjectAltName: string): { type: string; value: string }[] {
  const out: { type: string; value: string }[] = [];
  const entry = /\s*([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:,|$)/gy;
  for (let m = entry.exec(subjectAltName); m && m[0] !== ''; m = entry.exec(subjectAltName)) {
    const raw = m[2] ?? '';
    let value = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        value = raw;
      }
    }
    out.push({ type: (m[1] ?? '').trim(), value });
  }
  return out;
}

/**
 * DNS names a certificate presents, lower-cased and otherwise as written (a trailing dot is kept
 * so that it fails to match): the dNSName SANs. The subject CN is used only when the certificate
 * has no DNS-ID or URI-ID (RFC 6125 §6.4.4); RFC 9525 drops CN-IDs altogether, but Postfix and
 * OpenSSL still read the CN then, so receivers differ.
 */
export function presentedNames(subjectAltName: string | undefined, subject: string): string[] {
  const entries = sanEntries(subjectAltName ?? '');
  const dns = entries.filter((e) => e.type === 'DNS').map((e) => e.value.toLowerCase());
  if (dns.length > 0 || entries.some((e) => e.type === 'URI')) return dns;
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(subject)?.[1];
  return cn ? [cn.trim().toLowerCase()] : [];
}
