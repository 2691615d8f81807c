// The isolated content script's side of the Outlook bridge: ask the page world, await the answer.

import { unreadable } from '../messaging/unreadable-reason.ts';
import type { FetchProgress } from './header-fetch-result.ts';
import {
  isOwaBridgeProgress,
  isOwaBridgeResponse,
  isOwaSessionChanged,
  type OwaBridgeAsk,
  type OwaBridgeRequest,
  type OwaBridgeResult,
} from './owa-bridge-messages.ts';

export interface BridgeWindow {
  addEventListener: Window['addEventListener'];
  removeEventListener: Window['removeEventListener'];
  postMessage: (message: unknown, targetOrigin: string) => void;
  location: { origin: string };
}

export function askOwaBridge(
  ask: OwaBridgeAsk,
  win: BridgeWindow,
  options: { timeoutMs?: number; newId?: () => string; onProgress?: FetchProgress } = {},
): Promise<OwaBridgeResult> {
  const requestId = (options.newId ?? (() => crypto.randomUUID()))();
  return new Promise((resolve) => {
    const finish = (result: OwaBridgeResult) => {
      clearTimeout(timer);
      win.removeEventListener('message', onMessage);
      resolve(result);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.source !== (win as unknown)) return;
      if (isOwaBridgeProgress(event.data) && event.data.requestId === requestId)
        options.onProgress?.(event.data.state);
      else if (isOwaBridgeResponse(event.data) && event.data.requestId === requestId)
        finish(event.data.result);
    };
    // Long enough for a wait for OWA's next authenticated call and a throttled retry.
    const timer = setTimeout(
      () => finish(unreadable('unreadable_outlookPageSilent')),
      options.timeoutMs ?? 60_000,
    );
    win.addEventListener('message', onMessage);
    const request: OwaBridgeRequest = { mailseal: 'owa-request', requestId, ask };
    win.postMessage(request, win.location.origin);
  });
}

/** Calls back whenever the page world has learned a new session, until `signal` aborts. */
export function onOwaSessionChange(
  win: BridgeWindow,
  listener: () => void,
  signal?: AbortSignal,
): void {
  win.addEventListener(
    'message',
    (event: MessageEvent) => {
      if (event.source === (win as unknown) && isOwaSessionChanged(event.data)) listener();
    },
    signal ? { signal } : undefined,
  );
}
