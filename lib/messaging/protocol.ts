// The one message contract between content scripts, the popup and the background.
// Pure types and guards: the browser transport lives in lib/ext/messaging.ts.

import type { Settings } from '../settings/settings.ts';

export type WebmailSite = 'gmail' | 'outlook';

/** What the toolbar shows for a tab; the popup renders the same object in full. */
export interface TabVerdict {
  level: 'secure' | 'partial' | 'insecure' | 'unknown' | 'idle';
  /** At most four characters: the toolbar badge. */
  badgeText: string;
  /** One line, readable at a glance: the badge tooltip. */
  summary: string;
}

export interface PageOpened {
  site: WebmailSite;
}

/**
 * Request and response types, one entry per message. Only domain names and parsed facts
 * cross this boundary: never addresses, subjects, message ids or bodies.
 */
export interface ProtocolMap {
  pageOpened: { request: PageOpened; response: TabVerdict };
  getTabVerdict: { request: { tabId: number }; response: TabVerdict | null };
  getSettings: { request: null; response: Settings };
  saveSettings: { request: Settings; response: Settings };
}

export type MessageType = keyof ProtocolMap;
export type RequestOf<K extends MessageType> = ProtocolMap[K]['request'];
export type ResponseOf<K extends MessageType> = ProtocolMap[K]['response'];

/** The wire form, tagged so foreign messages on the same runtime port are ignored. */
export interface Envelope<K extends MessageType = MessageType> {
  mailseal: 1;
  type: K;
  data: RequestOf<K>;
}

export type Reply<K extends MessageType> =
  | { ok: true; value: ResponseOf<K> }
  | { ok: false; error: string };

const MESSAGE_TYPES: ReadonlySet<string> = new Set<MessageType>([
  'pageOpened',
  'getTabVerdict',
  'getSettings',
  'saveSettings',
]);

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { mailseal?: unknown; type?: unknown };
  return (
    candidate.mailseal === 1 &&
    typeof candidate.type === 'string' &&
    MESSAGE_TYPES.has(candidate.type)
  );
}
