// Issue 14, trust-boundary properties. A generator writes the recipient's Received line in the
// grammar of each MTA family, filling the sender-chosen parts (HELO, reverse-DNS name, ident,
// SASL login, envelope-from, recipient) with adversarial text: address literals, parentheses,
// brackets, TLS tuples, unbalanced quotes and comments, clause keywords. Each value passes
// through the MTA's own sanitising first, as the MTA would write it:
//  - Postfix: HELO with ` <>()\";@` → '?', reverse DNS a valid name or `unknown`, SASL login
//    and certificate names through comment_sanitize, the recipient through quote_822_local
//    (vdukhovni/postfix : postfix/src/smtpd/smtpd.c).
//  - Exim: the HELO a domain or address literal (default HELO syntax check), or any printable
//    token where helo_accept_junk_hosts allows it; the client as sender_rcvhost writes it
//    (Exim/exim : src/src/host.c, src/src/globals.c received_header_text).
//  - Sendmail: HELO letters, digits and `[].-_#:`; ident through cleanstrcpy (sendmail's
//    srvrsmtp.c / util.c; format from cf/m4/proto.m4).
//  - qmail: every part through safeput (notqmail/notqmail : received.c).
//  - Exchange Online, Gmail: the HELO as one printable token of any characters (their checks are
//    not public, so the generator assumes none); layouts from the corpus (rspamd/arcbad.eml,
//    mailauth/arc-pass.eml).
// Properties: the client address is the one the MTA recorded; without TLS from the MTA no
// sender text yields TLS evidence (and with it, the MTA's version stands); no planted header
// below the handoff is trusted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import { parseReceived } from '../../../lib/headers/received.ts';

const DATE = 'Mon, 02 Mar 2026 10:00:00 +0000';

const HOSTILE = [
  '[10.0.0.1]',
  '10.0.0.1',
  '[IPv6:fe80::1]',
  '192.168.1.1',
  '127.0.0.1',
  '(',
  ')',
  '()',
  '((',
  '))',
  '[',
  ']',
  '"',
  '\\',
  '<',
  '>',
  '@',
  ';',
  ',',
  '=',
  ':',
  ' ',
  '(TLSv1.3:TLS_AES_256_GCM_SHA384:256)',
  'TLSv1.3:TLS_AES_256_GCM_SHA384:256',
  '(version=TLS1_3,cipher=TLS_AES_256_GCM_SHA384)',
  'version=TLS1_3',
  'cipher=TLS_AES_256_GCM_SHA384',
  '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))',
  'x(version=TLS1_3',
  '(Google Transport Security)',
  '(TLS)',
  '(Using TLS)',
  'tls TLS_AES_256_GCM_SHA384',
  'ESMTPS',
  'by',
  'from',
  'with',
  'for',
  'id',
  'tls',
  'helo=',
  'HELO ',
  'ident=',
  'unknown',
  'mail-sor-f41.google.com',
  'mx.example.net',
  'a',
  'example',
  '.',
  '-',
];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 3 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/**
 * A public IPv4 address the MTA saw: first octet 11–39, outside every private range and every
 * provider relay network (lib/headers/analyze.ts PROVIDER_NETWORK_TEXT).
 */
const publicIp = fc
  .tuple(
    fc.integer({ min: 11, max: 39 }),
    fc.nat(255),
    fc.nat(255),
    fc.integer({ min: 1, max: 254 }),
  )
  .map((o) => o.join('.'));

/** Printable ASCII only, as the MTAs write header text (others become '?'). */
function printable(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c >= 33 && c <= 126 ? ch : '?';
  }
  return out.length === 0 ? 'x' : out;
}

/** One SMTP argument: printable, no white space (the EHLO argument is one token). */
function token(s: string): string {
  return printable(s.replace(/\s+/g, ''));
}

function replaceAll(s: string, chars: string, by: string): string {
  let out = '';
  for (const ch of s) out += chars.includes(ch) ? by : ch;
  return out;
}

const postfixHelo = (s: string): string => replaceAll(token(s), ' <>()\\";@', '?');

