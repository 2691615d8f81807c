// Finds the message open in Outlook on the web's reading pane, using only OUTLOOK_SELECTORS and
// the URL (…/id/<item or conversation id>, or ?ItemID=).

import { queryFirst } from './gmail-selectors.ts';
import type { OpenMessage, PageScan } from './open-message.ts';
import { OUTLOOK_SELECTORS } from './outlook-selectors.ts';
import { type OwaItemRef, owaItemRef } from './owa-service.ts';

const URL_ID = /\/id\/([^/?#]+)/;
const ITEM_ID = /^[A-Za-z0-9+/_=-]{20,}$/;

export function outlookIdFromUrl(url: string): string | null {
  const parsed = new URL(url);
  const fromPath = URL_ID.exec(parsed.pathname)?.[1];
  const candidate = fromPath
    ? decodeURIComponent(fromPath)
    : (parsed.searchParams.get('ItemID') ?? parsed.searchParams.get('itemid'));
  return candidate && ITEM_ID.test(candidate) ? candidate : null;
}

export function scanOutlookPage(root: ParentNode, url: string): PageScan<OwaItemRef> {
  const pane = queryFirst(root, OUTLOOK_SELECTORS.readingPane);
  if (!pane) return { messages: [], unreadableView: false };
  const message = queryFirst(pane, OUTLOOK_SELECTORS.message);
  const senderAnchor = queryFirst(message ?? pane, OUTLOOK_SELECTORS.senderAnchor);
  if (!message && !senderAnchor) return { messages: [], unreadableView: false };

  const selected = queryFirst(root, OUTLOOK_SELECTORS.selectedConversation);
  const id = outlookIdFromUrl(url) ?? selected?.getAttribute('data-convid') ?? null;
  const open: OpenMessage<OwaItemRef> = {
    key: id ?? 'unreadable:reading-pane',
    ref: id ? owaItemRef(id) : null,
    senderAnchor,
    container: message ?? pane,
  };
  return { messages: [open], unreadableView: false };
}
