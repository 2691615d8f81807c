// The one message contract between content scripts, the popup and the background.
// Pure types and guards: the browser transport lives in lib/ext/messaging.ts.

import type { SenderProfile, StoredProfiles } from '../profile/index.ts';
import type { Settings } from '../settings/settings.ts';
import type { MessageReport, PadlockLevel } from './report.ts';
import type { UnreadableReason } from './unreadable-reason.ts';
import type { WebmailSite } from './webmail-site.ts';

export type { MessageReport, PadlockLevel } from './report.ts';
export type { WebmailSite };

/** What the toolbar shows for a tab; the popup renders the same object in full. */
export interface TabVerdict {
  /** idle: webmail open, no message in view; checking: headers or assessment under way. */
  level: PadlockLevel | 'idle' | 'checking';
  /** At most four characters: the toolbar badge. */
  badgeText: string;
  /** One line, readable at a glance: the badge tooltip. */
  summary: string;
  /** The full report of the message in view, when there is one. */
  report: MessageReport | null;
}

export interface PageOpened {
  site: WebmailSite;
}

/**
 * Orders the in-view reports of one tab: the content script numbers each change of the message
 * in view, and the background ignores answers for a message the user has already left.
 */
export interface ViewTicket {
  site: WebmailSite;
  seq: number;
  inView: boolean;
}

/**
 * The part of a header block the engine needs (lib/webmail/slim-header-block.ts): trace and
 * authentication fields and mailbox domains, nothing else. The background analyses it.
 */
export interface SlimHeaders {
  /** Unfolded fields, one per line; dropped fields stay as empty placeholders. */
  block: string;
  /** What splitting the original block noticed (truncation, malformed lines). */
  warnings: string[];
}

export interface AssessMessage extends ViewTicket {
  /** Cut down in the content script: no subjects, message ids, display names or local parts. */
  headers: SlimHeaders;
  /**
   * The stage of the report the caller already shows: the answer is the next refinement. Absent
   * on the first ask, which is answered at once with the verdict from the headers alone.
   */
  after?: number;
  /** Set by the background from the sending tab (never trusted from the page): learn nothing. */
  privateWindow?: boolean;
  /**
   * Self-hosted webmail (Roundcube): the host name of the sending frame, set by the background
   * from the frame's URL (never trusted from the page). Its organizational domain is the
   * recipient's provider for the header engine's trust boundary.
   */
  webmailHost?: string;
}

/**
 * Why a message has no verdict, each its own state and never "no evidence" nor "insecure":
 * unreadable: can't read this message's headers (reason); login-required: signed out;
 * sent-by-you: the user's own message, which has no inbound path; rate-limited: the webmail
 * answered "too many requests" and the content script is retrying.
 */
export type MessageProblemKind = 'unreadable' | 'login-required' | 'sent-by-you' | 'rate-limited';

export interface MessageProblem extends ViewTicket {
  problem: MessageProblemKind;
  /** For 'unreadable': what failed, in MailSeal's own words (never page or header text). */
  reason?: UnreadableReason;
}

/**
 * Request and response types, one entry per message. Only domains and trace fields cross this
 * boundary: never full addresses, subjects, message ids or bodies.
 */
export interface ProtocolMap {
  pageOpened: { request: PageOpened; response: TabVerdict };
  /** The message in view changed; its headers are being read. */
  messageOpening: { request: ViewTicket; response: TabVerdict };
  assessMessage: { request: AssessMessage; response: TabVerdict };
  messageProblem: { request: MessageProblem; response: TabVerdict };
  getTabVerdict: { request: { tabId: number }; response: TabVerdict | null };
  getSettings: { request: null; response: Settings };
  saveSettings: { request: Settings; response: Settings };
  clearCache: { request: null; response: { removed: number } };
  /** The sender profiles behind downgrade alerts (options page). */
  profilesList: { request: null; response: SenderProfile[] };
  profilesForget: { request: { sender: string }; response: null };
  profilesClear: { request: null; response: null };
  profilesExport: { request: null; response: StoredProfiles };
  profilesImport: { request: unknown; response: { count: number } };
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
  'messageOpening',
  'assessMessage',
  'messageProblem',
  'getTabVerdict',
  'getSettings',
  'saveSettings',
  'clearCache',
  'profilesList',
  'profilesForget',
  'profilesClear',
  'profilesExport',
  'profilesImport',
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
