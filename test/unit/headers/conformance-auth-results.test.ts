// Authentication-Results conformance, derived from RFC 8601 (table-driven; each case cites its
// section). The ABNF is §2.2; the examples are Appendix B; the parser's deliberate relaxed
// choices (where receivers differ) are marked as such.
import { describe, expect, it } from 'vitest';
import { parseAuthResults } from '../../../lib/headers/auth-results.ts';

interface Case {
  cite: string;
  value: string;
  id: string | null;
  /** `method=result` in order. */
  results: string[];
  props?: Record<string, string>;
  reason?: string;
  none?: boolean;
}

const CASES: Case[] = [
  // §2.2 authres-payload = [CFWS] authserv-id [ CFWS authres-version ] ( no-result / 1*resinfo )
  {
    cite: '§2.2 authserv-id (value: token)',
    value: 'mx.example.org; spf=pass',
    id: 'mx.example.org',
    results: ['spf=pass'],
  },
  {
    cite: '§2.2 authserv-id with CFWS before it',
    value: ' (c) mx.example.org; spf=pass',
    id: 'mx.example.org',
    results: ['spf=pass'],
  },
  {
    cite: '§2.2 authres-version after the authserv-id',
    value: 'mx.example.org 1; dkim=pass',
    id: 'mx.example.org',
    results: ['dkim=pass'],
  },
  {
    cite: '§2.2 authres-version with CFWS around it',
    value: 'mx.example.org (a) 1 (b); dkim=pass',
    id: 'mx.example.org',
    results: ['dkim=pass'],
  },
  {
    cite: '§2.2 no-result: "none"',
    value: 'mx.example.org; none',
    id: 'mx.example.org',
    results: [],
    none: true,
  },
  {
    cite: '§2.2 no-result with CFWS',
    value: 'mx.example.org (c) ; (c) none',
    id: 'mx.example.org',
    results: [],
    none: true,
  },
  // resinfo = [CFWS] ";" methodspec [ CFWS reasonspec ] [ CFWS 1*propspec ]
  {
    cite: '§2.2 several resinfo',
    value: 'mx.example.org; spf=pass; dkim=fail; dmarc=none',
    id: 'mx.example.org',
    results: ['spf=pass', 'dkim=fail', 'dmarc=none'],
  },
  // methodspec = [CFWS] method [CFWS] "=" [CFWS] result
  {
    cite: '§2.2 methodspec, CFWS around "="',
    value: 'mx.example.org; spf = pass',
    id: 'mx.example.org',
    results: ['spf=pass'],
  },
  {
    cite: '§2.2 methodspec, comments around "="',
    value: 'mx.example.org; spf (a) = (b) pass',
    id: 'mx.example.org',
    results: ['spf=pass'],
  },
  // method = Keyword [ [CFWS] "/" [CFWS] method-version ]
  {
    cite: '§2.2 method-version',
    value: 'mx.example.org; dkim/1=pass',
    id: 'mx.example.org',
    results: ['dkim=pass'],
  },
  {
    cite: '§2.2 method-version with CFWS around "/"',
    value: 'mx.example.org; dkim (x) / (y) 1 = pass',
    id: 'mx.example.org',
    results: ['dkim=pass'],
  },
  {
    cite: '§2.2 method is a Keyword: `x(version` is not a method',
    value: 'mx.example.org; x(version=TLS1_3; dmarc=fail',
    id: 'mx.example.org',
    results: ['dmarc=fail'],
  },
  // reasonspec = "reason" [CFWS] "=" [CFWS] value
  {
    cite: '§2.2 reasonspec, quoted value',
    value: 'mx.example.org; dkim=fail reason="bad signature"',
    id: 'mx.example.org',
    results: ['dkim=fail'],
    reason: 'bad signature',
  },
  {
    cite: '§2.2 reasonspec with comments around "="',
    value: 'mx.example.org; spf=fail reason (why) = "x y"',
    id: 'mx.example.org',
    results: ['spf=fail'],
    reason: 'x y',
  },
  // propspec = ptype [CFWS] "." [CFWS] property [CFWS] "=" pvalue
  {
    cite: '§2.2 propspec smtp.mailfrom (special-smtp-verb)',
    value: 'mx.example.org; spf=pass smtp.mailfrom=example.net',
    id: 'mx.example.org',
    results: ['spf=pass'],
    props: { 'smtp.mailfrom': 'example.net' },
  },
  {
    cite: '§2.2 propspec smtp.rcptto',
    value: 'mx.example.org; spf=pass smtp.rcptto=a@example.org',
    id: 'mx.example.org',
    results: ['spf=pass'],
    props: { 'smtp.rcptto': 'a@example.org' },
  },
  {
    cite: '§2.2 propspec header.d',
    value: 'mx.example.org; dkim=pass header.d=example.com',
    id: 'mx.example.org',
    results: ['dkim=pass'],
    props: { 'header.d': 'example.com' },
  },
  {
    cite: '§2.2 propspec body.hash',
    value: 'mx.example.org; x-test=pass body.hash=abc',
    id: 'mx.example.org',
    results: ['x-test=pass'],
    props: { 'body.hash': 'abc' },
  },
  {
    cite: '§2.2 propspec policy.*',
    value: 'mx.example.org; dmarc=pass policy.dmarc=reject',
    id: 'mx.example.org',
    results: ['dmarc=pass'],
    props: { 'policy.dmarc': 'reject' },
  },
  {
    cite: '§2.2 ptype.property with an unregistered ptype kept (gateway.spf)',
    value: 'mx.example.org; spf=pass gateway.spf=relay.example',
    id: 'mx.example.org',
    results: ['spf=pass'],
    props: { 'gateway.spf': 'relay.example' },
  },
  {
    cite: '§2.2 propspec with CFWS around "." and "="',
    value: 'mx.example.org; dkim=pass header (a) . (b) d (c) = (d) example.com',
    id: 'mx.example.org',
    results: ['dkim=pass'],
    props: { 'header.d': 'example.com' },
  },
  // pvalue = [CFWS] ( value / [ [ local-part ] "@" ] domain-name ) [CFWS]
  {
    cite: '§2.2 pvalue local-part@domain',
    value: 'mx.example.org; dkim=pass header.i=joe@example.com',
    id: 'mx.example.org',
    results: ['dkim=pass'],
    props: { 'header.i': 'joe@example.com' },
  },
  {
    cite: '§2.2 pvalue @domain',
    value: 'mx.example.org; dkim=pass header.i=@example.com',
    id: 'mx.example.org',
    results: ['dkim=pass'],
    props: { 'header.i': '@example.com' },
  },
  {
    cite: '§2.2 pvalue quoted-string',
    value: 'mx.example.org; dkim=pass header.b="ab cd"',
    id: 'mx.example.org',
    results: ['dkim=pass'],
    props: { 'header.b': 'ab cd' },
  },
  // Appendix B examples
  {
    cite: 'Appendix B.2 nearly trivial case: service provided, but no authentication done',
    value: 'example.org 1; none',
    id: 'example.org',
    results: [],
    none: true,
  },
  {
    cite: 'Appendix B.3 service provided, authentication done',
    value: 'example.com; spf=pass smtp.mailfrom=example.net',
    id: 'example.com',
    results: ['spf=pass'],
    props: { 'smtp.mailfrom': 'example.net' },
  },
  {
    cite: 'Appendix B.4 service provided, several authentications done, single MTA',
    value:
      'example.com; auth=pass (cram-md5) smtp.auth=sender@example.net; spf=pass smtp.mailfrom=example.net',
    id: 'example.com',
    results: ['auth=pass', 'spf=pass'],
    props: { 'smtp.auth': 'sender@example.net' },
  },
  {
    cite: 'Appendix B.4 (second field)',
    value: 'example.com; iprev=pass policy.iprev=192.0.2.200',
    id: 'example.com',
    results: ['iprev=pass'],
    props: { 'policy.iprev': '192.0.2.200' },
  },
  {
    cite: 'Appendix B.5 several authentications done, different MTAs',
    value: 'example.com; dkim=pass (good signature) header.d=example.com',
    id: 'example.com',
    results: ['dkim=pass'],
    props: { 'header.d': 'example.com' },
  },
  {
    cite: 'Appendix B.5 (sender-id and spf from the border MTA)',
    value:
      'example.com; sender-id=fail header.from=example.com; dkim=pass (good signature) header.d=example.com',
    id: 'example.com',
    results: ['sender-id=fail', 'dkim=pass'],
  },
  {
    cite: 'Appendix B.6 multi-tiered authentication',
    value:
      'example.com; dkim=pass (good signature) header.d=mail-router.example.net; dkim=fail (bad signature) header.d=newyork.example.com',
    id: 'example.com',
    results: ['dkim=pass', 'dkim=fail'],
  },
  {
    cite: 'Appendix B.7 comment-heavy example',
    value:
      "foo.example.net (foobar) 1 (baz); dkim (Because I like it) / 1 (One yay) = (wait for it) fail policy (A dot can go here) . (like that) expired (this surprised me) = (as I wasn't expecting it) 1362471462",
    id: 'foo.example.net',
    results: ['dkim=fail'],
    props: { 'policy.expired': '1362471462' },
  },
  // Relaxed choices (receivers differ): Outlook writes no authserv-id; the results are kept and
  // the header counts only by position (docs/headers.md).
  {
    cite: '§2.2 authserv-id is required; relaxed: Outlook omits it (receivers differ)',
    value: 'spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.net; dkim=none',
    id: null,
    results: ['spf=pass', 'dkim=none'],
  },
];