function validHostname(s: string): boolean {
  return (
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/.test(
      s,
    ) && !/^[\d.]+$/.test(s)
  );
}

/**
 * A reverse-DNS name the MTA forward-confirmed: the sender controls the PTR of its own address
 * but a confirmed name resolves back to that address, so it lies in a zone the sender owns.
 */
function confirmedName(s: string): string | null {
  const label = token(s)
    .replace(/[^A-Za-z0-9.-]/g, '')
    .replace(/^[.-]+|[.-]+$/g, '')
    .replace(/\.{2,}/g, '.')
    .slice(0, 60);
  const name = `${label.length > 0 ? `${label}.` : ''}attacker.example`;
  return validHostname(name) ? name : null;
}

/** Postfix: a forward-confirmed, valid, non-numeric name, else `unknown`. */
const rdnsOrUnknown = (s: string): string => confirmedName(s) ?? 'unknown';

/** Postfix comment_sanitize: '?' for '\\' and non-printables, unmatched ')' → '?', open '(' closed. */
function commentSanitize(s: string): string {
  let out = '';
  let open = 0;
  for (const ch of printable(s)) {
    if (ch === '\\') out += '?';
    else if (ch === '(') {
      open++;
      out += ch;
    } else if (ch === ')') {
      if (open > 0) {
        open--;
        out += ch;
      } else out += '?';
    } else out += ch;
  }
  return out + ')'.repeat(open);
}

/** quote_822_local: a local part with specials is quoted, '"' and '\\' escaped. */
function quoteLocal(s: string): string {
  const local = printable(s);
  if (/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local)) return local;
  return `"${local.replace(/(["\\])/g, '\\$1')}"`;
}

/** Exim's default HELO check: a domain name or an address literal. */
function eximHelo(s: string): string {
  const t = token(s);
  if (validHostname(t)) return t;
  const m = /\[(?:IPv6:)?[0-9A-Fa-f.:]+\]/.exec(t);
  return m ? m[0] : 'client.example';
}

