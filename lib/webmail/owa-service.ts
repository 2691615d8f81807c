// OWA's own JSON service (service.svc, EWS over JSON), as the Outlook web page calls it.
// GetItem with the extended property 0x007D (PR_TRANSPORT_MESSAGE_HEADERS) returns the message's
// transport headers. Pure request builders and response readers; the fetch happens in the page.

export const TRANSPORT_HEADERS_TAG = '0x7D';

export interface OwaItemRef {
  id: string;
  /** URLs often carry a conversation id (AAQk…) rather than an item id (AAMk…). */
  kind: 'item' | 'conversation';
}

export function owaItemRef(id: string): OwaItemRef {
  return { id, kind: id.startsWith('AAQk') ? 'conversation' : 'item' };
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
        ],
      },
      ItemIds: [{ __type: 'ItemId:#Exchange', Id: itemId }],
    },
  };
}

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
      ItemShape: { __type: 'ItemResponseShape:#Exchange', BaseShape: 'IdOnly' },
      ShapeName: 'ItemPart',
      SortOrder: 'DateOrderDescending',
      MaxItemsToReturn: 20,
    },
  };
}

/** The service URL for an action, under the service path OWA itself uses on this page. */
export function owaServiceUrl(origin: string, servicePath: string, action: string): string {
  return `${origin}${servicePath}?action=${encodeURIComponent(action)}&app=Mail`;
}

/** OWA sends its canary cookie back as a header; without one it sends a sentinel. */
export function owaCanary(cookieHeader: string): string {
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name?.toUpperCase() === 'X-OWA-CANARY' && value.length > 0) return value.join('=');
  }
  return 'X-OWA-CANARY_cookie_is_null_or_empty';
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

/** The newest item id of a GetConversationItems response, or null. */
export function newestItemIdFromConversation(response: unknown): string | null {
  const conversation = asObject(firstResponseItem(response)?.Conversation);
  for (const node of asArray(conversation?.ConversationNodes)) {
    for (const item of asArray(asObject(node)?.Items)) {
      const id = asObject(asObject(item)?.ItemId)?.Id;
      if (typeof id === 'string' && id.length > 0) return id;
    }
  }
  return null;
}
