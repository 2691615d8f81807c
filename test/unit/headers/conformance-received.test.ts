// Received conformance, derived from RFC 5321 §4.4 (Time-stamp-line / Stamp ABNF) and RFC 5322
// §3.6.7 (received = "Received:" *received-token ";" date-time), table-driven; each case cites
// its section. Keywords are case-insensitive (RFC 5321 §2.4).
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../../../lib/headers/received.ts';

const DATE = 'Mon, 2 Mar 2026 10:00:00 +0000';
const MS = Date.UTC(2026, 2, 2, 10, 0, 0);

interface Case {
  cite: string;
  line: string;
  expect: Partial<{
    fromName: string | null;
    helo: string | null;
    ip: string | null;
    fromRdns: string | null;
    byName: string | null;
    via: string | null;
    protocol: string | null;
    id: string | null;
    for: string | null;
    dateMs: number | null;
    encrypted: boolean | null;
  }>;
}

const CASES: Case[] = [
  // Stamp = From-domain By-domain Opt-info [CFWS] ";" FWS date-time
  {
    cite: '§4.4 Stamp: From-domain By-domain ";" date-time',
    line: `from a.example by b.example; ${DATE}`,
    expect: { fromName: 'a.example', byName: 'b.example', dateMs: MS },
  },
  {
    cite: '§2.4 keywords are case-insensitive (FROM, BY, WITH, ID, FOR)',
    line: `FROM a.example BY b.example WITH ESMTP ID x1 FOR <c@b.example>; ${DATE}`,
    expect: {
      fromName: 'a.example',
      byName: 'b.example',
      protocol: 'ESMTP',
      id: 'x1',
      for: 'c@b.example',
    },
  },
  // Extended-Domain = Domain / ( Domain FWS "(" TCP-info ")" ) / ( address-literal FWS "(" TCP-info ")" )
  {
    cite: '§4.4 Extended-Domain: Domain alone',
    line: `from a.example by b.example with SMTP; ${DATE}`,
    expect: { fromName: 'a.example', ip: null },
  },
  {
    cite: '§4.4 Extended-Domain: Domain (TCP-info = Domain address-literal); the EHLO name first, the TCP source in TCP-info',
    line: `from helo.example (rdns.example [192.0.2.1]) by b.example with ESMTP; ${DATE}`,
    expect: {
      fromName: 'helo.example',
      helo: 'helo.example',
      fromRdns: 'rdns.example',
      ip: '192.0.2.1',
    },
  },
  {
    cite: '§4.4 Extended-Domain: Domain (TCP-info = address-literal)',
    line: `from a.example ([192.0.2.2]) by b.example with ESMTP; ${DATE}`,
    expect: { ip: '192.0.2.2' },
  },
  {
    cite: '§4.4 Extended-Domain: address-literal (TCP-info): the TCP source wins over the literal the client presented',
    line: `from [10.0.0.1] (unknown [192.0.2.3]) by b.example with ESMTP; ${DATE}`,
    expect: { ip: '192.0.2.3' },
  },
  {
    cite: '§4.1.3 address-literal: IPv6-address-literal "IPv6:" prefix',
    line: `from a.example (a.example [IPv6:2001:db8::1]) by b.example with ESMTP; ${DATE}`,
    expect: { ip: '2001:db8::1' },
  },
  {
    cite: '§4.1.3 address-literal: IPv4',
    line: `from [192.0.2.4] by b.example with ESMTP; ${DATE}`,
    expect: { fromName: '192.0.2.4', ip: '192.0.2.4' },
  },
  // Opt-info = [Via] [With] [ID] [For] [Additional-Registered-Clauses]
  {
    cite: '§4.4 Via = CFWS "VIA" FWS Link ("TCP")',
    line: `from a.example by b.example via TCP with ESMTP; ${DATE}`,
    expect: { via: 'TCP', protocol: 'ESMTP' },
  },
  {
    cite: '§4.4 With = CFWS "WITH" FWS Protocol ("SMTP")',
    line: `from a.example by b.example with SMTP; ${DATE}`,
    expect: { protocol: 'SMTP', encrypted: false },
  },
  {
    cite: '§4.4 Protocol: RFC 3848 ESMTPS registered type',
    line: `from a.example by b.example with ESMTPS; ${DATE}`,
    expect: { protocol: 'ESMTPS', encrypted: true },
  },
  {
    cite: '§4.4 Protocol: RFC 6531 UTF8SMTPS registered type',
    line: `from a.example by b.example with UTF8SMTPS; ${DATE}`,
    expect: { protocol: 'UTF8SMTPS', encrypted: true },
  },
  {
    cite: '§4.4 ID = CFWS "ID" FWS Atom',
    line: `from a.example by b.example with ESMTP id 4AbC; ${DATE}`,
    expect: { id: '4AbC' },
  },
  {
    cite: '§4.4 ID = CFWS "ID" FWS msg-id',
    line: `from a.example by b.example with ESMTP id <x1@b.example>; ${DATE}`,
    expect: { id: 'x1@b.example' },
  },
  {
    cite: '§4.4 For = CFWS "FOR" FWS Path',
    line: `from a.example by b.example with ESMTP id 1 for <c@b.example>; ${DATE}`,
    expect: { for: 'c@b.example' },
  },
  {
    cite: '§4.4 For = CFWS "FOR" FWS Mailbox',
    line: `from a.example by b.example with ESMTP id 1 for c@b.example; ${DATE}`,
    expect: { for: 'c@b.example' },
  },
  {
    cite: '§4.4 For: a quoted local part (RFC 5321 §4.1.2 Quoted-string) is one Path',
    line: `from a.example by b.example with ESMTP id 1 for <"a (b) c"@b.example>; ${DATE}`,
    expect: { for: '"a (b) c"@b.example' },
  },
  {
    cite: '§4.4 Additional-Registered-Clauses: RFC 8314 "tls" clause',
    line: `from a.example by b.example with ESMTPS tls TLS_AES_256_GCM_SHA384; ${DATE}`,
    expect: { encrypted: true },
  },
  // CFWS: comments anywhere between tokens (RFC 5322 §3.2.2)
  {
    cite: '§4.4 CFWS: comments between clauses',
    line: `from a.example (c1) by b.example (Postfix) with ESMTP (c2) id 1 (c3); ${DATE}`,
    expect: { byName: 'b.example', protocol: 'ESMTP', id: '1' },
  },
  {
    cite: '§4.4 [CFWS] ";": a comment before the semicolon',
    line: `from a.example by b.example with ESMTP (c) ; ${DATE}`,
    expect: { dateMs: MS },
  },
  {
    cite: 'RFC 5322 §3.2.2: keywords inside comments are comment text',
    line: `from a.example (using TLSv1.3 with cipher X by y) by b.example with ESMTP; ${DATE}`,
    expect: { byName: 'b.example', protocol: 'ESMTP' },
  },
  {
    cite: 'RFC 5322 §3.2.2: nested comments',
    line: `from a.example (a.example [192.0.2.5] (AS1 (x))) by b.example with ESMTP; ${DATE}`,
    expect: { ip: '192.0.2.5', byName: 'b.example' },
  },
  // date-time after the last ";" (RFC 5322 §3.3, §3.6.7)
  {
    cite: 'RFC 5322 §3.6.7: the date-time follows the last ";"',
    line: `from a.example (x; y) by b.example with ESMTP id 1; ${DATE}`,
    expect: { dateMs: MS },
  },
  {
    cite: 'RFC 5322 §3.3: day-of-week is optional',
    line: 'from a.example by b.example with ESMTP; 2 Mar 2026 10:00:00 +0000',
    expect: { dateMs: MS },
  },
  {
    cite: 'RFC 5322 §4.3 obs-zone: "GMT"',
    line: 'from a.example by b.example with ESMTP; Mon, 2 Mar 2026 10:00:00 GMT',
    expect: { dateMs: MS },
  },
  {
    cite: 'RFC 5322 §4.3 obs-zone: "EST" is -0500',
    line: 'from a.example by b.example with ESMTP; Mon, 2 Mar 2026 05:00:00 EST',
    expect: { dateMs: MS },
  },
  {
    cite: 'RFC 5322 §3.3: a trailing comment after the zone',
    line: `from a.example by b.example with ESMTP; ${DATE} (UTC)`,
    expect: { dateMs: MS },
  },
  {
    cite: 'RFC 5322 §4.3 obs-year: two-digit year',
    line: 'from a.example by b.example with ESMTP; Mon, 2 Mar 26 10:00:00 +0000',
    expect: { dateMs: MS },
  },
  {
    cite: 'RFC 5322 §3.6.7: without ";" there is no date-time (relaxed: a trailing date is still read, receivers differ)',
    line: 'from a.example by b.example with SMTP',
    expect: { dateMs: null },
  },
];

describe('RFC 5321 §4.4 / RFC 5322 §3.6.7 Received conformance', () => {
  it.each(CASES)('$cite', (c) => {
    const p = parseReceived(c.line);
    for (const [k, v] of Object.entries(c.expect)) {
      expect(p[k as keyof typeof p], k).toEqual(v);
    }
  });
});
