// The window.postMessage contract between Outlook's page world and the isolated content script.
// Only header blocks, item ids and sender addresses of the conversation cross it: never a token.

import { readUnreadableReason } from '../messaging/unreadable-reason.ts';
import type { HeaderFetchResult } from './header-fetch-result.ts';
import type { OwaConversationItem } from './owa-service.ts';

export type OwaBridgeAsk =
  | { action: 'conversation'; id: string; mailbox: string | null }
  | { action: 'item'; id: string; mailbox: string | null };

export type OwaBridgeResult = HeaderFetchResult | { kind: 'items'; items: OwaConversationItem[] };

export interface OwaBridgeRequest {
  mailseal: 'owa-request';
  requestId: string;
  ask: OwaBridgeAsk;
}

export interface OwaBridgeResponse {
  mailseal: 'owa-response';
  requestId: string;
  result: OwaBridgeResult;
}

/** Sent while a request waits out a 429/503. */
export interface OwaBridgeProgress {
  mailseal: 'owa-progress';
  requestId: string;
  state: 'rate-limited';
}

/** The page made a call with a new session (token refreshed, another mailbox): retry failures. */
export interface OwaSessionChanged {
  mailseal: 'owa-session-changed';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isOwaBridgeRequest(value: unknown): value is OwaBridgeRequest {
  if (!isRecord(value) || value.mailseal !== 'owa-request') return false;
  const ask = value.ask;
  return (
    typeof value.requestId === 'string' &&
    isRecord(ask) &&
    (ask.action === 'conversation' || ask.action === 'item') &&
    typeof ask.id === 'string' &&
    (ask.mailbox === null || typeof ask.mailbox === 'string')
  );
}

function isItem(value: unknown): value is OwaConversationItem {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.from === 'string' &&
    typeof value.received === 'number'
  );
}

export function isOwaBridgeResult(result: unknown): result is OwaBridgeResult {
  if (!isRecord(result)) return false;
  switch (result.kind) {
    case 'login-required':
    case 'sent-by-you':
      return true;
    case 'unreadable':
      return readUnreadableReason(result.reason) !== null;
    case 'headers':
      return typeof result.headerBlock === 'string' && typeof result.source === 'string';
    case 'items':
      return Array.isArray(result.items) && result.items.every(isItem);
    default:
      return false;
  }
}

export function isOwaBridgeResponse(value: unknown): value is OwaBridgeResponse {
  return (
    isRecord(value) &&
    value.mailseal === 'owa-response' &&
    typeof value.requestId === 'string' &&
    isOwaBridgeResult(value.result)
  );
}

export function isOwaBridgeProgress(value: unknown): value is OwaBridgeProgress {
  return (
    isRecord(value) &&
    value.mailseal === 'owa-progress' &&
    typeof value.requestId === 'string' &&
    value.state === 'rate-limited'
  );
}

export function isOwaSessionChanged(value: unknown): value is OwaSessionChanged {
  return isRecord(value) && value.mailseal === 'owa-session-changed';
}
