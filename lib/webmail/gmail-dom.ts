// Finds the open messages of a Gmail conversation view, using only GMAIL_SELECTORS.
// "Open" the way Gmail marks it: the state class sits on the wrapper around
// div.adn[data-message-id] (h7 expanded; kv/ky collapsed; kQ/kx hidden), per InboxSDK/InboxSDK
// src/platform-implementation-js/dom-driver/gmail/views/gmail-message-view.ts (getViewState)
// and gmail-thread-view.ts; and the message must be rendered: Gmail keeps the views of
// earlier threads in the page, hidden (FlowCrypt/flowcrypt-browser extension/js/
// content_scripts/webmail/gmail/gmail-element-replacer.ts counts only `:visible` bodies).

import {
  type GmailMessageId,
  gmailMessageKey,
  isOwnMessageId,
  parseGmailMessageId,
} from './gmail-ids.ts';
import { GMAIL_SELECTORS, queryAllFirstMatching, queryFirst } from './gmail-selectors.ts';
import type { OpenMessage, PageScan } from './open-message.ts';

// Signs that a conversation is open, independent of the message containers.
const THREAD_VIEW = ['h2[data-legacy-thread-id]', '[data-thread-perm-id]', 'h2.hP'];
const ADDRESS = /[^\s<>()"@]+@[^\s<>()"@]+\.[^\s<>()"@]+/g;

export type IsVisible = (element: Element) => boolean;

/** Rendered (not inside a display:none view); browsers without checkVisibility count all. */
export const isRendered: IsVisible = (element) =>
  typeof element.checkVisibility === 'function' ? element.checkVisibility() : true;

type ViewState = 'expanded' | 'collapsed' | 'hidden';

function viewState(container: Element): ViewState {
  const wrapper = container.closest(GMAIL_SELECTORS.stateClasses.map((c) => `.${c}`).join(','));
  if (wrapper?.classList.contains(GMAIL_SELECTORS.expandedClass)) return 'expanded';
  if (GMAIL_SELECTORS.hiddenClasses.some((name) => wrapper?.classList.contains(name))) {
    return 'hidden';
  }
  if (GMAIL_SELECTORS.collapsedClasses.some((name) => wrapper?.classList.contains(name))) {
    return 'collapsed';
  }
  // No state class at all (Gmail renamed them): an expanded message shows its body.
  return queryFirst(container, GMAIL_SELECTORS.body) ? 'expanded' : 'collapsed';
}

/**
 * Drops matches nested inside another match, so each message counts once. `elements` are in
 * document order (one querySelectorAll), where an element's descendants come right after it: a
 * match is nested exactly when the last match kept contains it. One pass, not a comparison of
 * every pair: Gmail keeps the views of earlier threads in the page, so a scan can meet a hundred
 * containers or more, and pairs of them cost milliseconds per scan (bench:ext, issue 15).
 */
export function outermost(elements: readonly Element[]): Element[] {
  const kept: Element[] = [];
  let last: Element | undefined;
  for (const element of elements) {
    if (last?.contains(element)) continue;
    kept.push(element);
    last = element;
  }
  return kept;
}

/**
 * The signed-in account's address: Gmail's window title ends "<address> - Gmail" in every UI
 * language (a subject before it may hold addresses too, so the last one counts).
 */
export function gmailAccountAddress(title: string): string | null {
  return [...title.matchAll(ADDRESS)].at(-1)?.[0]?.toLowerCase() ?? null;
}

export interface GmailScanOptions {
  isVisible?: IsVisible;
  /** The account's own address (gmailAccountAddress), to recognise the user's own messages. */
  accountAddress?: string | null;
}

function isOwn(id: GmailMessageId | null, sender: Element | null, account: string | null) {
  if (id && isOwnMessageId(id)) return true;
  const from = sender?.getAttribute('email')?.trim().toLowerCase();
  return account !== null && from !== undefined && from === account;
}

export function scanGmailPage(
  root: ParentNode,
  options: GmailScanOptions = {},
): PageScan<GmailMessageId> {
  const isVisible = options.isVisible ?? isRendered;
  const account = options.accountAddress ?? null;
  const containers = outermost(queryAllFirstMatching(root, GMAIL_SELECTORS.messageContainer));
  const messages: OpenMessage<GmailMessageId>[] = [];
  containers.forEach((container, index) => {
    // Visibility first: the containers of hidden earlier views fail it at once (no layout box),
    // without the walk up the ancestors that reading the state class takes.
    if (!isVisible(container) || viewState(container) !== 'expanded') return;
    const id = parseGmailMessageId(
      container.getAttribute('data-message-id'),
      container.getAttribute('data-legacy-message-id'),
    );
    const senderAnchor = queryFirst(container, GMAIL_SELECTORS.senderAnchor);
    messages.push({
      key: id ? gmailMessageKey(id) : `unreadable:${index}`,
      ref: id,
      senderAnchor,
      container,
      own: isOwn(id, senderAnchor, account),
    });
  });
  // A conversation open without one readable message is a layout we no longer know. Looked for
  // only then: with messages found, the three whole-page queries and a visibility check would be
  // work done on every scan for nothing.
  if (messages.length > 0) return { messages, unreadableView: false, unreadableAnchor: null };
  const thread = THREAD_VIEW.flatMap((selector) => [...root.querySelectorAll(selector)]).find(
    isVisible,
  );
  const unreadableView = thread !== undefined;
  return { messages, unreadableView, unreadableAnchor: thread ?? null };
}
