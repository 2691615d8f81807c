import { describe, expect, it } from 'vitest';
import {
  cutHeaderBlock,
  MAX_HEADER_BLOCK_CHARS,
  readHeaderPart,
} from '../../../lib/webmail/header-block.ts';
import { extractRawMessageText } from '../../../lib/webmail/html-text.ts';

function streamOf(chunks: string[], onCancel: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
    cancel: onCancel,
  });
}

describe('header block', () => {
  it('keeps everything before the first empty line, CRLF or LF', () => {
    expect(cutHeaderBlock('A: 1\r\nB: 2\r\n\r\nbody')).toBe('A: 1\r\nB: 2');
    expect(cutHeaderBlock('A: 1\n b\n\nbody\n\nmore')).toBe('A: 1\n b');
  });

  it('refuses text that does not start with a header field', () => {
    expect(cutHeaderBlock('<html><body>Sign in</body></html>')).toBeNull();
    expect(cutHeaderBlock('')).toBeNull();
  });

  it('caps hostile header blocks', () => {
    const huge = `X: ${'a'.repeat(MAX_HEADER_BLOCK_CHARS * 2)}`;
    expect(cutHeaderBlock(huge)?.length).toBe(MAX_HEADER_BLOCK_CHARS);
  });

  it('stops reading the body stream once the header block is complete', async () => {
    let cancelled = false;
    let pulledBody = false;
    const chunks = ['Received: from a\r\n', 'Subject: x\r\n\r\nbody starts', 'SECRET BODY'];
    const stream = streamOf(chunks, () => {
      cancelled = true;
    });
    const text = await readHeaderPart(stream, async () => {
      pulledBody = true;
      return '';
    });
    expect(text).not.toContain('SECRET BODY');
    expect(cancelled).toBe(true);
    expect(pulledBody).toBe(false);
  });
});

describe('show original page text', () => {
  it('decodes the escaped source and drops Gmail link markup', () => {
    const html =
      '<html><pre class="raw_message_text" id="raw_message_text">From: A &lt;a@x.example&gt;\n' +
      'X-Link: <a href="https://x">https://x</a>\nX-Amp: &amp;&#39;&#x41;\n\nbody</pre>';
    expect(extractRawMessageText(html)).toBe(
      "From: A <a@x.example>\nX-Link: https://x\nX-Amp: &'A\n\nbody",
    );
  });

  it('returns null for a page without the raw message', () => {
    expect(extractRawMessageText('<html><form action="ServiceLogin"></form></html>')).toBeNull();
  });
});
