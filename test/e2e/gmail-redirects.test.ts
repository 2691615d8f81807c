import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settledBadges } from './harness/badges.ts';
import { type ExtensionBrowser, launchExtensionBrowser } from './harness/extension-browser.ts';
import { chromiumFakeGoogleArgs, type FakeGoogle, startFakeGoogle } from './harness/fake-google.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/webmail');
const ALICE = 'msg-f:1743836977043622489'; // TLS 1.3 handoff into Gmail: amber
const NEWS = 'msg-f:1743836977043622500';
const IK = '0a1b2c3d4e';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Gmail's redirects, answered by a real HTTPS server so that real Chromium follows them (or
// refuses to) with its own network stack; Playwright's route.fulfill cannot make a page's fetch
// follow a 3xx. The browser reaches this server as https://mail.google.com and
// https://accounts.google.com (harness/fake-google.ts).
describe('Gmail redirects in real Chromium, over real HTTPS', () => {
  let fake: FakeGoogle;
  let browser: ExtensionBrowser;
  let page: string;
  let tlsOriginal: string;
  const movedServed: URL[] = [];

  function answer(request: IncomingMessage, url: URL, response: ServerResponse) {
    const host = request.headers.host;
    if (host === 'accounts.google.com') {
      // Google's sign-in page: HTML, no CORS headers for mail.google.com, so a page's fetch
      // that is sent here fails (InboxSDK/InboxSDK src/platform-implementation-js/
      // driver-common/gmailAjax.ts treats that status-0 failure as the sign-in case).
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><form action="/v3/signin/identifier">Sign in</form>');
      return;
    }
    const view = url.searchParams.get('view');
    const permId = url.searchParams.get('permmsgid');
    if (view === 'om' && url.pathname === '/mail/u/0/' && permId === ALICE) {
      // A same-origin move: the request is answered at another mail.google.com URL. The issue
      // (and every peer: InboxSDK gmailAjax.ts, gmail.js's XHRs) follows redirects; only a
      // redirect to Google's sign-in means signed out.
      const moved = new URL(url);
      moved.pathname = '/mail/u/0/moved/';
      response.writeHead(302, { location: `${moved.pathname}${moved.search}` });
      response.end();
      return;
    }
    if (view === 'om' && url.pathname === '/mail/u/0/moved/' && permId === ALICE) {
      movedServed.push(url);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><pre id="raw_message_text">${escapeHtml(tlsOriginal)}</pre></html>`,
      );
      return;
    }
    if (view === 'om' || view === 'att') {
      // The session of this message's account has ended: Gmail sends the request on to the
      // sign-in page (InboxSDK gmailAjax.ts; gmail.js src/gmail.js's source download).
      const next = `https://accounts.google.com/ServiceLogin?service=mail&continue=${encodeURIComponent(url.href)}`;
      response.writeHead(302, { location: next });
      response.end();
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "require-trusted-types-for 'script'; trusted-types 'none'",
    });
    response.end(page);
  }

  beforeAll(async () => {
    page = await readFile(resolve(FIXTURES, 'gmail-conversation.html'), 'utf8');
    tlsOriginal = (await readFile(resolve(FIXTURES, 'gmail-original-tls.eml.txt'), 'utf8')).replace(
      /\r?\n/g,
      '\r\n',
    );
    fake = await startFakeGoogle(answer);
    browser = await launchExtensionBrowser({ extraArgs: chromiumFakeGoogleArgs(fake) });
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });

  it('follows a same-origin 302 to a verdict, and a 302 to accounts.google.com says "signed out"', async () => {
    const tab = await browser.context.newPage();
    await tab.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQ');
    expect(await tab.evaluate(() => location.origin)).toBe('https://mail.google.com');
    const badges = await settledBadges(tab, 3);
    expect(badges).toEqual([
      {
        state: 'amber',
        problem: null,
        gmailMessageId: `#${ALICE}`,
        beside: 'alice@sender.example',
      },
      {
        state: 'problem',
        problem: 'login-required',
        gmailMessageId: `#${NEWS}`,
        beside: 'news@plain.example',
      },
      {
        state: 'problem',
        problem: 'sent-by-you',
        gmailMessageId: '#msg-a:r-8150470373447012345',
        beside: 'me@example.com',
      },
    ]);
    // The browser itself followed the 302: the moved URL was asked, with ik, once.
    expect(movedServed).toHaveLength(1);
    expect(movedServed[0]?.searchParams.get('ik')).toBe(IK);
    // The sign-in redirect reached the sign-in host (the browser followed it, then CORS hid it).
    expect(fake.requests.some((url) => url.host === 'accounts.google.com')).toBe(true);
    await tab.screenshot({ path: 'test/e2e/artifacts/gmail-redirects.png' });
    await tab.close();
  });
});
