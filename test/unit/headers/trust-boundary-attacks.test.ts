// Issue 14, fixed regression cases: text the sender chose (HELO, ident, envelope addresses, SASL
// login) must neither extend the trust boundary nor count as TLS evidence. Each recipient line
// is in the grammar its MTA writes (sources in lib/headers/received-from.ts); each planted
// header below it claims TLS 1.3 and a full DKIM/SPF/DMARC pass.
import { describe, expect, it } from 'vitest';
import { parseAuthResults } from '../../../lib/headers/auth-results.ts';
import { analyzeHeaders } from '../../../lib/headers/index.ts';
import type { MessageFacts } from '../../../lib/headers/message-facts.ts';
import { parseReceived } from '../../../lib/headers/received.ts';

const DATE = 'Mon, 02 Mar 2026 10:00:00 +0000';
const PLANTED = [
  'Authentication-Results: mx.example.net; dkim=pass header.d=signer.example header.s=s1; spf=pass smtp.mailfrom=ceo@signer.example; dmarc=pass header.from=signer.example',
  `Received: from relay.signer.example (relay.signer.example [10.0.0.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by mx.example.net (Postfix) with ESMTPS id P1 for <victim@example.net>; ${DATE}`,
  'Authentication-Results: mx.example.net; dkim=pass header.d=signer.example; spf=pass smtp.mailfrom=ceo@signer.example; dmarc=pass header.from=signer.example',
  `Received: from [10.0.0.2] (helo=internal) by relay.signer.example with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) id P2; ${DATE}`,
];

function message(recipientReceived: string): MessageFacts {
  const raw = [
    `Received: ${recipientReceived}`,
    ...PLANTED,
    'From: CEO <ceo@signer.example>',
    'To: victim@example.net',
    'Subject: wire transfer',
    '',
    'body',
  ].join('\r\n');
  return analyzeHeaders(raw, { now: Date.UTC(2026, 2, 4) });
}

/** Everything a badge would show green. */
function greens(f: MessageFacts): string[] {
  const g: string[] = [];
  const a = f.authentication;
  if (a.dmarc?.result === 'pass') g.push('dmarc');
  if (a.spf?.result === 'pass') g.push('spf');
  if (a.dkim.some((d) => d.result === 'pass')) g.push('dkim');
  if (f.alignment.dkim.relaxed) g.push('dkim-aligned');
  if (f.transport.handoffEncrypted === true) g.push('handoff-tls');
  if (f.transport.recipientHopsEncrypted === true) g.push('recipient-tls');
  return g;
}

/** [MTA family, the recipient's Received value, the client address it recorded] */
const ATTACKS: [string, string, string][] = [
  [
    'Exim, unverified client, HELO an address literal (the issue)',
    `from [203.0.113.9] (helo=[10.0.0.1]) by mx.example.net with esmtp (Exim 4.96) (envelope-from <ceo@signer.example>) id 1vXz-000A-B1 for victim@example.net; ${DATE}`,
    '203.0.113.9',
  ],
  [
    'Exim, with port and ident',
    `from [203.0.113.9] (port=40312 helo=[10.0.0.1] ident=10.0.0.3) by mx.example.net with esmtp (Exim 4.96) id 1vXz-000A-B2; ${DATE}`,
    '203.0.113.9',
  ],
  [
    'Exim, verified name, HELO an address literal',
    `from attacker.example ([203.0.113.9]:40312 helo=[10.0.0.1]) by mx.example.net with esmtp (Exim 4.96) id 1vXz-000A-B3; ${DATE}`,
    '203.0.113.9',
  ],
  [
    'Postfix, HELO an address literal',
    `from [10.0.0.1] (unknown [203.0.113.9]) by mx.example.net (Postfix) with ESMTP id 4AbC; ${DATE}`,
    '203.0.113.9',
  ],
  [
    'Postfix, HELO the keyword `by`',
    `from by (unknown [203.0.113.9]) by mx.example.net (Postfix) with ESMTP id 4AbD; ${DATE}`,
    '203.0.113.9',
  ],
  [
    'qmail, HELO an address',
    `from unknown (HELO 10.0.0.1) (203.0.113.9) by mx.example.net with SMTP; ${DATE}`,
    '203.0.113.9',
  ],
  [
    'qmail, ident an address',
    `from unknown (HELO x) (10.0.0.1@203.0.113.9) by mx.example.net with SMTP; ${DATE}`,
    '203.0.113.9',
  ],
  [
    'Sendmail, HELO an address literal',
    `from [10.0.0.1] (attacker.example [203.0.113.9]) by mx.example.net (8.17.1/8.17.1) with ESMTP id 62HA00aB; ${DATE}`,
    '203.0.113.9',
  ],
  [
    'Exchange, HELO an address literal',
    `from [10.0.0.1] (203.0.113.9) by mx.example.net (10.1.2.3) with Microsoft SMTP Server id 15.20.1.1; ${DATE}`,
    '203.0.113.9',
  ],
  [
    'Exchange, HELO a parenthesised address',
    `from (10.0.0.1) (203.0.113.9) by mx.example.net (10.1.2.3) with Microsoft SMTP Server id 15.20.1.1; ${DATE}`,
    '203.0.113.9',
  ],
  [
    'Gmail-style, HELO with a glued address comment',
    `from x([10.0.0.1]) (attacker.example. [203.0.113.9]) by mx.example.net with ESMTP id a1si1; ${DATE}`,
    '203.0.113.9',
  ],
];

