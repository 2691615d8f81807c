// Serves a Gmail conversation AT mail.google.com, and Gmail's "show original" page (view=om)
// for its message, built from a raw message file the way Gmail escapes it into #raw_message_text.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/webmail');

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface GmailRequests {
  showOriginal: URL[];
}

/** The two-conversation Gmail page, one message sent over TLS and one in plain text. */
export const TWO_THREADS = {
  page: 'gmail-two-threads.html',
  originals: {
    'msg-f:1743836977043622489': 'gmail-original-tls.eml.txt',
    'msg-f:1743836977043622500': 'gmail-original-plain.eml.txt',
  },
};

export async function serveGmailThread(
  context: BrowserContext,
  options: { page: string; originals: Record<string, string> },
): Promise<GmailRequests> {
  const page = await readFile(resolve(FIXTURES, options.page), 'utf8');
  const originals = new Map<string, string>();
  for (const [permId, file] of Object.entries(options.originals)) {
    originals.set(
      permId,
      (await readFile(resolve(FIXTURES, file), 'utf8')).replace(/\r?\n/g, '\r\n'),
    );
  }
  const requests: GmailRequests = { showOriginal: [] };
  await context.route('https://mail.google.com/**', async (route) => {
    const url = new URL(route.request().url());
    if (url.searchParams.get('view') === 'om') {
      requests.showOriginal.push(url);
      const raw = originals.get(url.searchParams.get('permmsgid') ?? '');
      if (!raw) return route.fulfill({ status: 404, body: 'not found' });
      const html = `<!doctype html><html><body><table><tr><td>Original message</td></tr></table><pre class="raw_message_text" id="raw_message_text">${escapeHtml(raw)}</pre></body></html>`;
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    // Gmail's pages enforce Trusted Types; so does the fixture.
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: {
        'content-security-policy': "require-trusted-types-for 'script'; trusted-types 'none'",
      },
      body: page,
    });
  });
  return requests;
}
