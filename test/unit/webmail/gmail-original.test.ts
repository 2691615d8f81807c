import { describe, expect, it } from 'vitest';
import type { GmailMessageId } from '../../../lib/webmail/gmail-ids.ts';
import { fetchGmailHeaderBlock } from '../../../lib/webmail/gmail-original.ts';

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

function at(response: Response, url: string): Response {
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

const base = {
  origin: 'https://mail.google.com',
  base: '/mail/u/1/',
  sleep: async () => {},
  now: () => 42,
};

describe('Gmail raw headers', () => {
  it('reads the header block from show original, with permmsgid on the account path', async () => {
    const gmail = fakeGmail(() => new Response(SHOW_ORIGINAL, { status: 200 }));
    const result = await fetchGmailHeaderBlock(ID, {
      ...base,
      ik: 'abc123def0',
      fetch: gmail.fetch,
    });
    expect(result).toEqual({ kind: 'headers', headerBlock: HEADERS, source: 'gmail view=om' });
    const call = gmail.calls[0];
    expect(call?.url.pathname).toBe('/mail/u/1/');
    expect(Object.fromEntries(call?.url.searchParams ?? [])).toEqual({
      ik: 'abc123def0',
      view: 'om',
      permmsgid: 'msg-f:1743836977043622489',
    });
    expect(call?.init).toMatchObject({ credentials: 'include', redirect: 'manual' });
  });

  it('falls back to download original (view=att) when show original fails', async () => {
    const gmail = fakeGmail((url) =>
      url.searchParams.get('view') === 'om'
        ? new Response('<html>changed layout</html>', { status: 200 })
        : new Response(`${HEADERS}\r\n\r\nbody`, { status: 200 }),
    );
    const result = await fetchGmailHeaderBlock(ID, { ...base, fetch: gmail.fetch });
    expect(result).toEqual({ kind: 'headers', headerBlock: HEADERS, source: 'gmail view=att' });
    const att = gmail.calls[1]?.url;
    expect(att?.searchParams.get('permmsgid')).toBe(ID.permId);
    expect(att?.searchParams.get('attid')).toBe('0');
    expect(att?.searchParams.get('cacheCounter')).toBe('42');
  });

  it('reports a login redirect instead of guessing', async () => {
    const gmail = fakeGmail(() => new Response(null, { status: 302 }));
    expect(await fetchGmailHeaderBlock(ID, { ...base, fetch: gmail.fetch })).toEqual({
      kind: 'login-required',
    });
    const redirected = fakeGmail(() =>
      at(
        new Response('<html>Sign in</html>', { status: 200 }),
        'https://accounts.google.com/ServiceLogin?x',
      ),
    );
    expect((await fetchGmailHeaderBlock(ID, { ...base, fetch: redirected.fetch })).kind).toBe(
      'login-required',
    );
  });

  it('retries show original for a just-sent message until it appears', async () => {
    let asked = 0;
    const gmail = fakeGmail(() => {
      asked += 1;
      return asked < 3
        ? new Response('', { status: 404 })
        : new Response(SHOW_ORIGINAL, { status: 200 });
    });
    const waits: number[] = [];
    const result = await fetchGmailHeaderBlock(
      { permId: 'msg-a:r-815047037344701', legacyHex: null },
      {
        ...base,
        fetch: gmail.fetch,
        sleep: async (ms) => void waits.push(ms),
        sentRetryDelaysMs: [10, 20, 30],
      },
    );
    expect(result.kind).toBe('headers');
    expect(waits).toEqual([10, 20]);
    expect(gmail.calls[0]?.url.searchParams.get('permmsgid')).toBe('msg-a:r-815047037344701');
  });

  it('says unreadable when every endpoint fails, network errors included', async () => {
    const gmail = fakeGmail(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await fetchGmailHeaderBlock(ID, { ...base, fetch: gmail.fetch })).toEqual({
      kind: 'unreadable',
      reason: 'Failed to fetch',
    });
  });
});
