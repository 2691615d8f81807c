// The only Outlook code that runs in the page world. It watches every way OWA talks to its
// service (fetch, XMLHttpRequest, the start-up data request) to learn how the page
// authenticates, per mailbox (lib/webmail/owa-session.ts); the tokens never leave this closure.
// On request it asks OWA's service for a conversation's items or an item's transport headers
// and posts back nothing but those.

import { realSleep } from './header-fetch-result.ts';
import {
  isOwaBridgeRequest,
  type OwaBridgeAsk,
  type OwaBridgeProgress,
  type OwaBridgeResponse,
  type OwaBridgeResult,
  type OwaSessionChanged,
} from './owa-bridge-messages.ts';
import {
  fetchOwaConversationItems,
  fetchOwaHeaderBlock,
  type OwaCallContext,
} from './owa-headers.ts';
import { createSessionStore, type SessionStore } from './owa-session.ts';

export interface PageWorld {
  fetch: typeof fetch;
  XMLHttpRequest?: typeof XMLHttpRequest;
  location: { origin: string };
  document: { cookie: string };
  addEventListener: Window['addEventListener'];
  postMessage: (message: unknown, targetOrigin: string) => void;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: never) => void;
}

function headerEntries(
  init: RequestInit | undefined,
  input: RequestInfo | URL,
): [string, string][] {
  const source = init?.headers ?? (input instanceof Request ? input.headers : undefined);
  if (!source) return [];
  return [...new Headers(source).entries()];
}

function sameOriginPath(page: PageWorld, url: string): string | null {
  try {
    const parsed = new URL(url, page.location.origin);
    return parsed.origin === page.location.origin ? parsed.pathname : null;
  } catch {
    return null;
  }
}

function hookFetch(page: PageWorld, learn: (path: string, headers: [string, string][]) => void) {
  const originalFetch = page.fetch.bind(page);
  page.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    try {
      const path = sameOriginPath(page, input instanceof Request ? input.url : String(input));
      if (path) learn(path, headerEntries(init, input));
    } catch {
      // Never break the page's own request.
    }
    return originalFetch(input, init);
  };
  return originalFetch;
}

/** OWA also calls its service over XHR (Likely: its start-up data request, older builds). */
function hookXhr(page: PageWorld, learn: (path: string, headers: [string, string][]) => void) {
  const proto = page.XMLHttpRequest?.prototype;
  if (!proto) return;
  const open = proto.open;
  const setRequestHeader = proto.setRequestHeader;
  const send = proto.send;
  const pending = new WeakMap<XMLHttpRequest, { path: string; headers: [string, string][] }>();
  proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    const path = sameOriginPath(page, String(args[1]));
    if (path) pending.set(this, { path, headers: [] });
    return (open as (...a: unknown[]) => void).apply(this, args);
  } as typeof proto.open;
  proto.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    pending.get(this)?.headers.push([name.toLowerCase(), value]);
    return setRequestHeader.call(this, name, value);
  };
  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const seen = pending.get(this);
    if (seen) {
      try {
        learn(seen.path, seen.headers);
      } catch {
        // Never break the page's own request.
      }
    }
    return send.call(this, body);
  };
}

function answer(ask: OwaBridgeAsk, context: OwaCallContext): Promise<OwaBridgeResult> {
  return ask.action === 'conversation'
    ? fetchOwaConversationItems(ask.id, ask.mailbox, context)
    : fetchOwaHeaderBlock(ask.id, ask.mailbox, context);
}

export function installOwaPageBridge(page: PageWorld): SessionStore {
  const sessions = createSessionStore(
    (run, ms) => page.setTimeout(run, ms),
    (handle) => page.clearTimeout(handle as never),
  );
  const post = (message: OwaBridgeResponse | OwaBridgeProgress | OwaSessionChanged) =>
    page.postMessage(message, page.location.origin);
  const learn = (path: string, headers: [string, string][]) => {
    if (sessions.learn(path, headers)) post({ mailseal: 'owa-session-changed' });
  };
  const originalFetch = hookFetch(page, learn);
  hookXhr(page, learn);

  page.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== (page as unknown) || !isOwaBridgeRequest(event.data)) return;
    const { requestId, ask } = event.data;
    const context: OwaCallContext = {
      origin: page.location.origin,
      cookie: () => page.document.cookie,
      sessions,
      fetch: originalFetch,
      sleep: realSleep,
      now: Date.now,
      onProgress: (state) => post({ mailseal: 'owa-progress', requestId, state }),
    };
    void answer(ask, context).then((result) =>
      post({ mailseal: 'owa-response', requestId, result }),
    );
  });
  return sessions;
}
