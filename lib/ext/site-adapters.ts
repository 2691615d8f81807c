// The webmail adapters, wired to the real page: its DOM, its location, its own endpoints.

import { gmailAccountAddress, scanGmailPage } from '../webmail/gmail-dom.ts';
import { type GmailMessageId, gmailAccountBase } from '../webmail/gmail-ids.ts';
import { waitForGmailIk } from '../webmail/gmail-ik.ts';
import { fetchGmailHeaderBlock } from '../webmail/gmail-original.ts';
import { type FetchLike, realSleep } from '../webmail/header-fetch-result.ts';
import { scanOutlookPage } from '../webmail/outlook-dom.ts';
import { createOutlookFetcher } from '../webmail/outlook-fetch.ts';
import { askOwaBridge, onOwaSessionChange } from '../webmail/owa-bridge-client.ts';
import type { OwaItemRef } from '../webmail/owa-service.ts';
import { createRateLimiter, GMAIL_RATE_WINDOWS } from '../webmail/rate-limiter.ts';
import {
  type RoundcubeRef,
  roundcubeAccountAddress,
  scanRoundcubePage,
} from '../webmail/roundcube-dom.ts';
import { fetchRoundcubeHeaderBlock } from '../webmail/roundcube-fetch.ts';
import type { SiteAdapter } from './webmail-content.ts';

/**
 * Firefox's content scripts fetch with the extension's privileges unless they use
 * `content.fetch`, which acts as the page; Chrome's content-script fetch already acts as the page.
 */
function pageFetch(): FetchLike {
  const firefoxContent = (globalThis as { content?: { fetch?: FetchLike } }).content;
  if (typeof firefoxContent?.fetch === 'function') return firefoxContent.fetch.bind(firefoxContent);
  return (input, init) => fetch(input, init);
}

export function gmailAdapter(document: Document, location: Location): SiteAdapter<GmailMessageId> {
  // One queue for every request this page makes to Gmail's endpoints. Gmail counts requests as
  // they arrive, and a busy browser can hold one back after its turn was granted and then send
  // it beside the next: 50 ms of margin let 8 arrive within a second in CI's 60-message burst
  // (test/e2e/gmail-matrix.test.ts), so each window is kept a quarter second longer.
  const limiter = createRateLimiter(GMAIL_RATE_WINDOWS, { marginMs: 250 });
  return {
    site: 'gmail',
    scan: () => scanGmailPage(document, { accountAddress: gmailAccountAddress(document.title) }),
    fetchHeaders: async (id, onProgress) =>
      fetchGmailHeaderBlock(id, {
        origin: location.origin,
        // Read at fetch time: the user may switch accounts without a reload.
        base: gmailAccountBase(location.pathname) ?? '/mail/u/0/',
        ik: await waitForGmailIk(document, realSleep),
        limiter,
        fetch: pageFetch(),
        onProgress,
      }),
  };
}

/** `signal` ends the adapter's page listeners (the content script's context was invalidated). */
export function outlookAdapter(
  document: Document,
  window: Window,
  signal?: AbortSignal,
): SiteAdapter<OwaItemRef> {
  const fetcher = createOutlookFetcher((ask, onProgress) =>
    askOwaBridge(ask, window, { onProgress }),
  );
  return {
    site: 'outlook',
    scan: () => scanOutlookPage(document, window.location.href),
    fetchHeaders: (ref, onProgress) => fetcher.fetchHeaders(ref, onProgress),
    onConditionsChange: (listener) =>
      onOwaSessionChange(
        window,
        () => {
          fetcher.reset();
          listener();
        },
        signal,
      ),
  };
}

/** The Roundcube document's parent (the list page around the preview frame), when reachable. */
function parentDocument(window: Window): Document | null {
  try {
    return window.parent !== window ? window.parent.document : null;
  } catch {
    return null; // another origin embeds this page
  }
}

/** Roundcube, in each frame of an origin the user added: the frame's own message, if any. */
export function roundcubeAdapter(document: Document, window: Window): SiteAdapter<RoundcubeRef> {
  return {
    site: 'roundcube',
    scan: () =>
      scanRoundcubePage(
        document,
        window.location.href,
        roundcubeAccountAddress([document, parentDocument(window)]),
      ),
    fetchHeaders: (ref) =>
      fetchRoundcubeHeaderBlock(ref, { pageUrl: window.location.href, fetch: pageFetch() }),
  };
}
