// Finds the message open in Roundcube (1.6, Elastic skin), from the page's own URL and DOM.
// Roundcube opens a message in two ways (program/js/app.js, show_message()):
//  - preview: the list page's iframe #messagecontframe (skins/elastic/templates/mail.html)
//    loads ?_task=mail&_action=preview&_uid=<uid>&_mbox=<mbox>&_framed=1;
//  - full view: ?_task=mail&_action=show&_uid=<uid>&_mbox=<mbox>.
// Both render skins/elastic/templates/message.html: #message-header holds the summary
// (messageSummary, program/actions/mail/show.php message_summary()) whose sender is a
// span.adr > a.rcmContactAddress (program/actions/mail/index.php address_string()), with the
// address in its title or mailto: href. The content script runs in every frame of a registered
// origin, so each document reports only the message it shows itself.

import { queryFirst } from './gmail-selectors.ts';
import type { OpenMessage, PageScan } from './open-message.ts';

export interface RoundcubeRef {
  readonly uid: string;
  readonly mbox: string;
}

const MESSAGE_ACTIONS = new Set(['show', 'preview']);
/** IMAP uids are positive integers (RFC 3501 §2.3.1.1); Roundcube adds ".<part>" for parts. */
const UID = /^[1-9]\d{0,9}$/;
/** Roundcube's default Sent and Drafts folders (config defaults.inc.php sent_mbox, drafts_mbox). */
const OWN_FOLDERS = new Set(['sent', 'drafts']);

export const ROUNDCUBE_SELECTORS = {
  header: ['#message-header'],
  sender: [
    '#message-header .header-summary .adr',
    '#message-header .header-headers .from .adr',
    '#message-header .adr',
  ],
  subject: ['#message-header h2.subject'],
  /** mail.html, top frame only: <span class="header-title username">. */
  username: ['.header-title.username', '.username'],
} as const;

/** The message a Roundcube URL shows, or null when it shows none (list, compose, settings). */
export function roundcubeMessageRef(url: string): RoundcubeRef | null | 'no-message' {
  const params = new URL(url).searchParams;
  if (params.get('_task') !== 'mail' || !MESSAGE_ACTIONS.has(params.get('_action') ?? '')) {
    return 'no-message';
  }
  const uid = params.get('_uid') ?? '';
  const mbox = params.get('_mbox') ?? '';
  return UID.test(uid) && mbox !== '' ? { uid, mbox } : null;
}

function addressOf(sender: Element | null): string | null {
  const link = sender?.querySelector('.rcmContactAddress') ?? null;
  const title = link?.getAttribute('title') ?? '';
  const href = link?.getAttribute('href') ?? '';
  const raw = title.includes('@') ? title : href.startsWith('mailto:') ? href.slice(7) : '';
  return raw.includes('@') ? raw.trim().toLowerCase() : null;
}

/** The signed-in user's address from the list page (mail.html), when the frame can reach it. */
export function roundcubeAccountAddress(documents: readonly (Document | null)[]): string | null {
  for (const doc of documents) {
    const text = doc ? queryFirst(doc, ROUNDCUBE_SELECTORS.username)?.textContent?.trim() : '';
    if (text?.includes('@')) return text.toLowerCase();
  }
  return null;
}

export function scanRoundcubePage(
  root: ParentNode,
  url: string,
  accountAddress: string | null,
): PageScan<RoundcubeRef> {
  const ref = roundcubeMessageRef(url);
  if (ref === 'no-message') return { messages: [], unreadableView: false };
  const header = queryFirst(root, ROUNDCUBE_SELECTORS.header);
  if (!header) return { messages: [], unreadableView: false };
  const sender = queryFirst(root, ROUNDCUBE_SELECTORS.sender);
  if (ref === null) {
    return { messages: [], unreadableView: true, unreadableAnchor: sender ?? header };
  }
  const from = addressOf(sender);
  const own = OWN_FOLDERS.has(ref.mbox.toLowerCase()) || (from !== null && from === accountAddress);
  const message: OpenMessage<RoundcubeRef> = {
    key: `${ref.mbox}/${ref.uid}`,
    ref,
    senderAnchor: sender ?? queryFirst(root, ROUNDCUBE_SELECTORS.subject),
    container: header,
    ...(own ? { own: true } : {}),
  };
  return { messages: [message], unreadableView: false };
}
