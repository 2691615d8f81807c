// Every Outlook on the web selector in one place, most stable first. Aria labels are localized
// and classes are generated, so each list ends with a structural fallback.

export const OUTLOOK_SELECTORS = {
  /** The reading pane that shows the open message. */
  readingPane: [
    '#ReadingPaneContainerId',
    '[data-app-section="ReadingPane"]',
    '[role="main"][aria-label="Reading Pane"]',
    '.item-reading-pane',
  ],
  /** One message inside the reading pane. */
  message: ['[aria-label="Email message"]', '.item-part', '[data-app-section="MessageView"]'],
  /** The sender line of the open message. */
  senderAnchor: [
    'span[email]',
    '[data-app-section="FromLine"] span',
    'span[aria-label^="From:"]',
    '.lpc-hoverTarget span',
  ],
  /** The selected conversation in the message list, when the URL has no id. */
  selectedConversation: ['[data-convid][aria-selected="true"]'],
} as const;
