// The window.postMessage contract between Outlook's page world and the isolated content script.

import type { HeaderFetchResult } from './header-fetch-result.ts';
import type { OwaItemRef } from './owa-service.ts';

export interface OwaBridgeRequest {
  mailseal: 'owa-headers-request';
  requestId: string;
  ref: OwaItemRef;
}

export interface OwaBridgeResponse {
  mailseal: 'owa-headers-response';
  requestId: string;
  result: HeaderFetchResult;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isOwaBridgeRequest(value: unknown): value is OwaBridgeRequest {
  if (!isRecord(value) || value.mailseal !== 'owa-headers-request') return false;
  const ref = value.ref;
  return (
    typeof value.requestId === 'string' &&
    isRecord(ref) &&
    typeof ref.id === 'string' &&
    (ref.kind === 'item' || ref.kind === 'conversation')
  );
}

export function isOwaBridgeResponse(value: unknown): value is OwaBridgeResponse {
  if (!isRecord(value) || value.mailseal !== 'owa-headers-response') return false;
  const result = value.result;
  return (
    typeof value.requestId === 'string' &&
    isRecord(result) &&
    (result.kind === 'login-required' ||
      (result.kind === 'unreadable' && typeof result.reason === 'string') ||
      (result.kind === 'headers' && typeof result.headerBlock === 'string'))
  );
}
