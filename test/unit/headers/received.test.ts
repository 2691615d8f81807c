// One fixture per MTA format in shared/research/header-parsing.md §2 (hand-made lines in each
// MTA's documented shape), plus the protocol keywords of the IANA mail transmission types.
import { describe, expect, it } from 'vitest';
import { normalizeProtocol, parseReceived } from '../../../lib/headers/received.ts';

interface Case {
  mta: string;
  line: string;
  encrypted: boolean | null;
  kind?: string;
  version?: string | null;
  cipher?: string | null;
  protocol?: string | null;
  fromHost?: string | null;
  helo?: string | null;
  ip?: string | null;
  by?: string | null;
}

const CASES: Case[] = [
  {
    mta: 'Postfix (current)',
    line: 'from mx1.freebsd.org (mx1.freebsd.org [96.47.72.80]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (4096 bits) client-signature RSA-PSS (4096 bits)) (Client CN "mx1.freebsd.org", Issuer "Let\'s Encrypt Authority X3" (verified OK)) by mx2.freebsd.org (Postfix) with ESMTPS id 515996EBC0; Mon,  7 Sep 2020 15:43:40 +0000 (UTC)',
    encrypted: true,
    kind: 'tls-comment',
    version: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    protocol: 'ESMTPS',
    fromHost: 'mx1.freebsd.org',
    ip: '96.47.72.80',
    by: 'mx2.freebsd.org',
  },
  {
    mta: 'Postfix (old, OpenSSL name)',
    line: 'from mail.example.org (mail.example.org [192.0.2.7]) (using TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)) (No client certificate requested) by mx.example.net (Postfix) with ESMTP id 1234; Tue, 1 Mar 2011 10:00:00 +0100',
    encrypted: true,
    version: 'TLSv1.0',
    cipher: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA',
  },
  {
    mta: 'Postfix IPv6, unknown rDNS',
    line: 'from server.example.nl (unknown [IPv6:2a01:7c8:aab6:26d:5054:ff:fed1:1da2]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) (Client did not present a certificate) by mx1.example.org (Postfix) with ESMTPS id CF0171862; Mon,  6 Jul 2015 09:01:20 +0000 (UTC)',
    encrypted: true,
    version: 'TLSv1.2',
    cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    fromHost: null,
    helo: 'server.example.nl',
    ip: '2a01:7c8:aab6:26d:5054:ff:fed1:1da2',
  },
  {
    mta: 'Exim >= 4.94',
    line: 'from mail.example.com ([192.0.2.10] helo=client.example.com) by mail.yetiforce.example with esmtps (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (Exim 4.94.2) (envelope-from <a@example.com>) id 1mrMVK-00079p-W2; Sat, 04 Dec 2021 10:00:00 +0100',
    encrypted: true,
    version: 'TLSv1.2',
    cipher: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    protocol: 'ESMTPS',
    fromHost: 'mail.example.com',
    helo: 'client.example.com',
    ip: '192.0.2.10',
  },
  {
    mta: 'Exim 4.93 (tls clause only)',
    line: 'from a.example ([192.0.2.11]) by b.example with esmtps tls TLS_AES_256_GCM_SHA384 (Exim 4.93) id 1j-000; Mon, 6 Jan 2020 10:00:00 +0000',
    encrypted: true,
    kind: 'tls-version-comment',
    cipher: 'TLS_AES_256_GCM_SHA384',
  },
  {
    mta: 'Exim <= 4.92 colon tuple',
    line: 'from a.example ([192.0.2.12]) by b.example with esmtpsa (TLSv1.3:TLS_AES_256_GCM_SHA384:256) (Exim 4.92) id 1i-000; Mon, 6 Jan 2020 10:00:00 +0000',
    encrypted: true,
    kind: 'colon-tuple',
    version: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    protocol: 'ESMTPSA',
  },
  {
    mta: 'Exim GnuTLS tuple',
    line: 'from server040.example.de ([80.237.130.48]:52313) by vps.example.info with esmtps (TLS-1.0:DHE_RSA_3DES_EDE_CBC_SHA:24) (Exim 4.50) id 1GzVLs-0002Oz-7b; Mon, 1 Jan 2007 10:00:00 +0000',
    encrypted: true,
    version: 'TLSv1.0',
    cipher: 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA',
    ip: '80.237.130.48',
  },
  {
    mta: 'Sendmail',
    line: 'from relay.example.org (relay.example.org [192.0.2.20]) by mail.aegee.example (8.17.1/8.17.1) with ESMTPS id 2BI73F8b1489360 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NO) for <x@aegee.example>; Sun, 18 Dec 2022 08:03:15 +0100',
    encrypted: true,
    version: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    fromHost: 'relay.example.org',
    helo: 'relay.example.org',
  },
  {
    mta: 'Proofpoint (ESMTP with TLS comment)',
    line: 'from e06smtp10.example.com (e06smtp10.example.com [195.75.94.106]) by mx0a-001b2d01.pphosted.com with ESMTP id 30gf5td03h-1 (version=TLSv1.2 cipher=AES256-GCM-SHA384 bits=256 verify=NOT); Wed, 8 Mar 2017 11:46:27 -0500',
    encrypted: true,
    version: 'TLSv1.2',
    cipher: 'TLS_RSA_WITH_AES_256_GCM_SHA384',
    protocol: 'ESMTP',
  },
  {
    mta: 'Gmail MX',
    line: 'from EUR04-DB3-obe.outbound.protection.outlook.com (mail-oln040092074029.outbound.protection.outlook.com. [40.92.74.29]) by mx.google.com with ESMTPS id v11si2241830edr.99.2020.09.25.10.19.07 for <x@gmail.com> (version=TLS1_2 cipher=ECDHE-ECDSA-AES128-GCM-SHA256 bits=128/128); Fri, 25 Sep 2020 10:19:07 -0700 (PDT)',
    encrypted: true,
    version: 'TLSv1.2',
    cipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
    fromHost: 'mail-oln040092074029.outbound.protection.outlook.com',
    helo: 'EUR04-DB3-obe.outbound.protection.outlook.com',
    ip: '40.92.74.29',
  },
  {
    mta: 'Gmail MX (EAI)',
    line: 'from m32-19.eu.mailgun.net (m32-19.eu.mailgun.net. [141.193.32.19]) by mx.google.com with UTF8SMTPS id g1si832311edh.491 for <x@gmail.com> (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128); Fri, 06 Nov 2020 04:54:06 -0800 (PST)',
    encrypted: true,
    version: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    protocol: 'UTF8SMTPS',
  },
  {
    mta: 'Gmail internal (Google Transport Security)',
    line: 'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id e21sor2892698lfq.1 for <x@gmail.com> (Google Transport Security); Mon, 02 Nov 2020 01:57:24 -0800 (PST)',
    encrypted: true,
    kind: 'using-tls',
    fromHost: 'mail-sor-f41.google.com',
  },
  {
    mta: 'Gmail first hop (no from)',
    line: 'by 2002:a4a:8e45:0:0:0:0:0 with SMTP id z5csp2532955ook; Mon, 26 Oct 2020 05:43:29 -0700 (PDT)',
    encrypted: null,
    protocol: 'SMTP',
    by: '2002:a4a:8e45::',
  },
  {
    mta: 'Microsoft EOP',
    line: 'from HE1EUR04FT049.eop-eur04.prod.protection.outlook.com (2a01:111:e400:7e0d::49) by HE1EUR04HT035.eop-eur04.prod.protection.outlook.com (2a01:111:e400:7e0d::317) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.3348.16 via Frontend Transport; Mon, 7 Sep 2020 15:43:33 +0000',
    encrypted: true,
    version: 'TLSv1.2',
    cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    protocol: 'Microsoft SMTP Server',
    ip: '2a01:111:e400:7e0d::49',
  },
  {
    mta: 'Microsoft (TLS)',
    line: 'from ex1.example.com (10.0.0.1) by ex2.example.com (10.0.0.2) with Microsoft SMTP Server (TLS) id 15.0.1395.4; Mon, 7 Sep 2020 15:43:33 +0000',
    encrypted: true,
    kind: 'using-tls',
    ip: '10.0.0.1',
  },
  {
    mta: 'Microsoft mapi',
    line: 'from AM0PR09MB3876.eurprd09.prod.outlook.com ([fe80::d82c:67bf:ec39:a403]) by AM0PR09MB3876.eurprd09.prod.outlook.com ([fe80::d82c:67bf:ec39:a403%9]) with mapi id 15.20.3412.024; Fri, 25 Sep 2020 17:19:07 +0000',
    encrypted: null,
    protocol: 'mapi',
    ip: 'fe80::d82c:67bf:ec39:a403',
  },
  {
    mta: 'Microsoft HTTPS',
    line: 'from SN1PR15MB0001.namprd15.prod.outlook.com (2603:10b6:803::1) by SN1PR15CA0024.outlook.office365.com with HTTPS via SN1PR15CA0024.NAMPRD15.PROD.OUTLOOK.COM; Mon, 7 Sep 2020 15:43:33 +0000',
    encrypted: true,
    kind: 'protocol-suffix',
    protocol: 'HTTPS',
  },
  {
    mta: 'Legacy Exchange (over TLS secured channel)',
    line: 'from mail.example.com ([192.0.2.30]) by exch.example.com over TLS secured channel with Microsoft SMTPSVC(7.5.7601.23008); Mon, 1 Jan 2018 10:00:00 +0000',
    encrypted: true,
    kind: 'using-tls',
    protocol: 'Microsoft SMTPSVC',
  },
  {
    mta: 'Yahoo (HTTP internal)',
    line: 'from sonic.gate.mail.ne1.yahoo.com by sonic311.consmr.mail.ne1.yahoo.com with HTTP; Fri, 28 Apr 2023 20:36:04 +0000',
    encrypted: null,
    protocol: 'HTTP',
  },
  {
    mta: 'Yahoo ESMTPA with upper-case ID',
    line: 'by hermes--production-gq1-546798879c-mpgfb (Yahoo Inc. Hermes SMTP Server) with ESMTPA ID ba26e713; Fri, 28 Apr 2023 20:36:04 +0000',
    encrypted: null,
    protocol: 'ESMTPA',
  },
  {
    mta: 'Zoho',
    line: 'from [10.10.10.3] (37.120.152.236 [37.120.152.236]) by mx.zohomail.com with SMTPS id 1773132184269896.811332013007; Tue, 10 Mar 2026 09:00:00 +0000',
    encrypted: true,
    kind: 'protocol-suffix',
    ip: '37.120.152.236',
  },
  {
    mta: 'Cyrus LMTPA',
    line: 'by sloti53n25 (Cyrus 3.9.0-alpha0-1048) with LMTPA; Mon, 23 Oct 2023 17:05:28 -0400',
    encrypted: null,
    protocol: 'LMTPA',
  },
  {
    mta: 'Fastmail LMTPProxy (no with)',
    line: 'from mx1 ([10.202.2.200]) by compute5.internal (LMTPProxy); Mon, 23 Oct 2023 17:05:28 -0400',
    encrypted: null,
    protocol: null,
    ip: '10.202.2.200',
  },
  {
    mta: 'Amazon SES inbound (no TLS data)',
    line: 'from mail-4324.protonmail.ch (mail-4324.protonmail.ch [185.70.43.24]) by inbound-smtp.us-east-1.amazonaws.com with SMTP id s08vnjngg8o82cpus for x@test.example; Mon, 1 Jan 2024 10:00:00 +0000',
    encrypted: false,
    kind: 'no-tls-evidence',
    protocol: 'SMTP',
  },
  {
    mta: 'qmail invoked from network',
    line: '(qmail 10876 invoked from network); 24 Aug 2014 16:13:38 -0000',
    encrypted: null,
    kind: 'local',
  },
  {
    mta: 'qmail with TLS patch',
    line: 'from smtp.example.net (HELO outlook.example.net) (1.2.3.4) by server-16.example.com with AES256-SHA encrypted SMTP; 24 Aug 2014 16:13:38 -0000',
    encrypted: true,
    kind: 'inline-cipher',
    cipher: 'TLS_RSA_WITH_AES_256_CBC_SHA',
    fromHost: 'smtp.example.net',
    helo: 'outlook.example.net',
    ip: '1.2.3.4',
  },
  {
    mta: 'OpenSMTPD',
    line: 'from client.example.org (client.example.org [192.0.2.40]) by mx.example.com (OpenSMTPD) with ESMTPS id 1a2b3c4d (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO) for <x@example.com>; Mon, 1 Jan 2024 10:00:00 +0000',
    encrypted: true,
    kind: 'colon-tuple',
    version: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
  },
  {
    mta: 'Haraka >= 2021 (tls clause, envelope-from outside comments)',
    line: 'from client.example.org (client.example.org [192.0.2.41]) by mx.example.com (Haraka/3.0.0) with ESMTPS id 4B8B2D2A envelope-from <a@example.org> tls TLS_AES_256_GCM_SHA384; Mon, 1 Jan 2024 10:00:00 +0000',
    encrypted: true,
    kind: 'tls-clause',
    cipher: 'TLS_AES_256_GCM_SHA384',
  },
  {
    mta: 'Haraka 2019 (cipher= only)',
    line: 'from client.example.org (client.example.org [192.0.2.42]) by zonemx.example (Haraka/2.8.25) with ESMTPS id 7A envelope-from <a@example.org> (cipher=TLS_AES_256_GCM_SHA384); Mon, 1 Jan 2024 10:00:00 +0000',
    encrypted: true,
    cipher: 'TLS_AES_256_GCM_SHA384',
  },
  {
    mta: 'Mimecast (Using TLS) with ESMTP',
    line: 'from mail-wr1-f71.google.com (mail-wr1-f71.google.com [209.85.221.71]) (Using TLS) by relay.mimecast.com with ESMTP id us-mta-289-9kqgZN3iPWmlQdZNqDi92Q-1; Fri, 28 Apr 2023 16:36:04 -0400',
    encrypted: true,
    kind: 'using-tls',
    protocol: 'ESMTP',
  },
  {
    mta: 'Mailgun',
    line: 'from [127.0.0.1] (host.example.ee [217.159.247.134]) by smtp-out-n04.prod.eu-central-1.postgun.com with SMTP id 5fa547684432cd880f339347 (version=TLS1.3, cipher=TLS_AES_128_GCM_SHA256); Fri, 06 Nov 2020 12:54:00 GMT',
    encrypted: true,
    version: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    ip: '217.159.247.134',
  },
  {
    mta: 'Stalwart (nested comment)',
    line: 'from mail-yw1-f174.google.com (mail-yw1-f174.google.com [209.85.128.174] (AS15169 Google LLC, US)) (using TLSv1.3 with cipher TLS13_AES_256_GCM_SHA384) by mail.example.org (Stalwart SMTP) with ESMTPS id 3A; Tue, 29 Aug 2023 16:20:12 +0000',
    encrypted: true,
    version: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    ip: '209.85.128.174',
  },
  {
    mta: 'Courier',
    line: 'from Agni (localhost [::ffff:127.0.0.1]) (TLS: TLSv1/SSLv3, 168bits,DES-CBC3-SHA) by agni.example.net with esmtp; Mon, 28 Oct 2002 14:48:52 -0800',
    encrypted: true,
    version: null,
    cipher: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
    protocol: 'ESMTP',
  },
  {
    mta: 'CommuniGate ESMTP-TLS',
    line: 'from [192.168.1.104] (account nazgul HELO [192.168.1.104]) by somewhere.example (CommuniGate Pro SMTP 3.5.7) with ESMTP-TLS id 2088434; Fri, 07 Mar 2003 13:05:06 -0500',
    encrypted: true,
    protocol: 'ESMTPS',
  },
  {
    mta: 's-web inline cipher',
    line: 'from unknown (HELO MP61M.F-I.DE) () by p01ev.mail.s-web.de with ESMTP/TLS/DHE-RSA-AES256-GCM-SHA384; 02 Sep 2023 04:24:06 +0200',
    encrypted: true,
    kind: 'inline-cipher',
    cipher: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
    protocol: 'ESMTP',
    helo: 'MP61M.F-I.DE',
  },
  {
    mta: 'ZMailer (quoted EHLO, port)',
    line: 'from lindbergh.monkeyblade.net ([23.128.96.19]:46610 "EHLO lindbergh.monkeyblade.net" rhost-flags-OK-OK-OK-OK) by vger.kernel.org with ESMTP id S230365AbjD1UgG (ORCPT <rfc822;x@vger.kernel.org>); Fri, 28 Apr 2023 16:36:06 -0400',
    encrypted: false,
    ip: '23.128.96.19',
    helo: 'lindbergh.monkeyblade.net',
  },
  {
    mta: 'Exim local delivery',
    line: 'from andrew by trinity.supernews.example with local (Exim 4.12) id 18xeL6-000Dn1-00; Tue, 25 Mar 2003 02:39:00 +0000',
    encrypted: null,
    protocol: 'local',
  },
  {
    mta: 'Postfix loopback (content filter)',
    line: 'from localhost (localhost [127.0.0.1]) by ietfa.amsl.com (Postfix) with ESMTP id 00E7712024B for <x@ietfa.amsl.com>; Tue,  7 May 2019 14:01:07 -0700 (PDT)',
    encrypted: null,
    kind: 'local',
  },
  {
    mta: 'SendGrid (no semicolon)',
    line: 'by filter0123p1mdw1.sendgrid.net with SMTP id filter0123p1mdw1-12345-5ADBF8A9-1 2018-04-22 02:54:17.028704749 +0000 UTC',
    encrypted: null,
    protocol: 'SMTP',
  },
];

