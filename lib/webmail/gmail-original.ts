// Raw headers of one Gmail message from Gmail's own endpoints, the way the page would ask:
// "show original" (view=om, HTML with the escaped source) first, "download original" (view=att,
// the raw RFC 822 bytes) as fallback. Only the header block is read; the body is never kept.
// Every request waits its turn in the rate limiter and follows same-origin redirects; only a
// redirect to Google's sign-in counts as signed out.

import {
  failedRequest,
  type UnreadableReason,
  type UnreadableReasonKey,
  unreadableReason,
} from '../messaging/unreadable-reason.ts';
import type { GmailMessageId } from './gmail-ids.ts';
import { cutHeaderBlock, readHeaderPart } from './header-block.ts';
import {
  type FetchLike,
  type FetchProgress,
  type HeaderFetchResult,
  realSleep,
  type Sleep,
} from './header-fetch-result.ts';
import { extractRawMessageText, hasCompleteEscapedHeaderBlock } from './html-text.ts';
import { type RateLimiter, retryAfterMs } from './rate-limiter.ts';

export interface GmailFetchOptions {
  /** https://mail.google.com */
  origin: string;
  /** Account base path from gmailAccountBase, e.g. /mail/u/1/ or /mail/b/x/u/0/. */
  base: string;
  /** Gmail's `ik` (GLOBALS[9]); without it show original is not asked at all. */
  ik: string | null;
  limiter: RateLimiter;
  fetch?: FetchLike;
  sleep?: Sleep;
  now?: () => number;
  onProgress?: FetchProgress;
  /** Back-off after a 429 without Retry-After, doubling per attempt; its length caps retries. */
  backoffMs?: readonly number[];
}

const SIGN_IN_HOST = /^accounts\.google\.com$/i;
const SIGN_IN_PATH = /ServiceLogin|\/signin\//i;
const SIGN_IN_PAGE = /accounts\.google\.com\/(?:ServiceLogin|v3\/signin|signin)/i;
const DEFAULT_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000];

export function showOriginalUrl(
  origin: string,
  base: string,
  id: GmailMessageId,
  ik: string,
): string | null {
  const params = new URLSearchParams({ ik, view: 'om' });
  if (id.permId) params.set('permmsgid', id.permId);
  else if (id.legacyHex) params.set('th', id.legacyHex);
  else return null;
  return `${origin}${base}?${params}`;
}

export function downloadOriginalUrl(
  origin: string,
  base: string,
  id: GmailMessageId,
  cacheBuster: number,
): string | null {
  const params = new URLSearchParams({ view: 'att' });
  if (id.permId?.startsWith('msg-f:')) params.set('permmsgid', id.permId);
  else if (id.legacyHex) params.set('th', id.legacyHex);
  else if (id.permId) params.set('permmsgid', id.permId);
  else return null;
  params.set('attid', '0');
  params.set('disp', 'comp');
  params.set('safe', '1');
  // A cached 302 to the attachment host fails CORS on reuse, so every request is fresh
  // (KartikTalwar/gmail.js PR #329).
  params.set('cacheCounter', String(cacheBuster));
  return `${origin}${base}?${params}&zw`;
}

type Attempt = HeaderFetchResult | { kind: 'retry'; reason: UnreadableReason };

function isSignIn(url: string): boolean {
  try {
    const parsed = new URL(url);
    return SIGN_IN_HOST.test(parsed.hostname) || SIGN_IN_PATH.test(parsed.pathname);
  } catch {
    return false;
  }
}

interface Requester {
  /** One rate-limited request; 429s are waited out here. Null: gave up on 429s. */
  get(url: string, redirect: RequestRedirect): Promise<Response | null>;
}

function requester(options: GmailFetchOptions): Requester {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  return {
    async get(url, redirect) {
      for (let attempt = 0; ; attempt++) {
        await options.limiter.acquire();
        const response = await doFetch(url, { credentials: 'include', redirect });
        if (response.status !== 429) return response;
        if (attempt >= backoff.length) return null;
        const wait =
          retryAfterMs(response.headers.get('retry-after'), now()) ?? backoff[attempt] ?? 1000;
        options.limiter.pauseUntil(now() + wait);
        options.onProgress?.('rate-limited');
        await sleep(wait);
      }
    },
  };
}

