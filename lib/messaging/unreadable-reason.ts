// Why a message's raw headers could not be read, as a message key with literal parameters, so
// the "can't read (reason)" tooltip is in the reader's language. The keys are ours; parameters
// are only what the site told us (a status code, a host, an OWA action, a browser error).

export const UNREADABLE_REASON_KEYS = [
  'unreadable_gmailNoIk',
  'unreadable_gmailNoMessageId',
  'unreadable_gmailOriginalRedirected',
  'unreadable_gmailOriginalStatus',
  'unreadable_gmailOriginalNoRawMessage',
  'unreadable_gmailOriginalNoHeaders',
  'unreadable_gmailDownloadStatus',
  'unreadable_gmailDownloadNoHeaders',
  'unreadable_tooManyRequests',
  'unreadable_requestFailed',
  'unreadable_messageIdNotFound',
  'unreadable_layoutUnknown',
  'unreadable_outlookConversation',
  'unreadable_outlookUnexpectedAnswer',
  'unreadable_outlookPartSenderMissing',
  'unreadable_outlookNoReceivedItem',
  'unreadable_outlookPageSilent',
  'unreadable_outlookNoSession',
  'unreadable_outlookNoMailboxSession',
  'unreadable_outlookExpiredSession',
  'unreadable_outlookRefused',
  'unreadable_outlookActionStatus',
  'unreadable_outlookActionError',
  'unreadable_outlookNoTransportHeaders',
  'unreadable_outlookNotHeaderBlock',
  'unreadable_roundcubeStatus',
  'unreadable_roundcubePage',
  'unreadable_roundcubeNoHeaders',
] as const;

const KNOWN = new Set<string>(UNREADABLE_REASON_KEYS);
const MAX_PARAMS = 3;
const MAX_PARAM_LENGTH = 300;

export type UnreadableReasonKey = (typeof UNREADABLE_REASON_KEYS)[number];

/** A Text (lib/score/text.ts) whose key is one of the reasons above and whose params are literal. */
export interface UnreadableReason {
  key: UnreadableReasonKey;
  params: string[];
}

export const unreadableReason = (
  key: UnreadableReasonKey,
  ...params: string[]
): UnreadableReason => ({ key, params });

export const unreadable = (
  key: UnreadableReasonKey,
  ...params: string[]
): { kind: 'unreadable'; reason: UnreadableReason } => ({
  kind: 'unreadable',
  reason: unreadableReason(key, ...params),
});

/** A thrown error as a reason: the browser's own message is the only detail there is. */
export const failedRequest = (error: unknown) =>
  unreadable(
    'unreadable_requestFailed',
    (error instanceof Error ? error.message : String(error)).slice(0, MAX_PARAM_LENGTH),
  );

/**
 * A reason that crossed a message boundary (the OWA page-world bridge, the content script to the
 * background): only our keys, with a few short string parameters; anything else is refused.
 */
export function readUnreadableReason(value: unknown): UnreadableReason | null {
  if (typeof value !== 'object' || value === null) return null;
  const { key, params } = value as { key?: unknown; params?: unknown };
  if (typeof key !== 'string' || !KNOWN.has(key)) return null;
  if (!Array.isArray(params) || params.length > MAX_PARAMS) return null;
  const literal = params.every((p) => typeof p === 'string' && p.length <= MAX_PARAM_LENGTH);
  return literal ? { key: key as UnreadableReasonKey, params: params as string[] } : null;
}
