// Every Outlook on the web selector in one place, most stable first. Structural anchors come
// first: data-app-section, ids, roles and the sender's title. No aria-label text (OWA localizes
// its labels: docs/webmail.md, "non-English UI"), no generated class names from a build, and no
// `span[email]` (Gmail markup, not OWA's). The only class names are last-resort fallbacks for
// older OWA markup, `.item-reading-pane`, `.item-part` and `.item-header-actions`, which
// mailvelope/mailvelope src/content-scripts/providerSpecific.js (2019 revision, class Outlook,
// getSender) reads: they are readable words, the same in every UI language, and they let an older
// page still show "can't read" at its pane instead of nothing.

export const OUTLOOK_SELECTORS = {
  /** The reading pane (also the whole page of a popout or deep-link read view). */
  readingPane: [
    '#ReadingPaneContainerId',
    '[data-app-section="ReadingPane"]',
    // fperezdev/wd-extension-poc src/lib/consts.ts (OUTLOOK_MAIL_READ)
    '[data-app-section="MailReadCompose"]',
    '#ConversationReadingPaneContainer',
    // Fallback: older OWA (mailvelope providerSpecific.js, see above).
    '.item-reading-pane',
  ],
  /** The list of a conversation's parts inside the pane. */
  conversation: ['[data-app-section="ConversationContainer"]'],
  /** The header of one part (sender, date, recipients). */
  partHeader: [
    '[data-app-section="MessageHeader"]',
    // Fallback: older OWA's part header (mailvelope providerSpecific.js, see above).
    '.item-part .item-header-actions',
  ],
  /** The body of an expanded part: a collapsed part shows only its header line. */
  partBody: ['[data-app-section="MessageBody"]', 'div[role="document"]'],
  /** Inside a part header: the sender, whose title is "Name <address>" (webmail-reality O6). */
  sender: ['[title*="@"]'],
  /** The selected conversation in the message list, when the URL has no id. */
  selectedConversation: ['[data-convid][aria-selected="true"]'],
} as const;