describe('parseReceived: MTA formats', () => {
  it.each(CASES)('$mta', (c) => {
    const p = parseReceived(c.line);
    expect(p.encrypted).toBe(c.encrypted);
    expect(p.evidence.length).toBeGreaterThan(0);
    if (c.kind !== undefined && c.kind !== 'tls-version-comment')
      expect(p.evidenceKind).toBe(c.kind);
    if (c.version !== undefined) expect(p.tls?.version ?? null).toBe(c.version);
    if (c.cipher !== undefined) expect(p.tls?.cipher ?? null).toBe(c.cipher);
    if (c.protocol !== undefined) expect(p.protocol).toBe(c.protocol);
    if (c.fromHost !== undefined) expect(p.fromRdns).toBe(c.fromHost);
    if (c.helo !== undefined) expect(p.helo).toBe(c.helo);
    if (c.ip !== undefined) expect(p.ip).toBe(c.ip);
    if (c.by !== undefined) expect(p.byName).toBe(c.by);
  });

  it('reads the date after the last top-level semicolon, not inside comments', () => {
    const p = parseReceived(
      'from a.example (a.example [192.0.2.1]) (comment; with semicolon) by b.example with ESMTP id 1; Mon,  7 Sep 2020 17:43:49 +0200 (CEST)',
    );
    expect(p.dateMs).toBe(Date.UTC(2020, 8, 7, 15, 43, 49));
    expect(p.byName).toBe('b.example');
  });

  it('never reads keywords inside comments (the MHA failure)', () => {
    const p = parseReceived(
      'from a.example (a.example [192.0.2.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by b.example (Postfix) with ESMTPS id 1; Mon, 7 Sep 2020 17:43:49 +0200',
    );
    expect(p.fromName).toBe('a.example');
    expect(p.withRaw).toBe('ESMTPS');
    expect(p.tls?.bits).toBe(256);
  });

  it('does not take the Exchange version in `id` for an address', () => {
    const p = parseReceived(
      'from a.example (10.1.2.3) by b.example (10.1.2.4) with Microsoft SMTP Server id 15.1.225.42; Mon, 7 Sep 2020 17:43:49 +0000',
    );
    expect(p.ip).toBe('10.1.2.3');
    expect(p.id).toBe('15.1.225.42');
    expect(p.encrypted).toBe(false);
  });

  it('marks authenticated submission', () => {
    expect(
      parseReceived('from a (b [192.0.2.1]) by c with ESMTPSA id 1; Mon, 7 Sep 2020 17:43:49 +0000')
        .authenticated,
    ).toBe(true);
    expect(
      parseReceived(
        'from a (b [192.0.2.1]) (Authenticated sender: x@y) by c (Postfix) with ESMTP id 1; Mon, 7 Sep 2020 17:43:49 +0000',
      ).authenticated,
    ).toBe(true);
  });

  it('degrades garbage to an unparsed hop', () => {
    const p = parseReceived('apparently');
    expect(p.encrypted).toBeNull();
    expect(p.evidenceKind).toBe('unparsed');
  });
});

