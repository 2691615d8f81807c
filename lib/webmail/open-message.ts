// What the site adapters report: the messages open on the page, or that the page has a message
// open we cannot identify (the site changed), so the UI says "can't read this message".

export interface OpenMessage<Ref> {
  /** Stable per page; never leaves the content script. */
  key: string;
  /** Site-specific handle used to fetch the raw headers; null when the id could not be read. */
  ref: Ref | null;
  /** The element the inline padlock goes after (the sender), when found. */
  senderAnchor: Element | null;
  /** The element that holds the message, for click tracking. */
  container: Element;
  /** The user's own message (sent or draft): no inbound path, so nothing to fetch or judge. */
  own?: boolean;
}

export interface PageScan<Ref> {
  /** Open (expanded) messages, in document order. */
  messages: OpenMessage<Ref>[];
  /** A message view is showing but no message could be identified. */
  unreadableView: boolean;
  /** Where the "can't read" padlock goes when the view is unreadable (the subject, the pane). */
  unreadableAnchor?: Element | null;
}
