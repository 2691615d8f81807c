// Raw headers of one Gmail message from Gmail's own endpoints, the way the page would ask:
// "show original" (view=om, HTML with the escaped source) first, "download original" (view=att,
// the raw RFC 822 bytes) as fallback. Only the header block is read; the body is never kept.

import type { GmailMessageId } from './gmail-ids.ts';
import { cutHeaderBlock, readHeaderPart } from './header-block.ts';
import {
  type FetchLike,
  type HeaderFetchResult,
  realSleep,
  type Sleep,
} from './header-fetch-result.ts';
import { extractRawMessageText, hasCompleteEscapedHeaderBlock } from './html-text.ts';

export interface GmailFetchOptions {
  /** https://mail.google.com */
  origin: string;
  /** Account base path from gmailAccountBase, e.g. /mail/u/1/ or /mail/b/x/u/0/. */
  base: string;
  ik?: string | null;
  fetch?: FetchLike;
  sleep?: Sleep;
  now?: () => number;
  /** Waits between view=om attempts for just-sent (msg-a) messages, which appear late. */
  sentRetryDelaysMs?: readonly number[];
}

const LOGIN_URL = /accounts\.google\.com|ServiceLogin|\/signin\//i;

export function showOriginalUrl(
  origin: string,
  base: string,
  id: GmailMessageId,
  ik?: string | null,
): string | null {
  const params = new URLSearchParams();
  if (ik) params.set('ik', ik);
  params.set('view', 'om');
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
  // A cached 302 to the attachment host fails CORS on reuse, so every request is fresh.
  params.set('cacheCounter', String(cacheBuster));
  return `${origin}${base}?${params}&zw`;
}

type Attempt = HeaderFetchResult | { kind: 'retry'; reason: string };

async function tryShowOriginal(doFetch: FetchLike, url: string): Promise<Attempt> {
  const response = await doFetch(url, { credentials: 'include', redirect: 'manual' });
  // Show-original never redirects for a signed-in user; a redirect is the login page.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    return { kind: 'login-required' };
  }
  if (LOGIN_URL.test(response.url)) return { kind: 'login-required' };
  if (!response.ok) return { kind: 'retry', reason: `show original answered ${response.status}` };
  const html = await readHeaderPart(
    response.body,
    () => response.text(),
    hasCompleteEscapedHeaderBlock,
  );
  const raw = extractRawMessageText(html);
  if (raw === null) {
    if (LOGIN_URL.test(html)) return { kind: 'login-required' };
    return { kind: 'retry', reason: 'show original page has no raw message' };
  }
  const headerBlock = cutHeaderBlock(raw);
  return headerBlock
    ? { kind: 'headers', headerBlock, source: 'gmail view=om' }
    : { kind: 'retry', reason: 'show original text does not start with headers' };
}

async function tryDownloadOriginal(doFetch: FetchLike, url: string): Promise<Attempt> {
  const response = await doFetch(url, { credentials: 'include', redirect: 'follow' });
  if (LOGIN_URL.test(response.url)) return { kind: 'login-required' };
  if (!response.ok)
    return { kind: 'retry', reason: `download original answered ${response.status}` };
  const raw = await readHeaderPart(response.body, () => response.text());
  const headerBlock = cutHeaderBlock(raw);
  return headerBlock
    ? { kind: 'headers', headerBlock, source: 'gmail view=att' }
    : { kind: 'retry', reason: 'download original does not start with headers' };
}

async function attempt(run: () => Promise<Attempt>): Promise<Attempt> {
  try {
    return await run();
  } catch (error) {
    return { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
  }
}

export async function fetchGmailHeaderBlock(
  id: GmailMessageId,
  options: GmailFetchOptions,
): Promise<HeaderFetchResult> {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const justSent = id.permId?.startsWith('msg-a:') ?? false;
  const waits = justSent ? (options.sentRetryDelaysMs ?? [500, 1000, 2000, 4000]) : [];
  const reasons: string[] = [];

  const omUrl = showOriginalUrl(options.origin, options.base, id, options.ik);
  if (omUrl) {
    for (let round = 0; round <= waits.length; round++) {
      if (round > 0) await sleep(waits[round - 1] ?? 0);
      const result = await attempt(() => tryShowOriginal(doFetch, omUrl));
      if (result.kind !== 'retry') return result;
      reasons.push(result.reason);
    }
  }
  const attUrl = downloadOriginalUrl(options.origin, options.base, id, now());
  if (attUrl) {
    const result = await attempt(() => tryDownloadOriginal(doFetch, attUrl));
    if (result.kind !== 'retry') return result;
    reasons.push(result.reason);
  }
  return { kind: 'unreadable', reason: reasons.at(-1) ?? 'no usable message id' };
}
