// Fetches one Outlook message's transport headers through OWA's service.svc, authenticated the
// way the page authenticates: its cookies, its canary, and the auth headers OWA itself sent.

import { cutHeaderBlock } from './header-block.ts';
import type { FetchLike, HeaderFetchResult } from './header-fetch-result.ts';
import {
  getConversationItemsBody,
  getItemBody,
  newestItemIdFromConversation,
  type OwaItemRef,
  owaCanary,
  owaServiceUrl,
  transportHeadersFromGetItem,
} from './owa-service.ts';

export interface OwaFetchOptions {
  origin: string;
  /** e.g. /owa/service.svc or /owa/0/service.svc (learned from OWA's own requests). */
  servicePath: string;
  cookie: string;
  /** Auth headers copied from OWA's own service calls (authorization, x-anchormailbox, …). */
  authHeaders: Record<string, string>;
  fetch: FetchLike;
}

// Unauthenticated OWA answers 440 (login timeout); cloud tenants answer 401/403.
const SIGNED_OUT = new Set([401, 403, 440]);

class SignedOut extends Error {}

async function callService(
  action: string,
  body: unknown,
  options: OwaFetchOptions,
): Promise<unknown> {
  const response = await options.fetch(owaServiceUrl(options.origin, options.servicePath, action), {
    method: 'POST',
    credentials: 'include',
    headers: {
      ...options.authHeaders,
      action,
      'content-type': 'application/json; charset=utf-8',
      'x-owa-canary': owaCanary(options.cookie),
      'x-req-source': 'Mail',
    },
    body: JSON.stringify(body),
  });
  if (SIGNED_OUT.has(response.status)) throw new SignedOut(`OWA answered ${response.status}`);
  if (!response.ok) throw new Error(`OWA ${action} answered ${response.status}`);
  return response.json();
}

export async function fetchOwaHeaderBlock(
  ref: OwaItemRef,
  options: OwaFetchOptions,
): Promise<HeaderFetchResult> {
  try {
    let itemId: string | null = ref.id;
    if (ref.kind === 'conversation') {
      const conversation = await callService(
        'GetConversationItems',
        getConversationItemsBody(ref.id),
        options,
      );
      itemId = newestItemIdFromConversation(conversation);
      if (!itemId) return { kind: 'unreadable', reason: 'conversation has no readable item' };
    }
    const item = await callService('GetItem', getItemBody(itemId), options);
    const headers = transportHeadersFromGetItem(item);
    // Drafts and sent items have no transport headers.
    if (!headers) return { kind: 'unreadable', reason: 'item has no transport headers' };
    const headerBlock = cutHeaderBlock(headers);
    return headerBlock
      ? { kind: 'headers', headerBlock, source: 'owa GetItem 0x007D' }
      : { kind: 'unreadable', reason: 'transport headers are not a header block' };
  } catch (error) {
    if (error instanceof SignedOut) return { kind: 'login-required' };
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}
