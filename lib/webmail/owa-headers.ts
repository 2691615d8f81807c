// Calls OWA's service.svc the way OWA itself does: with the headers of the page's own session
// for the item's mailbox. With a bearer token OWA sends no canary; the canary goes only with
// cookie authentication, and never as a placeholder (docs/webmail.md, "token auth"; mustang-im/mustang
// backend/owa.ts sends the canary cookie on-premises and a token in the cloud). A 401 or 440
// means the copied session has expired: wait for the page's next authenticated call, then try
// once more; only a refusal of that fresh session is "signed out" (docs/webmail.md, "401 retry").

import { failedRequest, unreadable } from '../messaging/unreadable-reason.ts';
import { cutHeaderBlock } from './header-block.ts';
import type { FetchLike, FetchProgress, HeaderFetchResult, Sleep } from './header-fetch-result.ts';
import { getOwnFoldersBody, ownFolderIds, parentFolderOf } from './owa-own-folders.ts';
import {
  conversationItems,
  getConversationItemsBody,
  getItemBody,
  type OwaConversationItem,
  owaCanaryCookie,
  owaResponseError,
  owaServiceUrl,
  realOwaCanary,
  transportHeadersFromGetItem,
} from './owa-service.ts';
import type { OwaSession, SessionStore } from './owa-session.ts';
import { retryAfterMs } from './rate-limiter.ts';

export interface OwaCallContext {
  origin: string;
  /** The page's cookies (for the canary cookie under cookie authentication). */
  cookie: () => string;
  sessions: SessionStore;
  fetch: FetchLike;
  sleep: Sleep;
  now: () => number;
  onProgress?: FetchProgress;
  /** How long to wait for the page to make an authenticated call (first, or after a 401). */
  sessionWaitMs?: number;
}

const EXPIRED = new Set([401, 440]);
const THROTTLED = new Set([429, 503]);

type CallOutcome =
  | { kind: 'ok'; json: unknown }
  | Exclude<HeaderFetchResult, { kind: 'headers' | 'sent-by-you' }>;

/** The headers of one call: the session's, the canary only without a token. */
export function owaCallHeaders(
  action: string,
  session: OwaSession | null,
  cookie: string,
): Record<string, string> {
  const learned = { ...(session?.headers ?? {}) };
  const headers: Record<string, string> = {
    ...learned,
    action,
    'content-type': 'application/json; charset=utf-8',
    'x-req-source': learned['x-req-source'] ?? 'Mail',
  };
  delete headers['x-owa-canary'];
  if (!learned.authorization) {
    const canary = realOwaCanary(learned['x-owa-canary']) ?? owaCanaryCookie(cookie);
    if (canary) headers['x-owa-canary'] = canary;
  }
  return headers;
}

async function post(
  action: string,
  body: unknown,
  session: OwaSession | null,
  context: OwaCallContext,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await context.fetch(
      owaServiceUrl(context.origin, context.sessions.servicePath(), action),
      {
        method: 'POST',
        credentials: 'include',
        headers: owaCallHeaders(action, session, context.cookie()),
        body: JSON.stringify(body),
      },
    );
    if (!THROTTLED.has(response.status) || attempt >= 3) return response;
    // Throttled: honour Retry-After (Likely, as for Exchange Online's other APIs).
    context.onProgress?.('rate-limited');
    const wait =
      retryAfterMs(response.headers.get('retry-after'), context.now()) ?? 2 ** attempt * 1000;
    await context.sleep(wait);
  }
}

/** One service call with the mailbox's session; waits for a session, retries once after expiry. */
export async function callOwa(
  action: string,
  body: unknown,
  mailbox: string | null,
  context: OwaCallContext,
): Promise<CallOutcome> {
  const waitMs = context.sessionWaitMs ?? 20_000;
  let session = context.sessions.sessionFor(mailbox);
  // Cookie-authenticated pages may never show a token: their canary cookie is enough.
  if (!session && !owaCanaryCookie(context.cookie()))
    session = await context.sessions.next(mailbox, 0, waitMs);
  if (!session && !owaCanaryCookie(context.cookie()))
    return unreadable(
      mailbox ? 'unreadable_outlookNoMailboxSession' : 'unreadable_outlookNoSession',
    );
  for (let round = 0; round < 2; round++) {
    const response = await post(action, body, session, context);
    if (EXPIRED.has(response.status)) {
      if (round === 1) return { kind: 'login-required' };
      const fresh = await context.sessions.next(mailbox, session?.epoch ?? 0, waitMs);
      if (!fresh) return unreadable('unreadable_outlookExpiredSession', String(response.status));
      session = fresh;
      continue;
    }
    if (THROTTLED.has(response.status)) return unreadable('unreadable_tooManyRequests');
    if (response.status === 403) return unreadable('unreadable_outlookRefused');
    if (!response.ok)
      return unreadable('unreadable_outlookActionStatus', action, String(response.status));
    const json: unknown = await response.json();
    const error = owaResponseError(json);
    if (error) return unreadable('unreadable_outlookActionError', action, String(error));
    return { kind: 'ok', json };
  }
  return { kind: 'login-required' };
}

export async function fetchOwaConversationItems(
  conversationId: string,
  mailbox: string | null,
  context: OwaCallContext,
): Promise<{ kind: 'items'; items: OwaConversationItem[] } | Exclude<CallOutcome, { kind: 'ok' }>> {
  const outcome = await callOwa(
    'GetConversationItems',
    getConversationItemsBody(conversationId),
    mailbox,
    context,
  );
  return outcome.kind === 'ok'
    ? { kind: 'items', items: conversationItems(outcome.json) }
    : outcome;
}

/** Whether a GetItem answer's item sits in that mailbox's Sent Items or Drafts. */
async function inOwnFolder(
  getItemJson: unknown,
  mailbox: string | null,
  context: OwaCallContext,
): Promise<boolean> {
  const parent = parentFolderOf(getItemJson);
  if (!parent) return false;
  const outcome = await callOwa('GetFolder', getOwnFoldersBody(), mailbox, context);
  return outcome.kind === 'ok' && ownFolderIds(outcome.json).has(parent);
}

export async function fetchOwaHeaderBlock(
  itemId: string,
  mailbox: string | null,
  context: OwaCallContext,
): Promise<HeaderFetchResult> {
  try {
    const outcome = await callOwa('GetItem', getItemBody(itemId), mailbox, context);
    if (outcome.kind !== 'ok') return outcome;
    const headers = transportHeadersFromGetItem(outcome.json);
    // Drafts and sent items have none (office-js #4773). Most were left out before we got here
    // (folder in the URL, FoldersToIgnore); a deep link names no folder, so ask where it lives.
    if (!headers)
      return (await inOwnFolder(outcome.json, mailbox, context))
        ? { kind: 'sent-by-you' }
        : unreadable('unreadable_outlookNoTransportHeaders');
    const headerBlock = cutHeaderBlock(headers);
    return headerBlock
      ? { kind: 'headers', headerBlock, source: 'owa GetItem 0x007D' }
      : unreadable('unreadable_outlookNotHeaderBlock');
  } catch (error) {
    return failedRequest(error);
  }
}
