// The content script passes only a slim header block to the background. Over every corpus
// message, the background's facts from the slim block must equal the header engine's facts from
// the full message (both redacted): nothing the engine reads may be lost or moved.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHeaders } from '../../../lib/headers/analyze.ts';
import { factsFromHeaders, PROVIDER_DOMAINS } from '../../../lib/messaging/facts-from-headers.ts';
import { redactFacts } from '../../../lib/messaging/redact-facts.ts';
import { cutHeaderBlock } from '../../../lib/webmail/header-block.ts';
import {
  maskLocalParts,
  OMITTED_FIELD,
  slimHeaderBlock,
} from '../../../lib/webmail/slim-header-block.ts';

const CORPUS = new URL('../../../../shared/corpus/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', CORPUS), 'utf8')) as {
  path: string;
}[];
const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('slimHeaderBlock', () => {
  it.each(index.map((entry) => entry.path))('keeps every fact of %s', (path) => {
    const raw = readFileSync(new URL(path, CORPUS), 'latin1');
    const block = cutHeaderBlock(raw);
    if (block === null) return;
    for (const site of ['gmail', 'outlook'] as const) {
      const full = redactFacts(
        analyzeHeaders(block, { providerDomains: PROVIDER_DOMAINS[site], now: NOW }),
      );
      // The one intended difference: a local pickup recorded as `from user@localhost` loses
      // its user name.
      for (const hop of full.hops)
        hop.from.host = hop.from.host === null ? null : maskLocalParts(hop.from.host);
      expect(factsFromHeaders(site, slimHeaderBlock(block), { now: NOW })).toEqual(full);
    }
  });

  it('drops subjects, message ids, display names and local parts, keeping positions', () => {
    const block = [
      'Received: from mx.sender.example (mx.sender.example [192.0.2.1]) by mx.google.com with ESMTPS id a1 for <bob.smith@gmail.com>; Mon, 1 Jan 2024 10:00:00 +0000',
      'Subject: Your secret invoice',
      'Message-ID: <1234.secret@sender.example>',
      'Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=alice+tag@sender.example; dkim=pass header.i=@sender.example',
      'From: "Alice Secret" <alice@sender.example>',
      'To: Bob <bob.smith@gmail.com>, carol@other.example',
    ].join('\r\n');
    const slim = slimHeaderBlock(block);
    expect(slim.block.split('\r\n')).toEqual([
      'received: from mx.sender.example (mx.sender.example [192.0.2.1]) by mx.google.com with ESMTPS id a1 for <x@gmail.com>; Mon, 1 Jan 2024 10:00:00 +0000',
      `${OMITTED_FIELD}:`,
      `${OMITTED_FIELD}:`,
      'authentication-results: mx.google.com; spf=pass smtp.mailfrom=x@sender.example; dkim=pass header.i=@sender.example',
      'from: <x@sender.example>',
      'to: <x@gmail.com>',
    ]);
    for (const secret of ['secret', 'Secret', 'bob', 'alice', 'carol', 'Alice'])
      expect(slim.block).not.toContain(secret);
  });

  it('omits fields named like Object.prototype members, as any other unread field', () => {
    const slim = slimHeaderBlock('Constructor: Alice <alice@a.example>\r\n__proto__: secret\r\n');
    expect(slim.block.split('\r\n')).toEqual([`${OMITTED_FIELD}:`, `${OMITTED_FIELD}:`]);
  });

  it('masks only local parts, never domains or tag names', () => {
    expect(maskLocalParts('i=joe@a.example; z=From:joe@a.example|To:x.y@b.example')).toBe(
      'i=x@a.example; z=From:x@a.example|To:x@b.example',
    );
    expect(maskLocalParts('header.i=@a.example smtp.mailfrom=a.example')).toBe(
      'header.i=@a.example smtp.mailfrom=a.example',
    );
  });

  it('passes the original block’s warnings on', () => {
    const slim = slimHeaderBlock(
      'Received: from a by b; Mon, 1 Jan 2024 10:00:00 +0000\r\n bad\r\n::junk',
    );
    expect(slim.warnings).toEqual(['skipped 1 malformed header line(s)']);
    expect(factsFromHeaders('gmail', slim).warnings[0]).toBe('skipped 1 malformed header line(s)');
  });
});