/** A followed fetch failed outright: was it a redirect that left Gmail (the sign-in page)? */
async function leftGmail(request: Requester, url: string): Promise<boolean> {
  try {
    const probe = await request.get(url, 'manual');
    return probe?.type === 'opaqueredirect';
  } catch {
    return false;
  }
}

const retry = (key: UnreadableReasonKey, ...params: string[]): Attempt => ({
  kind: 'retry',
  reason: unreadableReason(key, ...params),
});

/** Final URL checks shared by both endpoints: sign-in, or another origin we cannot trust. */
function judgeLanding(response: Response, origin: string): Attempt | null {
  if (isSignIn(response.url)) return { kind: 'login-required' };
  if (response.redirected && response.url && new URL(response.url).origin !== origin) {
    return retry('unreadable_gmailOriginalRedirected', new URL(response.url).host);
  }
  if (!response.ok) return retry('unreadable_gmailOriginalStatus', String(response.status));
  return null;
}

async function tryShowOriginal(request: Requester, url: string, origin: string): Promise<Attempt> {
  let response: Response | null;
  try {
    response = await request.get(url, 'follow');
  } catch (error) {
    // A redirect to accounts.google.com fails as a network error: the page may not read it
    // (InboxSDK/InboxSDK src/platform-implementation-js/driver-common/gmailAjax.ts).
    if (await leftGmail(request, url)) return { kind: 'login-required' };
    throw error;
  }
  if (!response) return retry('unreadable_tooManyRequests');
  const landing = judgeLanding(response, origin);
  if (landing) return landing;
  const html = await readHeaderPart(
    response.body,
    () => response.text(),
    hasCompleteEscapedHeaderBlock,
  );
  const raw = extractRawMessageText(html);
  if (raw === null) {
    if (SIGN_IN_PAGE.test(html)) return { kind: 'login-required' };
    return retry('unreadable_gmailOriginalNoRawMessage');
  }
  const headerBlock = cutHeaderBlock(raw);
  return headerBlock
    ? { kind: 'headers', headerBlock, source: 'gmail view=om' }
    : retry('unreadable_gmailOriginalNoHeaders');
}

async function tryDownloadOriginal(request: Requester, url: string): Promise<Attempt> {
  const response = await request.get(url, 'follow');
  if (!response) return retry('unreadable_tooManyRequests');
  // view=att ends on Google's attachment host, which is expected (KartikTalwar/gmail.js
  // src/gmail.js, api.helper.get.email_source_pre): only sign-in is judged here.
  if (isSignIn(response.url)) return { kind: 'login-required' };
  if (!response.ok) return retry('unreadable_gmailDownloadStatus', String(response.status));
  const raw = await readHeaderPart(response.body, () => response.text());
  const headerBlock = cutHeaderBlock(raw);
  return headerBlock
    ? { kind: 'headers', headerBlock, source: 'gmail view=att' }
    : retry('unreadable_gmailDownloadNoHeaders');
}

async function attempt(run: () => Promise<Attempt>): Promise<Attempt> {
  try {
    return await run();
  } catch (error) {
    return { kind: 'retry', reason: failedRequest(error).reason };
  }
}

export async function fetchGmailHeaderBlock(
  id: GmailMessageId,
  options: GmailFetchOptions,
): Promise<HeaderFetchResult> {
  const request = requester(options);
  const now = options.now ?? Date.now;
  const reasons: UnreadableReason[] = [];
  // Peers always send ik with view=om (InboxSDK getOriginalMessagePage.ts); without it we go
  // straight to view=att, which gmail.js asks without ik.
  const omUrl = options.ik ? showOriginalUrl(options.origin, options.base, id, options.ik) : null;
  if (!options.ik) reasons.push(unreadableReason('unreadable_gmailNoIk'));
  if (omUrl) {
    const result = await attempt(() => tryShowOriginal(request, omUrl, options.origin));
    if (result.kind !== 'retry') return result;
    reasons.push(result.reason);
  }
  const attUrl = downloadOriginalUrl(options.origin, options.base, id, now());
  if (attUrl) {
    const result = await attempt(() => tryDownloadOriginal(request, attUrl));
    if (result.kind !== 'retry') return result;
    reasons.push(result.reason);
  }
  return {
    kind: 'unreadable',
    reason: reasons.at(-1) ?? unreadableReason('unreadable_gmailNoMessageId'),
  };
}
