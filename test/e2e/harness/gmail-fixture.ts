// Serves Gmail AT mail.google.com: conversation pages, and Gmail's "show original" (view=om) and
// "download original" (view=att) endpoints for their messages, built from raw message files the
// way Gmail escapes them into #raw_message_text. The endpoints behave as public sources show
// the real ones do; each behaviour cites its source below.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/webmail');
const ORIGIN = 'https://mail.google.com';
export const SIGN_IN_ORIGIN = 'https://accounts.google.com';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface GmailRequest {
  url: URL;
  cookie: string;
}

export interface GmailRequests {
  /** view=om requests that were answered (not redirected or refused). */
  showOriginal: URL[];
  /** Every view=om and view=att request, answered or not, in arrival order. */
  all: GmailRequest[];
  /** Requests the real Gmail would refuse (view=om without ik). Must stay empty. */
  refused: URL[];
}

export interface GmailBehaviour {
  /** The page: a fixture file name, or HTML made by the test. */
  page: string | { html: string };
  /** permmsgid → raw message file (absolute, or in test/fixtures/webmail). */
  originals: Record<string, string>;
  /** Other pages by path prefix, e.g. the popout window at /mail/u/0/popout. */
  pages?: Record<string, string>;
  /** Signed out: Gmail's endpoints redirect to Google's sign-in. */
  signedOut?: boolean;
  /** The first N view requests answer 429 with Retry-After. */
  tooManyFirst?: number;
  retryAfterSeconds?: number;
}

/** The two-conversation Gmail page, one message sent over TLS and one in plain text. */
export const TWO_THREADS = {
  page: 'gmail-two-threads.html',
  originals: {
    'msg-f:1743836977043622489': 'gmail-original-tls.eml.txt',
    'msg-f:1743836977043622500': 'gmail-original-plain.eml.txt',
  },
};

async function loadOriginals(files: Record<string, string>): Promise<Map<string, string>> {
  const originals = new Map<string, string>();
  for (const [permId, file] of Object.entries(files)) {
    const text = await readFile(resolve(FIXTURES, file), 'utf8');
    originals.set(permId, text.replace(/\r?\n/g, '\r\n'));
  }
  return originals;
}

// Gmail's pages enforce Trusted Types; so does the fixture.
const PAGE_HEADERS = {
  'content-security-policy': "require-trusted-types-for 'script'; trusted-types 'none'",
};

function showOriginalPage(raw: string): string {
  return `<!doctype html><html><body><table><tr><td>Original message</td></tr></table><pre class="raw_message_text" id="raw_message_text">${escapeHtml(raw)}</pre></body></html>`;
}

export async function serveGmailThread(
  context: BrowserContext,
  options: GmailBehaviour,
): Promise<GmailRequests> {
  const page =
    typeof options.page === 'string'
      ? await readFile(resolve(FIXTURES, options.page), 'utf8')
      : options.page.html;
  const extraPages = new Map<string, string>();
  for (const [prefix, file] of Object.entries(options.pages ?? {}))
    extraPages.set(prefix, await readFile(resolve(FIXTURES, file), 'utf8'));
  const originals = await loadOriginals(options.originals);
  const requests: GmailRequests = { showOriginal: [], all: [], refused: [] };
  let tooMany = options.tooManyFirst ?? 0;

  async function answerView(route: Route, url: URL): Promise<void> {
    const view = url.searchParams.get('view');
    requests.all.push({ url, cookie: (await route.request().allHeaders()).cookie ?? '' });
    if (options.signedOut) {
      // Signed out, Gmail sends the request on to Google's sign-in; the page cannot read that
      // host, so its fetch fails (InboxSDK/InboxSDK src/platform-implementation-js/
      // driver-common/gmailAjax.ts, the status-0 case). (A fulfilled 3xx fails a page fetch in
      // Chromium under Playwright whatever its target, so same-origin redirects, which the
      // browser follows, are proven over real HTTPS in test/e2e/gmail-redirects.test.ts.)
      const next = `${SIGN_IN_ORIGIN}/ServiceLogin?service=mail&continue=${encodeURIComponent(url.href)}`;
      return route.fulfill({ status: 302, headers: { location: next } });
    }
    if (tooMany > 0) {
      // Bursts are answered 429 (Likely; InboxSDK throttles itself to avoid it: gmailAjax.ts).
      tooMany -= 1;
      const seconds = String(options.retryAfterSeconds ?? 2);
      return route.fulfill({ status: 429, headers: { 'retry-after': seconds }, body: '' });
    }
    const raw = originals.get(url.searchParams.get('permmsgid') ?? '');
    if (view === 'att') {
      // Download original: the raw message (KartikTalwar/gmail.js src/gmail.js L3421-3436).
      if (!raw) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ status: 200, contentType: 'text/plain', body: raw });
    }
    if (!url.searchParams.get('ik')) {
      // No peer asks view=om without ik (InboxSDK getOriginalMessagePage.ts always sends it).
      requests.refused.push(url);
      return route.fulfill({ status: 400, body: 'missing ik' });
    }
    requests.showOriginal.push(url);
    if (!raw) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: showOriginalPage(raw),
    });
  }

  await context.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const view = url.searchParams.get('view');
    if (view === 'om' || view === 'att') return answerView(route, url);
    const extra = [...extraPages].find(([prefix]) => url.pathname.startsWith(prefix));
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: PAGE_HEADERS,
      body: extra?.[1] ?? page,
    });
  });
  // Google's sign-in page: no CORS headers for mail.google.com.
  await context.route(`${SIGN_IN_ORIGIN}/**`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><html><body><form action="/v3/signin/identifier">Sign in</form></body></html>',
    }),
  );
  return requests;
}

/**
 * A conversation with `count` expanded messages: Gmail's "Expand all" opens every message of a
 * conversation (University of West Florida help desk, "Conversations",
 * http://uwf.edu/helpdesk/google/how/conversations.cfm), and a conversation holds up to 100
 * messages (Wayne Township, "Conversation View",
 * https://waynetrc.wayne.k12.in.us/technology-resources-for-staff/staff-tools/gmailcalendar/conversation-view).
 * Each is an `h7` role=listitem wrapper around div.adn[data-message-id] (InboxSDK/InboxSDK
 * src/platform-implementation-js/dom-driver/gmail/views/gmail-thread-view.ts and
 * gmail-message-view.ts, getViewState); ik is GLOBALS[9] (KartikTalwar/gmail.js src/gmail.js
 * L75, api.tracker.ik).
 */
export function longConversation(count: number, firstId: bigint): { html: string; ids: string[] } {
  const ids = Array.from({ length: count }, (_, i) => `msg-f:${firstId + BigInt(i)}`);
  const messages = ids
    .map(
      (id) => `<div role="listitem" class="h7"><div class="adn ads" data-message-id="#${id}">
        <h3 class="iw"><span class="gD" email="alice@sender.example" name="Alice">Alice</span></h3>
        <div class="a3s aiL">Hello.</div></div></div>`,
    )
    .join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long thread - me@example.com - Gmail</title>
    <script>var GLOBALS = [null, null, null, null, null, null, null, null, null, '0a1b2c3d4e'];</script></head>
    <body><div role="main"><h2 class="hP" data-legacy-thread-id="1">Long thread</h2>${messages}</div></body></html>`;
  return { html, ids };
}
