// OWA's own JSON service (service.svc, EWS over JSON), as the Outlook web page calls it.
// GetItem with the extended property 0x007D (PR_TRANSPORT_MESSAGE_HEADERS) returns the message's
// transport headers. Pure request builders and response readers; the fetch happens in the page.

import { OWN_FOLDER_NAMES } from './owa-own-folders.ts';

export const TRANSPORT_HEADERS_TAG = '0x7D';

export interface OwaItemRef {
  id: string;
  /** URLs often carry a conversation id (AAQk…) rather than an item id (AAMk…). */
  kind: 'item' | 'conversation';
  /** The mailbox's address when the page shows another mailbox (shared, delegate), from the URL. */
  mailbox?: string | null;
  /** For a part of a conversation: its sender, and how many parts from that sender sit above it. */
  sender?: string;
  nth?: number;
}

export function owaItemRef(id: string, extra: Partial<OwaItemRef> = {}): OwaItemRef {
  return { id, kind: id.startsWith('AAQk') ? 'conversation' : 'item', ...extra };
}

const REQUEST_HEADER = {
  __type: 'JsonRequestHeaders:#Exchange',
  RequestServerVersion: 'Exchange2013',
};

export function getItemBody(itemId: string): unknown {
  return {
    __type: 'GetItemJsonRequest:#Exchange',
    Header: REQUEST_HEADER,
    Body: {
      __type: 'GetItemRequest:#Exchange',
      ItemShape: {
        __type: 'ItemResponseShape:#Exchange',
        BaseShape: 'IdOnly',
        AdditionalProperties: [
          {
            __type: 'ExtendedPropertyUri:#Exchange',
            PropertyTag: TRANSPORT_HEADERS_TAG,
            PropertyType: 'String',
          },
          // Without headers, the parent folder tells the user's own item (owa-own-folders.ts).
          { __type: 'PropertyUri:#Exchange', FieldURI: 'ParentFolderId' },
        ],
      },
      ItemIds: [{ __type: 'ItemId:#Exchange', Id: itemId }],
    },
  };
}

/**
 * The received items of a conversation: Sent Items and Drafts are left out by the server
 * (FoldersToIgnore), since they have no inbound transport headers (OfficeDev/office-js issues
 * #4773, #6796: a sent item's internet headers are empty). Each item comes with its sender and
 * time, so the content script can match it to the reading-pane part it belongs to.
 */
export function getConversationItemsBody(conversationId: string): unknown {
  return {
    __type: 'GetConversationItemsJsonRequest:#Exchange',
    Header: REQUEST_HEADER,
    Body: {
      __type: 'GetConversationItemsRequest:#Exchange',
      Conversations: [
        {
          __type: 'ConversationRequestType:#Exchange',
          ConversationId: { __type: 'ItemId:#Exchange', Id: conversationId },
          SyncState: '',
        },
      ],
      ItemShape: {
        __type: 'ItemResponseShape:#Exchange',
        BaseShape: 'IdOnly',
        AdditionalProperties: [
          { __type: 'PropertyUri:#Exchange', FieldURI: 'From' },
          { __type: 'PropertyUri:#Exchange', FieldURI: 'DateTimeReceived' },
        ],
      },
      FoldersToIgnore: OWN_FOLDER_NAMES.map((Id) => ({
        __type: 'DistinguishedFolderId:#Exchange',
        Id,
      })),
      ShapeName: 'ItemPart',
      SortOrder: 'DateOrderDescending',
      MaxItemsToReturn: 100,
    },
  };
}

/** The service URL for an action, under the service path OWA itself uses on this page. */
export function owaServiceUrl(origin: string, servicePath: string, action: string): string {
  return `${origin}${servicePath}?action=${encodeURIComponent(action)}&app=Mail`;
}

/**
 * What OWA puts in `x-owa-canary` when its canary cookie is missing. It is a placeholder, not a
 * canary: refused beside a token and on work accounts (webmail-reality O10), so it never goes out.
 */
export const OWA_CANARY_PLACEHOLDER = 'X-OWA-CANARY_cookie_is_null_or_empty';

