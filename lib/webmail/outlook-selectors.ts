// Every Outlook on the web selector in one place, most stable first. Only structural anchors:
// OWA localizes its aria-labels (docs/webmail.md, "non-English UI") and generates its class names, so no
// label text and no class from a build appears here; `span[email]` is Gmail markup, not OWA's.

export const OUTLOOK_SELECTORS = {
  /** The reading pane (also the whole page of a popout or deep-link read view). */
  readingPane: [
    '#ReadingPaneContainerId',
    '[data-app-section="ReadingPane"]',
    // fperezdev/wd-extension-poc src/lib/consts.ts (OUTLOOK_MAIL_READ)
    '[data-app-section="MailReadCompose"]',
    '#ConversationReadingPaneContainer',
    // Older OWA (mailvelope/mailvelope src/content-scripts/providerSpecific.js, class Outlook).
    '.item-reading-pane',
  ],
  /** The list of a conversation's parts inside the pane. */
  conversation: ['[data-app-section="ConversationContainer"]'],
  /** The header of one part (sender, date, recipients). */
  partHeader: ['[data-app-section="MessageHeader"]', '.item-part .item-header'],
  /** The body of an expanded part: a collapsed part shows only its header line. */
  partBody: ['[data-app-section="MessageBody"]', 'div[role="document"]'],
  /** Inside a part header: the sender, whose title is "Name <address>" (webmail-reality O6). */
  sender: ['[title*="@"]'],
  /** The selected conversation in the message list, when the URL has no id. */
  selectedConversation: ['[data-convid][aria-selected="true"]'],
} as const;