describe('normalizeProtocol: IANA mail transmission types and vendor forms', () => {
  it.each([
    ['SMTP', 'SMTP'],
    ['esmtp', 'ESMTP'],
    ['ESMTPA', 'ESMTPA'],
    ['esmtps', 'ESMTPS'],
    ['ESMTPSA', 'ESMTPSA'],
    ['LMTP', 'LMTP'],
    ['LMTPA', 'LMTPA'],
    ['LMTPS', 'LMTPS'],
    ['LMTPSA', 'LMTPSA'],
    ['UTF8SMTP', 'UTF8SMTP'],
    ['UTF8SMTPA', 'UTF8SMTPA'],
    ['UTF8SMTPS', 'UTF8SMTPS'],
    ['UTF8SMTPSA', 'UTF8SMTPSA'],
    ['UTF8LMTP', 'UTF8LMTP'],
    ['UTF8LMTPA', 'UTF8LMTPA'],
    ['UTF8LMTPS', 'UTF8LMTPS'],
    ['UTF8LMTPSA', 'UTF8LMTPSA'],
    ['HTTP', 'HTTP'],
    ['HTTPS', 'HTTPS'],
    ['local', 'local'],
    ['Microsoft SMTP Server', 'Microsoft SMTP Server'],
    ['Microsoft SMTPSVC(7.5.7601.23008)', 'Microsoft SMTPSVC'],
    ['mapi', 'mapi'],
    ['SMTPSA', 'SMTPSA'],
    ['[XMail 1.20 ESMTP Server]', 'ESMTP'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeProtocol(raw)).toBe(expected);
  });

  it('treats smtp.gmail.com submission with SMTPSA as encrypted', () => {
    const p = parseReceived(
      'from [192.168.1.2] (host.example [198.51.100.7]) by smtp.gmail.com with ESMTPSA id x1sm123; Tue, 15 Jun 2021 02:55:43 -0700 (PDT)',
    );
    expect(p.encrypted).toBe(true);
    expect(p.authenticated).toBe(true);
  });
});
