// The `with` clause of a Received header: protocol keywords (IANA mail transmission types and
// vendor forms) and what each says about TLS, authentication and locality.

export const REGISTERED =
  /^(?:(?:UTF8)?(?:E?SMTP|LMTP)S?A?|SMTPS|ASMTP|HTTPS?|HTTPREST|IMAPS?|POP3S?|MMS|LOCAL|ECSTREAM|BSMTP|SUBMISSION)$/;

/** Every word REGISTERED accepts (it is a finite set): one lookup for the usual one-word clause. */
const REGISTERED_WORDS: ReadonlySet<string> = (() => {
  const words = new Set([
    'SMTPS',
    'ASMTP',
    'HTTP',
    'HTTPS',
    'HTTPREST',
    'IMAP',
    'IMAPS',
    'POP3',
    'POP3S',
    'MMS',
    'LOCAL',
    'ECSTREAM',
    'BSMTP',
    'SUBMISSION',
  ]);
  for (const utf8 of ['', 'UTF8'])
    for (const core of ['SMTP', 'ESMTP', 'LMTP'])
      for (const s of ['', 'S']) for (const a of ['', 'A']) words.add(`${utf8}${core}${s}${a}`);
  return words;
})();

/**
 * The registered words as MTAs write them, upper-case or (Exim) lower-case, and what
 * normalizeProtocol makes of each: the usual clause needs no trimming or case change.
 */
const REGISTERED_AS_WRITTEN: ReadonlyMap<string, string> = new Map(
  [...REGISTERED_WORDS].flatMap((word) => {
    const normal = word === 'LOCAL' ? 'local' : word;
    return [
      [word, normal],
      [word.toLowerCase(), normal],
    ];
  }),
);

/**
 * Normalises a `with` clause to a keyword: registered names upper-cased (ESMTPS, LMTPA, UTF8SMTPS),
 * `local`, vendor forms `Microsoft SMTP Server`, `Microsoft SMTPSVC`, `mapi`; otherwise the first
 * word as written.
 */
export function normalizeProtocol(withRaw: string | null): string | null {
  if (withRaw === null) return null;
  const asWritten = REGISTERED_AS_WRITTEN.get(withRaw);
  if (asWritten !== undefined) return asWritten;
  const raw = withRaw.trim();
  if (raw.length === 0) return null;
  const up = raw.toUpperCase();
  if (REGISTERED_WORDS.has(up)) return up === 'LOCAL' ? 'local' : up;
  if (up.startsWith('MICROSOFT SMTP SERVER')) return 'Microsoft SMTP Server';
  if (up.startsWith('MICROSOFT SMTPSVC')) return 'Microsoft SMTPSVC';
  if (up === 'MAPI' || up.startsWith('MAPI ')) return 'mapi';
  if (/^E?SMTP-TLS\b/.test(up)) return up.startsWith('E') ? 'ESMTPS' : 'SMTPS'; // CommuniGate
  const words = up.split(/[\s/\-[\]]+/);
  for (const w of words) {
    if (w.length > 0 && REGISTERED.test(w)) return w === 'LOCAL' ? 'local' : w;
  }
  const first = raw.split(/\s+/)[0] ?? raw;
  return first.length > 40 ? first.slice(0, 40) : first;
}

/** Postfix `(Authenticated sender: x)`, sendmail `(authenticated bits=0)`, Courier `(AUTH: …)`, CommuniGate `(account x)`. */
export const AUTH_COMMENT =
  /\bauthenticated\s+(?:sender|bits|user|as)\b|\bAUTH:\s|\baccount\s+\S+/i;

/** The SMTP-family words `(?:UTF8)?(?:E?SMTP|LMTP)` + suffix, for each suffix given. */
function smtpFamily(suffixes: readonly string[]): string[] {
  const out: string[] = [];
  for (const utf8 of ['', 'UTF8'])
    for (const core of ['SMTP', 'ESMTP', 'LMTP'])
      for (const s of suffixes) out.push(utf8 + core + s);
  return out;
}

// The protocol tests below are finite sets of exact, case-sensitive words: one lookup each
// instead of an anchored regular expression per hop.
const KNOWN_NETWORK: ReadonlySet<string> = new Set([
  ...smtpFamily(['', 'S', 'A', 'SA']),
  ...['SMTPS', 'ASMTP', 'HTTP', 'HTTPS', 'HTTPREST', 'IMAP', 'IMAPS', 'POP3', 'POP3S'],
  ...['SUBMISSION', 'local', 'mapi', 'BSMTP', 'ECSTREAM'],
  ...['Microsoft SMTP Server', 'Microsoft SMTPSVC'],
]);
const TLS_SUFFIXED: ReadonlySet<string> = new Set([
  ...smtpFamily(['S', 'SA']),
  ...['SMTPS', 'HTTPS', 'IMAPS', 'POP3S'],
]);
const AUTHENTICATED: ReadonlySet<string> = new Set([...smtpFamily(['A', 'SA']), 'ASMTP']);

/** Protocols whose plain form means an unencrypted network hand-over. */
export function isKnownNetworkProtocol(p: string): boolean {
  return KNOWN_NETWORK.has(p);
}

export function protocolHasTlsSuffix(p: string): boolean {
  return TLS_SUFFIXED.has(p);
}

export function protocolAuthenticated(p: string): boolean {
  return AUTHENTICATED.has(p);
}

/** Local or internal transports: no network exposure can be judged from the line. */
export function protocolIsLocal(p: string): boolean {
  return p === 'local' || p === 'mapi' || p === 'BSMTP' || p === 'ECSTREAM' || p === 'HTTPREST';
}
