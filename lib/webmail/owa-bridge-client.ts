// The isolated content script's side of the Outlook bridge: ask the page world, await the answer.

import type { HeaderFetchResult } from './header-fetch-result.ts';
import { isOwaBridgeResponse, type OwaBridgeRequest } from './owa-bridge-messages.ts';
import type { OwaItemRef } from './owa-service.ts';

export interface BridgeWindow {
  addEventListener: Window['addEventListener'];
  removeEventListener: Window['removeEventListener'];
  postMessage: (message: unknown, targetOrigin: string) => void;
  location: { origin: string };
}

export function requestOwaHeaderBlock(
  ref: OwaItemRef,
  win: BridgeWindow,
  options: { timeoutMs?: number; newId?: () => string } = {},
): Promise<HeaderFetchResult> {
  const requestId = (options.newId ?? (() => crypto.randomUUID()))();
  return new Promise((resolve) => {
    const finish = (result: HeaderFetchResult) => {
      clearTimeout(timer);
      win.removeEventListener('message', onMessage);
      resolve(result);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.source !== (win as unknown)) return;
      if (isOwaBridgeResponse(event.data) && event.data.requestId === requestId) {
        finish(event.data.result);
      }
    };
    const timer = setTimeout(
      () => finish({ kind: 'unreadable', reason: 'Outlook page did not answer' }),
      options.timeoutMs ?? 15_000,
    );
    win.addEventListener('message', onMessage);
    const request: OwaBridgeRequest = { mailseal: 'owa-headers-request', requestId, ref };
    win.postMessage(request, win.location.origin);
  });
}