/** A canary worth sending back, or null for an empty value or OWA's placeholder. */
export function realOwaCanary(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' || trimmed.toLowerCase() === OWA_CANARY_PLACEHOLDER.toLowerCase()
    ? null
    : trimmed;
}

/**
 * The value of OWA's canary cookie, or null. OWA sends it back as a header only with cookie
 * authentication; never a placeholder (docs/webmail.md, "token auth").
 */
export function owaCanaryCookie(cookieHeader: string): string | null {
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name?.toUpperCase() === 'X-OWA-CANARY') return realOwaCanary(value.join('='));
  }
  return null;
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function firstResponseItem(response: unknown): Json | null {
  const body = asObject(asObject(response)?.Body);
  const messages = asObject(body?.ResponseMessages);
  return asObject(asArray(messages?.Items)[0]);
}

/** The transport-headers string of a GetItem response, or null. */
export function transportHeadersFromGetItem(response: unknown): string | null {
  const item = asObject(asArray(firstResponseItem(response)?.Items)[0]);
  for (const property of asArray(item?.ExtendedProperty)) {
    const entry = asObject(property);
    const uri = asObject(entry?.ExtendedFieldURI);
    const tag = typeof uri?.PropertyTag === 'string' ? uri.PropertyTag : '';
    if (Number.parseInt(tag, 16) === 0x7d && typeof entry?.Value === 'string') return entry.Value;
  }
  return null;
}

/** An item of a conversation that travelled to this mailbox (not in Sent Items or Drafts). */
export interface OwaConversationItem {
  id: string;
  /** The sender's address, lower-cased; "" when OWA did not say. Stays in the tab. */
  from: string;
  /** DateTimeReceived as milliseconds, NaN when absent. */
  received: number;
}

function senderAddress(item: Json): string {
  const mailbox = asObject(asObject(item.From)?.Mailbox);
  const address = mailbox?.EmailAddress;
  return typeof address === 'string' ? address.trim().toLowerCase() : '';
}

/** The items of a GetConversationItems response, newest first. */
export function conversationItems(response: unknown): OwaConversationItem[] {
  const conversation = asObject(firstResponseItem(response)?.Conversation);
  const items: OwaConversationItem[] = [];
  for (const node of asArray(conversation?.ConversationNodes)) {
    for (const entry of asArray(asObject(node)?.Items)) {
      const item = asObject(entry);
      const id = asObject(item?.ItemId)?.Id;
      if (!item || typeof id !== 'string' || id.length === 0) continue;
      const received =
        typeof item.DateTimeReceived === 'string' ? Date.parse(item.DateTimeReceived) : Number.NaN;
      items.push({ id, from: senderAddress(item), received });
    }
  }
  return items.sort((a, b) => (b.received || 0) - (a.received || 0));
}

/** An EWS-style error inside a 200 answer (ResponseClass "Error"), as its ResponseCode. */
export function owaResponseError(response: unknown): string | null {
  const first = firstResponseItem(response);
  if (first?.ResponseClass !== 'Error') return null;
  return typeof first.ResponseCode === 'string' ? first.ResponseCode : 'Error';
}

/**
 * The reading-pane part's item: the received item from the part's sender, the nth such part
 * counted newest first (OWA lists a conversation newest on top by default). 'own' when no
 * received item is from that sender: the part is the user's own (Sent Items or Drafts were left
 * out); 'unmatched' when the sender has fewer received items than parts on the page.
 */
export function pickConversationItem(
  items: readonly OwaConversationItem[],
  sender: string,
  nth: number,
): OwaConversationItem | 'own' | 'unmatched' {
  const fromSender = items.filter((item) => item.from === sender.toLowerCase());
  if (fromSender.length === 0) return 'own';
  return fromSender[nth] ?? 'unmatched';
}

/**
 * A REST-format id (from /mail/deeplink/read/<id>) in the EWS form service.svc takes: REST ids
 * are EWS ids with '/' as '-' and '+' as '_' (learn.microsoft.com, Office.context.mailbox
 * convertToEwsId).
 */
export function ewsIdFromRest(id: string): string {
  return id.replace(/-/g, '/').replace(/_/g, '+');
}