/** Sendmail: HELO letters, digits and `[].-_#:`, cut at the first other character. */
const sendmailHelo = (s: string): string =>
  /^[A-Za-z0-9[\].\-_#:]*/.exec(token(s))?.[0] || 'client.example';

/** Sendmail cleanstrcpy: letters, digits and !#$%&'*+-./^_`{|}~ kept, the rest dropped. */
const cleanstrcpy = (s: string): string =>
  printable(s).replace(/[^A-Za-z0-9!#$%&'*+\-./^_`{|}~]/g, '') || 'user';

/** qmail safeput (notqmail): letters, digits and .@%+/=:- kept, the rest '?'. */
const safeput = (s: string): string => printable(s).replace(/[^A-Za-z0-9.@%+/=:-]/g, '?');

interface Sample {
  family: string;
  line: string;
  ip: string;
  /** The TLS version the MTA itself recorded, or null for a cleartext hop. */
  tls: string | null;
  /** Fields the recipient's MTA writes below its Received line (Gmail). */
  trace?: string[];
  /** Exim with a raw ident: its TLS note may be unreadable (see check). */
  exotic?: boolean;
}

const withTls = fc.boolean();
const values = fc.record({
  helo: hostileText,
  rdns: hostileText,
  ident: hostileText,
  login: hostileText,
  sender: hostileText,
  rcpt: hostileText,
});

const postfix = fc.tuple(publicIp, values, withTls).map(([ip, v, tls]): Sample => {
  const from = `from ${postfixHelo(v.helo)} (${rdnsOrUnknown(v.rdns)} [${ip}])`;
  const tlsPart = tls
    ? ` (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) (Client CN "${commentSanitize(v.ident)}", Issuer "${commentSanitize(v.sender)}" (not verified))`
    : '';
  const sasl = ` (Authenticated sender: ${commentSanitize(v.login)})`;
  const proto = tls ? 'ESMTPSA' : 'ESMTPA';
  return {
    family: 'Postfix',
    line: `${from}${tlsPart}${sasl} by mx.example.net (Postfix) with ${proto} id 4AbC for <${quoteLocal(v.rcpt)}@example.net>; ${DATE}`,
    ip,
    tls: tls ? 'TLSv1.2' : null,
  };
});

function eximRcvhost(ip: string, rdns: string, helo: string, ident: string, pick: number): string {
  const port = 1024 + pick * 7;
  if (pick % 2 === 0) return `[${ip}] (port=${port} helo=${helo} ident=${ident})`;
  return `${rdns} ([${ip}]:${port} helo=${helo} ident=${ident})`;
}

const exim = fc
  .tuple(publicIp, values, withTls, fc.nat(1000), fc.boolean())
  .map(([ip, v, tls, pick, junk]): Sample => {
    // helo_accept_junk_hosts: any printable token; otherwise the default syntax check.
    const helo = junk ? token(v.helo) : eximHelo(v.helo);
    const rdns = confirmedName(v.rdns) ?? 'client.attacker.example';
    // RFC 1413 answers, printable (string_printing)
    const ident = token(v.ident);
    const withPart = tls
      ? 'with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384'
      : pick % 3 === 0
        ? 'with esmtpa'
        : 'with esmtp';
    return {
      family: junk ? 'Exim (junk HELO accepted)' : 'Exim',
      line: `from ${eximRcvhost(ip, rdns, helo, ident, pick)} by mx.example.net ${withPart} (Exim 4.96) (envelope-from <${quoteLocal(v.sender)}@signer.example>) id 1vXz-000A-B1 for ${quoteLocal(v.rcpt)}@example.net; ${DATE}`,
      ip,
      tls: tls ? 'TLSv1.3' : null,
      exotic: /["\\()]/.test(ident) || junk,
    };
  });

const sendmail = fc
  .tuple(publicIp, values, withTls, fc.boolean())
  .map(([ip, v, tls, forged]): Sample => {
    const rdns = confirmedName(v.rdns) ?? `[${ip}]`;
    const peer = `${cleanstrcpy(v.ident)}@${rdns} [${ip}]${forged ? ' (may be forged)' : ''}`;
    const tlsPart = tls
      ? ' (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NO)'
      : '';
    return {
      family: 'Sendmail',
      line: `from ${sendmailHelo(v.helo)} (${peer}) by mx.example.net (8.17.1/8.17.1) with ${tls ? 'ESMTPS' : 'ESMTP'} id 62HA00aB${tlsPart} for <${quoteLocal(v.rcpt)}@example.net>; ${DATE} (envelope-from ${quoteLocal(v.sender)}@signer.example)`,
      ip,
      tls: tls ? 'TLSv1.3' : null,
    };
  });

const qmail = fc.tuple(publicIp, values, fc.boolean()).map(([ip, v, ldap]): Sample => {
  // TCPREMOTEHOST: the PTR record as it is (tcpserver confirms it only with -p), so any name,
  // the recipient's own included
  const host = safeput(token(v.rdns));
  if (ldap) {
    return {
      family: 'qmail-ldap',
      line: `from ${host} (HELO ${safeput(v.helo)}) (${safeput(v.ident)}@[${ip}]) (envelope-sender <${safeput(v.sender)}>) by mx.example.net (qmail-ldap-1.03) with SMTP for <${safeput(v.rcpt)}>; 2 Mar 2026 10:00:00 -0000`,
      ip,
      tls: null,
    };
  }
  return {
    family: 'qmail',
    line: `from ${host} (HELO ${safeput(v.helo)}) (${safeput(v.ident)}@${ip}) by mx.example.net with SMTP; 2 Mar 2026 10:00:00 -0000`,
    ip,
    tls: null,
  };
});

const exchange = fc.tuple(publicIp, values, withTls).map(([ip, v, tls]): Sample => {
  const server = tls
    ? 'Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)'
    : 'Microsoft SMTP Server';
  return {
    family: 'Exchange Online',
    line: `from ${token(v.helo)} (${ip}) by AM0PR09MB3876.eurprd09.prod.outlook.com (2603:10a6:208:1e0::8) with ${server} id 15.20.3412.24 via Frontend Transport; ${DATE}`,
    ip,
    tls: tls ? 'TLSv1.2' : null,
  };
});

const gmail = fc.tuple(publicIp, values, withTls).map(([ip, v, tls]): Sample => {
  const rdns = confirmedName(v.rdns) ?? 'client.attacker.example';
  const tlsPart = tls ? ' (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256)' : '';
  return {
    family: 'Gmail',
    line: `from ${token(v.helo)} (${rdns}. [${ip}]) by mx.google.com with ${tls ? 'ESMTPS' : 'ESMTP'} id a1si2241830edr.99 for <${quoteLocal(v.rcpt)}@gmail.com>${tlsPart}; ${DATE}`,
    ip,
    tls: tls ? 'TLSv1.3' : null,
    // Gmail writes its own Received-SPF and Authentication-Results right below its line
    trace: [
      `Received-SPF: neutral (google.com: ${ip} is neither permitted nor denied by best guess record for domain of ceo@signer.example) client-ip=${ip};`,
      `Authentication-Results: mx.google.com; spf=neutral (google.com: ${ip} is neither permitted nor denied by best guess record for domain of ceo@signer.example) smtp.mailfrom=ceo@signer.example; dmarc=fail (p=REJECT sp=REJECT dis=REJECT) header.from=signer.example`,
    ],
  };
});

const PLANTED = [
  'Authentication-Results: mx.example.net; dkim=pass header.d=signer.example; spf=pass smtp.mailfrom=ceo@signer.example; dmarc=pass header.from=signer.example',
  'Authentication-Results: mx.google.com; dkim=pass header.d=signer.example; spf=pass smtp.mailfrom=ceo@signer.example; dmarc=pass header.from=signer.example',
  `Received: from relay.signer.example (relay.signer.example [10.0.0.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by mx.example.net (Postfix) with ESMTPS id P1; ${DATE}`,
  'From: ceo@signer.example',
].join('\r\n');

function check(s: Sample): void {
  const p = parseReceived(s.line);
  expect(p.ip, s.line).toBe(s.ip);
  if (s.tls === null) {
    expect(p.tls, s.line).toBeNull();
    expect(p.encrypted, s.line).not.toBe(true);
  } else if (s.exotic === true) {
    // Exim copies an ident answer as it is; a '\\' or quote in it can hide Exim's own TLS note
    // from the parser (unknown, never cleartext, never another version).
    expect(p.encrypted, s.line).not.toBe(false);
    if (p.tls !== null && p.tls.version !== null) expect(p.tls.version, s.line).toBe(s.tls);
  } else {
    expect(p.encrypted, s.line).toBe(true);
    expect(p.tls?.version, s.line).toBe(s.tls);
  }
  const trace = s.trace === undefined ? '' : `${s.trace.join('\r\n')}\r\n`;
  const f = analyzeHeaders(`Received: ${s.line}\r\n${trace}${PLANTED}\r\n\r\n`);
  expect(f.trust.handoffIndex, s.line).toBe(f.hops.length - 1);
  expect(f.hops[0]?.recordedBy, s.line).toBe('sender');
  const a = f.authentication;
  const trusted = [a.dmarc, a.spf, ...a.dkim].filter((r) => r !== null);
  expect(
    trusted.filter((r) => r.result === 'pass'),
    s.line,
  ).toEqual([]);
}

/** Runs per family: 7 × 15,000 = 105,000 generated lines. */
const RUNS = 15_000;

describe('issue 14: trust-boundary properties over each MTA family’s grammar', () => {
  it.each([
    ['Postfix', postfix],
    ['Exim (default HELO check, and junk HELO accepted)', exim],
    ['Sendmail', sendmail],
    ['qmail and qmail-ldap', qmail],
    ['Exchange Online', exchange],
    ['Gmail', gmail],
  ] as const)(
    '%s',
    (_name, family) => {
      fc.assert(
        fc.property(family, (s) => check(s)),
        { numRuns: _name.startsWith('Exim') ? 2 * RUNS : RUNS },
      );
    },
    // ≈ 2 s for all 105,000 on an idle 2-core machine; room for a loaded one
    120_000,
  );
});