describe('RFC 8601 Authentication-Results conformance', () => {
  it.each(CASES)('$cite', (c) => {
    const p = parseAuthResults(c.value, 'authentication-results', 0);
    expect(p.authservId).toBe(c.id);
    expect(p.results.map((r) => `${r.method}=${r.result}`)).toEqual(c.results);
    if (c.none !== undefined) expect(p.none).toBe(c.none);
    if (c.reason !== undefined) expect(p.results[0]?.reason).toBe(c.reason);
    for (const [k, v] of Object.entries(c.props ?? {})) {
      expect(
        p.results.some((r) => r.properties[k] === v),
        k,
      ).toBe(true);
    }
  });

  it('§2.2 comments are kept with the result they follow', () => {
    const p = parseAuthResults(
      'example.com; dkim=pass (good signature) header.d=example.com',
      'authentication-results',
      0,
    );
    expect(p.results[0]?.comment).toBe('good signature');
  });

  it('§2.2 / §5: an unclosed comment does not swallow later results (a MUST NOT for safety, not ABNF)', () => {
    const p = parseAuthResults(
      'mx.example.org; spf=pass (unclosed; dmarc=fail',
      'authentication-results',
      0,
    );
    expect(p.results.map((r) => `${r.method}=${r.result}`)).toEqual(['spf=pass', 'dmarc=fail']);
  });

  it('RFC 8617 §4.1.1 ARC-Authentication-Results: instance tag, then the RFC 8601 payload', () => {
    const p = parseAuthResults(
      'i=2; mx.example.org; dkim=pass header.d=example.com',
      'arc-authentication-results',
      0,
    );
    expect(p.instance).toBe(2);
    expect(p.authservId).toBe('mx.example.org');
    expect(p.results.map((r) => r.method)).toEqual(['dkim']);
  });
});
