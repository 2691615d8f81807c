// Every Gmail selector in one place, most stable first. Gmail's class names (adn, h7, gD, iw)
// churn; data-* attributes and span[email] have held for years, so they lead each list.

export const GMAIL_SELECTORS = {
  /** A message in a conversation, keyed by its ids. */
  messageContainer: ['div.adn[data-message-id]', '[data-message-id]', '[data-legacy-message-id]'],
  /**
   * State classes, on the wrapper around the message container (InboxSDK/InboxSDK
   * src/platform-implementation-js/dom-driver/gmail/views/gmail-message-view.ts, getViewState).
   */
  stateClasses: ['h7', 'kv', 'ky', 'kQ', 'kx'],
  expandedClass: 'h7',
  collapsedClasses: ['kv', 'ky'],
  /** "N older messages": not rendered as messages at all. */
  hiddenClasses: ['kQ', 'kx'],
  /** The sender of a message, inside its container. */
  senderAnchor: [
    'h3.iw span[email]',
    'span.gD[email]',
    '.gD[email]',
    '[data-hovercard-id][email]',
    'span[email]',
  ],
  /** The message body: an expanded message shows one. */
  body: ['div.a3s', 'div.ii.gt', '[data-message-body]'],
  /** Last resort for `ik`: links that carry it (mostly attachment links). */
  ikLinks: ['a[href*="ik="]', 'link[href*="ik="]'],
} as const;

export function queryFirst(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

export function queryAllFirstMatching(root: ParentNode, selectors: readonly string[]): Element[] {
  for (const selector of selectors) {
    const found = root.querySelectorAll(selector);
    if (found.length > 0) return [...found];
  }
  return [];
}
