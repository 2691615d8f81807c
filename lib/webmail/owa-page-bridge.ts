// The only code that runs in Outlook's page world. It watches OWA's own service calls to learn
// how the page authenticates (the token never leaves this closure), fetches transport headers on
// request, and posts back nothing but the header block.

import type { HeaderFetchResult } from './header-fetch-result.ts';
import { isOwaBridgeRequest, type OwaBridgeResponse } from './owa-bridge-messages.ts';
import { fetchOwaHeaderBlock } from './owa-headers.ts';

// Headers OWA sends that identify the session; copied onto our own GetItem call.
const AUTH_HEADERS = [
  'authorization',
  'x-anchormailbox',
  'x-owa-sessionid',
  'x-tenantid',
  'x-owa-hosted-ux',
];
const SERVICE_PATH = /^(\/owa(?:\/\d+)?\/service\.svc)/;

export interface PageWorld {
  fetch: typeof fetch;
  location: { origin: string };
  document: { cookie: string };
  addEventListener: Window['addEventListener'];
  postMessage: (message: unknown, targetOrigin: string) => void;
}

function headerEntries(
  init: RequestInit | undefined,
  input: RequestInfo | URL,
): [string, string][] {
  const source = init?.headers ?? (input instanceof Request ? input.headers : undefined);
  if (!source) return [];
  return [...new Headers(source).entries()];
}

export function installOwaPageBridge(page: PageWorld): void {
  const originalFetch = page.fetch.bind(page);
  let authHeaders: Record<string, string> = {};
  let servicePath = '/owa/service.svc';

  page.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    try {
      const url = new URL(
        input instanceof Request ? input.url : String(input),
        page.location.origin,
      );
      const match = SERVICE_PATH.exec(url.pathname);
      if (url.origin === page.location.origin && match?.[1]) {
        servicePath = match[1];
        const learned = headerEntries(init, input).filter(([name]) => AUTH_HEADERS.includes(name));
        if (learned.length > 0) authHeaders = Object.fromEntries(learned);
      }
    } catch {
      // Never break the page's own request.
    }
    return originalFetch(input, init);
  };

  page.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== (page as unknown) || !isOwaBridgeRequest(event.data)) return;
    const { requestId, ref } = event.data;
    void fetchOwaHeaderBlock(ref, {
      origin: page.location.origin,
      servicePath,
      cookie: page.document.cookie,
      authHeaders,
      fetch: originalFetch,
    }).then((result: HeaderFetchResult) => {
      if (result.kind === 'login-required') authHeaders = {};
      const response: OwaBridgeResponse = { mailseal: 'owa-headers-response', requestId, result };
      page.postMessage(response, page.location.origin);
    });
  });
}
