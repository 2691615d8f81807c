// Finds the open messages of a Gmail conversation view, using only GMAIL_SELECTORS.

import { type GmailMessageId, gmailMessageKey, parseGmailMessageId } from './gmail-ids.ts';
import { GMAIL_SELECTORS, queryAllFirstMatching, queryFirst } from './gmail-selectors.ts';
import type { OpenMessage, PageScan } from './open-message.ts';

// Signs that a conversation is open, independent of the message containers.
const THREAD_VIEW = ['h2[data-legacy-thread-id]', '[data-thread-perm-id]', 'h2.hP'];

function isExpanded(container: Element): boolean {
  if (container.classList.contains(GMAIL_SELECTORS.expandedClass)) return true;
  if (GMAIL_SELECTORS.collapsedClasses.some((name) => container.classList.contains(name))) {
    return false;
  }
  return queryFirst(container, GMAIL_SELECTORS.body) !== null;
}

/** Drops matches nested inside another match, so each message counts once. */
function outermost(elements: Element[]): Element[] {
  return elements.filter(
    (element) => !elements.some((other) => other !== element && other.contains(element)),
  );
}

export function scanGmailPage(root: ParentNode): PageScan<GmailMessageId> {
  const containers = outermost(queryAllFirstMatching(root, GMAIL_SELECTORS.messageContainer));
  const messages: OpenMessage<GmailMessageId>[] = [];
  containers.forEach((container, index) => {
    if (!isExpanded(container)) return;
    const id = parseGmailMessageId(
      container.getAttribute('data-message-id'),
      container.getAttribute('data-legacy-message-id'),
    );
    messages.push({
      key: id ? gmailMessageKey(id) : `unreadable:${index}`,
      ref: id,
      senderAnchor: queryFirst(container, GMAIL_SELECTORS.senderAnchor),
      container,
    });
  });
  const threadOpen = queryFirst(root, THREAD_VIEW) !== null;
  return { messages, unreadableView: threadOpen && messages.length === 0 };
}

/** Gmail's `ik` token when the page exposes it in a link; view=om works without it too. */
export function findGmailIk(root: ParentNode): string | null {
  for (const element of queryAllFirstMatching(root, GMAIL_SELECTORS.ikLinks)) {
    const href = element.getAttribute('href') ?? '';
    const match = /[?&]ik=([0-9a-f]{6,16})(?:&|$)/i.exec(href);
    if (match?.[1]) return match[1];
  }
  return null;
}
