// Finds the messages open in Outlook on the web's reading pane, one per expanded part of the
// conversation, using only OUTLOOK_SELECTORS and the URL: /mail/[<mailbox>/][0/]<folder>/id/<id>,
// /mail/deeplink/read/<id> (popouts, ?popoutv2=1), or ?ItemID=.

import { queryFirst } from './gmail-selectors.ts';
import type { OpenMessage, PageScan } from './open-message.ts';
import { OUTLOOK_SELECTORS } from './outlook-selectors.ts';
import { OWN_FOLDER_NAMES } from './owa-own-folders.ts';
import { ewsIdFromRest, type OwaItemRef, owaItemRef } from './owa-service.ts';

const ITEM_ID = /^[A-Za-z0-9+/_=-]{20,}$/;
const ADDRESS = /[^\s<>()"'@,;]+@[^\s<>()"'@,;]+\.[^\s<>()"'@,;]+/g;
/** Folders whose items never travelled in: the user's own. */
const OWN_FOLDERS: ReadonlySet<string> = new Set(OWN_FOLDER_NAMES);

export interface OutlookLocation {
  id: string | null;
  /** Another mailbox opened in the page (/mail/<address>/…): shared or delegated. */
  mailbox: string | null;
  folder: string | null;
}

/**
 * Reads the URL. Whiteheadrj/asana-chrome-extension src/content/outlook-content.ts
 * (parseOutlookUrl) reads /id/<x> and ?ItemID=; deep links and popouts are
 * /mail/deeplink/read/<rest id> (Nyffels-Open-Source/outlook-owa-linker taskpane.js).
 */
export function parseOutlookUrl(url: string): OutlookLocation {
  const parsed = new URL(url);
  const segments = parsed.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  const mailbox = segments[0] === 'mail' && segments[1]?.includes('@') ? segments[1] : null;
  let id: string | null = null;
  let folder: string | null = null;
  const idAt = segments.indexOf('id');
  const deeplink = segments.indexOf('deeplink');
  if (deeplink !== -1 && segments[deeplink + 1] === 'read') {
    const rest = segments[deeplink + 2];
    id = rest ? ewsIdFromRest(rest) : null;
  } else if (idAt > 0) {
    id = segments[idAt + 1] ?? null;
    folder = segments[idAt - 1]?.toLowerCase() ?? null;
  }
  id ??= parsed.searchParams.get('ItemID') ?? parsed.searchParams.get('itemid');
  return { id: id && ITEM_ID.test(id) ? id : null, mailbox, folder };
}

export function outlookIdFromUrl(url: string): string | null {
  return parseOutlookUrl(url).id;
}

/** The sender's address of a part header, from a title like "Name <address>". */
function senderOf(header: Element): { anchor: Element | null; address: string | null } {
  const anchor = queryFirst(header, OUTLOOK_SELECTORS.sender);
  const address = [...(anchor?.getAttribute('title') ?? '').matchAll(ADDRESS)].at(-1)?.[0];
  return { anchor, address: address?.toLowerCase() ?? null };
}

/** Each expanded part: the element holding one part header and a rendered body. */
function expandedParts(pane: Element): { part: Element; header: Element }[] {
  const list = queryFirst(pane, OUTLOOK_SELECTORS.conversation);
  const candidates = list ? [...list.children] : [pane];
  const parts: { part: Element; header: Element }[] = [];
  for (const part of candidates) {
    const header = queryFirst(part, OUTLOOK_SELECTORS.partHeader);
    if (header && queryFirst(part, OUTLOOK_SELECTORS.partBody)) parts.push({ part, header });
  }
  return parts;
}

export function scanOutlookPage(root: ParentNode, url: string): PageScan<OwaItemRef> {
  const pane = queryFirst(root, OUTLOOK_SELECTORS.readingPane);
  if (!pane) return { messages: [], unreadableView: false };
  const parts = expandedParts(pane);
  if (parts.length === 0) {
    // A message is showing (a body) but no part could be read: the page changed.
    const showing = queryFirst(pane, OUTLOOK_SELECTORS.partBody) !== null;
    return { messages: [], unreadableView: showing, unreadableAnchor: showing ? pane : null };
  }
  const where = parseOutlookUrl(url);
  const selected = queryFirst(root, OUTLOOK_SELECTORS.selectedConversation);
  const id = where.id ?? selected?.getAttribute('data-convid') ?? null;
  const seen = new Map<string, number>();
  const messages = parts.map(({ part, header }, index): OpenMessage<OwaItemRef> => {
    const { anchor, address } = senderOf(header);
    const nth = seen.get(address ?? '') ?? 0;
    seen.set(address ?? '', nth + 1);
    const ref = id
      ? owaItemRef(id, { mailbox: where.mailbox, ...(address ? { sender: address, nth } : {}) })
      : null;
    // An item id names one message: with several parts open, which one is unknown.
    const usable = ref && (ref.kind === 'item' ? parts.length === 1 : address !== null);
    return {
      key: usable ? `${id}:${address ?? ''}:${nth}` : `unreadable:${index}`,
      ref: usable ? ref : null,
      senderAnchor: anchor ?? header,
      container: part,
      own: ref?.kind === 'item' && where.folder !== null && OWN_FOLDERS.has(where.folder),
    };
  });
  return { messages, unreadableView: false };
}
