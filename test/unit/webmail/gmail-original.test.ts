import { describe, expect, it } from 'vitest';
import { unreadable } from '../../../lib/messaging/unreadable-reason.ts';
import type { GmailMessageId } from '../../../lib/webmail/gmail-ids.ts';
import { fetchGmailHeaderBlock } from '../../../lib/webmail/gmail-original.ts';
import { createRateLimiter, GMAIL_RATE_WINDOWS } from '../../../lib/webmail/rate-limiter.ts';

const ID: GmailMessageId = { permId: 'msg-f:1743836977043622489', legacyHex: '18335a7dcae04a59' };
const HEADERS = 'Received: from mx.example.org by mx.google.com with ESMTPS\r\nSubject: hi';
const SHOW_ORIGINAL = `<html><body><pre id="raw_message_text">${HEADERS.replace('<', '&lt;')}\r\n\r\nbody text</pre></body></html>`;

type Route = (url: URL, init: RequestInit | undefined) => Response;

function fakeGmail(route: Route) {
  const calls: { url: URL; init: RequestInit | undefined }[] = [];
  const fetch = async (input: string, init?: RequestInit) => {
    const url = new URL(input);
    calls.push({ url, init });
    return route(url, init);
  };
  return { fetch, calls };
}

function landed(response: Response, url: string, redirected = true): Response {
  Object.defineProperty(response, 'url', { value: url });
  Object.defineProperty(response, 'redirected', { value: redirected });
  return response;
}

function options(extra: Partial<Parameters<typeof fetchGmailHeaderBlock>[1]> = {}) {
  let clock = 0;
  const sleep = async (ms: number) => {
    clock += ms;
  };
  const now = () => clock;
  return {
    origin: 'https://mail.google.com',
    base: '/mail/u/1/',
    ik: 'abc123def0',
    limiter: createRateLimiter(GMAIL_RATE_WINDOWS, { now, sleep }),
    sleep,
    now,
    ...extra,
  };
}

