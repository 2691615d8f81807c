import { describe, expect, it } from 'vitest';
import {
  parseAuthResults,
  parseReceivedSpf,
  parseTagList,
} from '../../../lib/headers/auth-results.ts';
import { analyzeHeaders } from '../../../lib/headers/index.ts';

describe('parseAuthResults (RFC 8601, relaxed)', () => {
  it('reads methods, results, reasons, properties and comments', () => {
    const p = parseAuthResults(
      'mx.google.com; dkim=pass header.i=@zonevs.eu header.s=oct2016 header.b=0ZgeYqhD; arc=pass (i=1 spf=pass spfdomain=zone.ee); spf=neutral (google.com: 209.85.220.41 is neither permitted nor denied) smtp.mailfrom="andris+caf_=x@tr.ee"; dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=zone.ee',
      'authentication-results',
      3,
    );
    expect(p.authservId).toBe('mx.google.com');
    expect(p.results.map((r) => [r.method, r.result])).toEqual([
      ['dkim', 'pass'],
      ['arc', 'pass'],
      ['spf', 'neutral'],
      ['dmarc', 'fail'],
    ]);
    expect(p.results[0]?.properties['header.i']).toBe('@zonevs.eu');
    expect(p.results[2]?.properties['smtp.mailfrom']).toBe('andris+caf_=x@tr.ee');
    expect(p.results[3]?.comment).toBe('p=REJECT sp=REJECT dis=QUARANTINE');
    expect(p.results[0]?.headerIndex).toBe(3);
  });

  it('keeps repeated methods as a list', () => {
    const p = parseAuthResults(
      'example.net; spf=fail; spf=pass; dkim=fail header.d=a.example; dkim=pass header.d=b.example',
      'authentication-results',
      0,
    );
    expect(p.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'spf=fail',
      'spf=pass',
      'dkim=fail',
      'dkim=pass',
    ]);
  });

  it('accepts Outlook: no authserv-id, several results without ";", action= and compauth', () => {
    const p = parseAuthResults(
      'spf=pass (sender IP is 40.92.74.29) smtp.mailfrom=outlook.com; dkim=pass (signature was verified) header.d=outlook.com;dmarc=pass action=none header.from=outlook.com;compauth=pass reason=100',
      'authentication-results',
      0,
    );
    expect(p.authservId).toBeNull();
    expect(p.results.map((r) => r.method)).toEqual(['spf', 'dkim', 'dmarc', 'compauth']);
    expect(p.results[2]?.properties.action).toBe('none');
    expect(p.results[3]?.reason).toBe('100');
  });

  it('reads ARC-Authentication-Results instance and Microsoft’s "mx.microsoft.com 1"', () => {
    const p = parseAuthResults(
      'i=1; mx.microsoft.com 1; spf=none; dmarc=none; dkim=none; arc=none',
      'arc-authentication-results',
      0,
    );
    expect(p.instance).toBe(1);
    expect(p.authservId).toBe('mx.microsoft.com');
    expect(p.results).toHaveLength(4);
    expect(p.results[0]?.arcInstance).toBe(1);
  });

  it('attaches SES pseudo-results to the result before them', () => {
    const p = parseAuthResults(
      'amazonses.com; spf=pass (spfCheck: domain of protonmail.com designates 185.70.43.24 as permitted sender) client-ip=185.70.43.24; envelope-from=x@protonmail.com; helo=mail-4324.protonmail.ch; dkim=pass header.i=@protonmail.com; dmarc=pass header.from=protonmail.com;',
      'authentication-results',
      0,
    );
    expect(p.results.map((r) => r.method)).toEqual(['spf', 'dkim', 'dmarc']);
    expect(p.results[0]?.properties['client-ip']).toBe('185.70.43.24');
    expect(p.results[0]?.properties['envelope-from']).toBe('x@protonmail.com');
  });

  it('handles nested comments, quoted values with "(" and x- methods, "none" and versions', () => {
    const p = parseAuthResults(
      'example.org 1; dkim/1=pass (good (really) signature) header.b="ab(c"; x-ptr=pass; bimi=pass header.d=example.com policy.authority=pass',
      'authentication-results',
      0,
    );
    expect(p.authservId).toBe('example.org');
    expect(p.results.map((r) => r.method)).toEqual(['dkim', 'x-ptr', 'bimi']);
    expect(p.results[0]?.comment).toBe('good (really) signature');
    expect(p.results[0]?.properties['header.b']).toBe('ab(c');
    expect(parseAuthResults('example.net; none', 'authentication-results', 0).none).toBe(true);
  });
});

