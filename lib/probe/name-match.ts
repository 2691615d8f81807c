// Host name matching shared by certificates (RFC 6125 §6.4) and MTA-STS mx patterns (RFC 8461 §4.1):
// a wildcard is only a whole leftmost label and covers exactly one label.

/** Lowercase, without a trailing dot. */
export function normalizeHostName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * True when `pattern` (an exact name or `*.base`) names `host`.
 * `*.example.com` matches `mx.example.com`, not `example.com`, not `a.b.example.com`.
 * Partial wildcards (`mx*.example.com`) and wildcards right above a TLD (`*.com`) never match.
 */
export function matchesHostPattern(pattern: string, host: string): boolean {
  const p = normalizeHostName(pattern);
  const h = normalizeHostName(host);
  if (p === '' || h === '') return false;
  if (!p.includes('*')) return p === h;
  if (!p.startsWith('*.') || p.indexOf('*', 1) >= 0) return false;
  const base = p.slice(2);
  if (!base.includes('.')) return false;
  const firstDot = h.indexOf('.');
  if (firstDot <= 0) return false;
  return h.slice(firstDot + 1) === base;
}

/** Which reference identity a certificate's names cover: the mail domain, the MX host, or neither. */
export function classifyNameMatch(
  names: readonly string[],
  domain: string,
  mxHost: string,
): { hostnameMatch: 'domain' | 'mx' | 'none'; matchesDomain: boolean; matchesMxHost: boolean } {
  const matchesDomain = names.some((name) => matchesHostPattern(name, domain));
  const matchesMxHost = names.some((name) => matchesHostPattern(name, mxHost));
  const hostnameMatch = matchesDomain ? 'domain' : matchesMxHost ? 'mx' : 'none';
  return { hostnameMatch, matchesDomain, matchesMxHost };
}

/** DNS names a certificate presents: the dNSName SANs, or the subject CN only when there are none. */
export function presentedNames(subjectAltName: string | undefined, subject: string): string[] {
  const sans = (subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => normalizeHostName(entry.slice(4).replace(/^"|"$/g, '')));
  if (sans.length > 0) return sans;
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(subject)?.[1];
  return cn ? [normalizeHostName(cn)] : [];
}