describe('issue 14: the client is read only where the MTA records it', () => {
  it.each(ATTACKS)('%s', (_family, line, ip) => {
    expect(parseReceived(line).ip).toBe(ip);
    const f = message(line);
    expect(f.trust.handoffIndex).toBe(f.hops.length - 1);
    expect(f.hops[f.hops.length - 1]?.from.ip).toBe(ip);
    expect(f.hops.slice(0, -1).every((h) => h.recordedBy === 'sender')).toBe(true);
    expect(f.authentication.dmarc).toBeNull();
    expect(f.authentication.dkim).toEqual([]);
    expect(greens(f)).toEqual([]);
    expect(f.claims.some((c) => c.method === 'dmarc' && c.result === 'pass')).toBe(true);
  });
});

/** [where the sender's text sits, the recipient's Received value] */
const FAKE_TLS: [string, string][] = [
  [
    'Exim HELO, colon tuple',
    `from [203.0.113.9] (helo=(TLSv1.3:TLS_AES_256_GCM_SHA384:256)) by mx.example.net with esmtp (Exim 4.96) id 1vXz-000A-C1; ${DATE}`,
  ],
  [
    'Exim HELO, version= form',
    `from [203.0.113.9] (helo=(version=TLS1_3,cipher=TLS_AES_256_GCM_SHA384)) by mx.example.net with esmtp (Exim 4.96) id 1vXz-000A-C2; ${DATE}`,
  ],
  [
    'Exim HELO, unbalanced paren',
    `from [203.0.113.9] (helo=x(version=TLS1_3) by mx.example.net with esmtp (Exim 4.96) id 1vXz-000A-C3; ${DATE}`,
  ],
  [
    'Exim envelope-from, quoted local part',
    `from [203.0.113.9] (helo=x.example) by mx.example.net with esmtp (Exim 4.96) (envelope-from <"(TLSv1.3:TLS_AES_256_GCM_SHA384:256)"@x.example>) id 1vXz-000A-C4; ${DATE}`,
  ],
  [
    'Gmail-style HELO, colon tuple as the name',
    `from (TLSv1.3:TLS_AES_256_GCM_SHA384:256) (attacker.example. [203.0.113.9]) by mx.example.net with ESMTP id a1si2; ${DATE}`,
  ],
  [
    'Gmail-style HELO, version= form as the name',
    `from (version=TLS1_3,cipher=TLS_AES_256_GCM_SHA384) (attacker.example. [203.0.113.9]) by mx.example.net with ESMTP id a1si3; ${DATE}`,
  ],
  [
    'Gmail-style HELO, unbalanced paren',
    `from x(version=TLS1_3 (attacker.example. [203.0.113.9]) by mx.example.net with ESMTP id a1si4; ${DATE}`,
  ],
  [
    'Postfix recipient address, quoted local part',
    `from x.example (attacker.example [203.0.113.9]) by mx.example.net (Postfix) with ESMTP id 4AbE for <"(TLSv1.3:TLS_AES_256_GCM_SHA384:256)"@example.net>; ${DATE}`,
  ],
  [
    'Postfix SASL login',
    `from x.example (attacker.example [203.0.113.9]) (Authenticated sender: TLSv1.3:TLS_AES_256_GCM_SHA384:256) by mx.example.net (Postfix) with ESMTPA id 4AbF; ${DATE}`,
  ],
  [
    'qmail HELO and ident',
    `from unknown (HELO TLSv1.3:TLS_AES_256_GCM_SHA384:256) (version=TLS1_3@203.0.113.9) by mx.example.net with SMTP; ${DATE}`,
  ],
  [
    'qmail-ldap envelope-sender',
    `from unknown (HELO x) (203.0.113.9) (envelope-sender <TLSv1.3:TLS_AES_256_GCM_SHA384:256@x>) by mx.example.net with SMTP; ${DATE}`,
  ],
];