describe('parseReceivedSpf', () => {
  it('reads result, receiver from the comment and key=value pairs', () => {
    const r = parseReceivedSpf(
      'pass (google.com: domain of a@b.example designates 198.51.100.1 as permitted sender) client-ip=198.51.100.1; envelope-from="a@b.example"; helo=mail.b.example;',
      0,
    );
    expect(r?.result.result).toBe('pass');
    expect(r?.receiver).toBe('google.com');
    expect(r?.result.properties['client-ip']).toBe('198.51.100.1');
    expect(r?.result.properties['envelope-from']).toBe('a@b.example');
  });

  it('prefers receiver= (Microsoft)', () => {
    const r = parseReceivedSpf(
      'Pass (protection.outlook.com: domain of x designates 1.2.3.4 as permitted sender) receiver=protection.outlook.com; client-ip=1.2.3.4; helo=x;',
      0,
    );
    expect(r?.receiver).toBe('protection.outlook.com');
    expect(r?.result.result).toBe('pass');
  });

  it('returns null for garbage', () => {
    expect(parseReceivedSpf('', 0)).toBeNull();
    expect(parseReceivedSpf('(only a comment)', 0)).toBeNull();
  });
});

describe('DKIM-Signature and ARC-Seal', () => {
  const sig = (extra: string): string =>
    `Received: by mx.example.net with ESMTPS id 1; Tue, 3 Mar 2026 18:00:00 +0000\r\nDKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=Example.COM; s=s1; i=@example.com;\r\n h=From : To:Subject; t=1700000000; ${extra} bh=abc\r\n def=; b=AAA\r\n BBB\r\nFrom: a@example.com\r\n\r\n`;

  it('parses the tags, keeps b/bh without whitespace and lower-cases h and d', () => {
    const f = analyzeHeaders(sig('x=1900000000;'), { now: Date.UTC(2026, 0, 1) });
    const s = f.dkimSignatures[0];
    expect(s?.d).toBe('example.com');
    expect(s?.h).toEqual(['from', 'to', 'subject']);
    expect(s?.bh).toBe('abcdef=');
    expect(s?.b).toBe('AAABBB');
    expect(s?.t).toBe(1_700_000_000);
    expect(s?.expired).toBe(false);
    expect(s?.bodyLengthLimited).toBe(false);
    expect(f.dkimDomains).toEqual(['example.com']);
  });

  it('flags l= and expired signatures', () => {
    const f = analyzeHeaders(sig('l=100; x=1700000500;'), { now: Date.UTC(2026, 0, 1) });
    const s = f.dkimSignatures[0];
    expect(s?.l).toBe(100);
    expect(s?.bodyLengthLimited).toBe(true);
    expect(s?.expired).toBe(true);
    expect(s?.warnings.join(' ')).toMatch(/l=100/);
    expect(s?.warnings.join(' ')).toMatch(/expired/);
  });

  it('reads ARC-Seal i and cv', () => {
    const f = analyzeHeaders(
      'ARC-Seal: i=2; a=rsa-sha256; t=1604311044; cv=pass; d=google.com; s=arc-20160816; b=xyz\r\n\r\n',
    );
    expect(f.arcSeals[0]).toMatchObject({ i: 2, cv: 'pass', d: 'google.com', t: 1604311044 });
  });

  it('parseTagList keeps the first of duplicate tags', () => {
    expect(parseTagList('a=1; a=2; b = 3 ').get('a')).toBe('1');
    expect(parseTagList('a=1; a=2; b = 3 ').get('b')).toBe('3');
  });
});

describe('the worst trusted result', () => {
  const message = (results: string): string =>
    `Authentication-Results: mx.example.org; ${results}\r\n` +
    'Received: from out.sender.example (out.sender.example [192.0.2.1]) by mx.example.org with ESMTPS; Mon, 7 Sep 2020 17:43:49 +0200\r\n\r\n';

  it('wins over a pass, whatever the order', () => {
    const a = analyzeHeaders(
      message('dmarc=pass header.from=a.example; dmarc=fail header.from=a.example'),
    );
    const b = analyzeHeaders(
      message('dmarc=fail header.from=a.example; dmarc=pass header.from=a.example'),
    );
    expect(a.authentication.dmarc?.result).toBe('fail');
    expect(b.authentication.dmarc?.result).toBe('fail');
  });

  it('is not hidden by result words that name Object.prototype members', () => {
    for (const word of ['constructor', '__proto__', 'tostring']) {
      const f = analyzeHeaders(
        message(`dmarc=${word} header.from=a.example; dmarc=fail header.from=a.example`),
      );
      expect(f.authentication.dmarc?.result).toBe('fail');
      const g = analyzeHeaders(
        message(`dmarc=pass header.from=a.example; dmarc=${word} header.from=a.example`),
      );
      expect(g.authentication.dmarc?.result).toBe(word); // an unknown word ranks as neutral
    }
  });
});