describe('Gmail raw headers', () => {
  it('reads the header block from show original, with ik and permmsgid on the account path', async () => {
    const gmail = fakeGmail(() => new Response(SHOW_ORIGINAL, { status: 200 }));
    const result = await fetchGmailHeaderBlock(ID, options({ fetch: gmail.fetch }));
    expect(result).toEqual({ kind: 'headers', headerBlock: HEADERS, source: 'gmail view=om' });
    const call = gmail.calls[0];
    expect(call?.url.pathname).toBe('/mail/u/1/');
    expect(Object.fromEntries(call?.url.searchParams ?? [])).toEqual({
      ik: 'abc123def0',
      view: 'om',
      permmsgid: 'msg-f:1743836977043622489',
    });
    // Same-origin redirects are followed, as peers do (InboxSDK gmailAjax.ts).
    expect(call?.init).toMatchObject({ credentials: 'include', redirect: 'follow' });
  });

  it('never asks show original without ik: download original (view=att) instead', async () => {
    const gmail = fakeGmail((url) =>
      url.searchParams.get('view') === 'att'
        ? new Response(`${HEADERS}\r\n\r\nbody`, { status: 200 })
        : new Response('', { status: 400 }),
    );
    const result = await fetchGmailHeaderBlock(ID, options({ ik: null, fetch: gmail.fetch }));
    expect(result).toEqual({ kind: 'headers', headerBlock: HEADERS, source: 'gmail view=att' });
    expect(gmail.calls.map((c) => c.url.searchParams.get('view'))).toEqual(['att']);
  });

  it('falls back to download original (view=att) when show original fails', async () => {
    const gmail = fakeGmail((url) =>
      url.searchParams.get('view') === 'om'
        ? new Response('<html>changed layout</html>', { status: 200 })
        : new Response(`${HEADERS}\r\n\r\nbody`, { status: 200 }),
    );
    const result = await fetchGmailHeaderBlock(ID, options({ fetch: gmail.fetch, now: () => 42 }));
    expect(result).toEqual({ kind: 'headers', headerBlock: HEADERS, source: 'gmail view=att' });
    const att = gmail.calls[1]?.url;
    expect(att?.searchParams.get('permmsgid')).toBe(ID.permId);
    expect(att?.searchParams.get('attid')).toBe('0');
    expect(att?.searchParams.get('cacheCounter')).toBe('42');
  });

  it('follows a same-origin redirect (/mail/ → /mail/u/0/) and reads the page it lands on', async () => {
    const gmail = fakeGmail(() =>
      landed(
        new Response(SHOW_ORIGINAL, { status: 200 }),
        'https://mail.google.com/mail/u/0/?view=om',
      ),
    );
    const result = await fetchGmailHeaderBlock(ID, options({ fetch: gmail.fetch }));
    expect(result.kind).toBe('headers');
  });

  it('says signed out only for Google sign-in: a readable landing there, or a sign-in page', async () => {
    const readable = fakeGmail(() =>
      landed(new Response('<html>x</html>'), 'https://accounts.google.com/ServiceLogin?x'),
    );
    expect(await fetchGmailHeaderBlock(ID, options({ fetch: readable.fetch }))).toEqual({
      kind: 'login-required',
    });
    const page = fakeGmail(
      () =>
        new Response('<html><form action="https://accounts.google.com/v3/signin/x"></form></html>'),
    );
    expect((await fetchGmailHeaderBlock(ID, options({ fetch: page.fetch }))).kind).toBe(
      'login-required',
    );
  });

  it('reads a followed fetch that fails on an off-origin redirect as the sign-in redirect', async () => {
    // The page may not read accounts.google.com, so the followed fetch fails outright
    // (InboxSDK gmailAjax.ts); the manual probe shows it was a redirect away from Gmail.
    const gmail = fakeGmail((_url, init) => {
      if (init?.redirect === 'follow') throw new TypeError('Failed to fetch');
      const probe = new Response(null, { status: 200 });
      Object.defineProperty(probe, 'type', { value: 'opaqueredirect' });
      return probe;
    });
    expect(await fetchGmailHeaderBlock(ID, options({ fetch: gmail.fetch }))).toEqual({
      kind: 'login-required',
    });
  });

  it('does not call a redirect elsewhere, or a plain 3xx, signed out', async () => {
    const elsewhere = fakeGmail((url) =>
      url.searchParams.get('view') === 'om'
        ? landed(new Response('<html>x</html>'), 'https://example.com/other')
        : new Response('', { status: 500 }),
    );
    expect(await fetchGmailHeaderBlock(ID, options({ fetch: elsewhere.fetch }))).toEqual(
      unreadable('unreadable_gmailDownloadStatus', '500'),
    );
  });

  it('waits out a 429 (Retry-After), says it is retrying, and then reads the headers', async () => {
    let asked = 0;
    const gmail = fakeGmail(() => {
      asked += 1;
      return asked === 1
        ? new Response('', { status: 429, headers: { 'retry-after': '3' } })
        : new Response(SHOW_ORIGINAL, { status: 200 });
    });
    const progress: string[] = [];
    const opts = options({ fetch: gmail.fetch, onProgress: (state) => progress.push(state) });
    const result = await fetchGmailHeaderBlock(ID, opts);
    expect(result.kind).toBe('headers');
    expect(progress).toEqual(['rate-limited']);
    expect(opts.now()).toBeGreaterThanOrEqual(3000);
  });

  it('gives up after the back-off steps with "can\'t read", never a verdict', async () => {
    const gmail = fakeGmail(() => new Response('', { status: 429 }));
    const result = await fetchGmailHeaderBlock(
      ID,
      options({ fetch: gmail.fetch, backoffMs: [10, 20] }),
    );
    expect(result).toEqual(unreadable('unreadable_tooManyRequests'));
    // Show original: 1 + 2 retries; download original: 1 + 2 retries.
    expect(gmail.calls).toHaveLength(6);
  });

  it('says unreadable when every endpoint fails, network errors included', async () => {
    const gmail = fakeGmail(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await fetchGmailHeaderBlock(ID, options({ fetch: gmail.fetch }))).toEqual(
      unreadable('unreadable_requestFailed', 'Failed to fetch'),
    );
  });
});