describe('issue 14: sender-chosen text is never TLS evidence', () => {
  it.each(FAKE_TLS)('%s', (_where, line) => {
    const p = parseReceived(line);
    expect(p.encrypted).toBe(false);
    expect(p.tls).toBeNull();
    expect(p.ip).toBe('203.0.113.9');
    expect(p.byName).toBe('mx.example.net');
    const f = message(line);
    expect(f.transport.handoffEncrypted).toBe(false);
    expect(greens(f)).toEqual([]);
  });

  it('an unbalanced HELO in Gmail’s Authentication-Results does not hide dmarc=fail', () => {
    const value =
      'mx.google.com; spf=neutral (google.com: x(version=TLS1_3 is neither permitted nor denied by best guess record for domain of postmaster@x(version=TLS1_3) smtp.helo=x(version=TLS1_3; dmarc=fail (p=REJECT sp=REJECT dis=REJECT) header.from=signer.example';
    const parsed = parseAuthResults(value, 'authentication-results', 0);
    expect(parsed.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'spf=neutral',
      'dmarc=fail',
    ]);
  });

  it('an unclosed quote does not hide the results after it', () => {
    const value =
      'mx.google.com; spf=pass smtp.mailfrom="x@y; dmarc=fail header.from=signer.example';
    const parsed = parseAuthResults(value, 'authentication-results', 0);
    expect(parsed.results.find((r) => r.method === 'dmarc')?.result).toBe('fail');
  });

  it('the real TLS comment after such text still counts (Postfix, Exim, Gmail)', () => {
    const postfix = parseReceived(
      `from (TLSv1.0:x:1) (attacker.example [203.0.113.9]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) by mx.example.net (Postfix) with ESMTPS id 1; ${DATE}`,
    );
    expect(postfix.tls?.version).toBe('TLSv1.2');
    const exim = parseReceived(
      `from [203.0.113.9] (helo=(TLSv1.3:TLS_AES_256_GCM_SHA384:256)) by mx.example.net with esmtps (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (Exim 4.96) id 1; ${DATE}`,
    );
    expect(exim.tls?.version).toBe('TLSv1.2');
    const gmail = parseReceived(
      `from x(version=TLS1_3 (attacker.example. [203.0.113.9]) by mx.google.com with ESMTPS id a1 for <v@gmail.com> (version=TLS1_2 cipher=ECDHE-ECDSA-AES128-GCM-SHA256 bits=128/128); ${DATE}`,
    );
    expect(gmail.tls?.version).toBe('TLSv1.2');
    expect(gmail.ip).toBe('203.0.113.9');
  });
});

describe('issue 17: `(from user@host)` is not the sending host', () => {
  it('Sendmail’s local submission names a user, not a client', () => {
    const p = parseReceived(
      `(from www-data@localhost) by vps.example.net (8.15.2/8.15.2/Submit) id 29AKBWwn005317; ${DATE}`,
    );
    expect(p.fromName).toBeNull();
    expect(p.ip).toBeNull();
    expect(p.encrypted).toBeNull();
  });

  it('Sendmail without HELO still records a network client in the same comment', () => {
    const p = parseReceived(
      `(from root@relay.example [198.51.100.4]) by mx.example.net (8.17.1/8.17.1) with SMTP id 1; ${DATE}`,
    );
    expect(p.ip).toBe('198.51.100.4');
    expect(p.fromRdns).toBe('relay.example');
  });
});
