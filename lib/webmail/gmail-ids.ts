// Gmail message ids and account paths. Facts from public integrations: the container carries
// data-message-id="#msg-f:<decimal>" (older Gmail: hex) and data-legacy-message-id="<hex16>";
// msg-f decimal equals the legacy hex id; msg-a:r… ids (just-sent messages) do not convert.

export interface GmailMessageId {
  /** Value for `permmsgid=`: msg-f:<decimal> or msg-a:r<…>; null when only a legacy id is known. */
  permId: string | null;
  /** 16+ hex digits, for `th=`; null when unknown. */
  legacyHex: string | null;
}

const PERM_ID = /^msg-[af]:r?-?[0-9]+$/;
const LEGACY_HEX = /^[0-9a-f]{16,}$/;

export function msgFToHex(permId: string): string | null {
  const match = /^msg-f:([0-9]+)$/.exec(permId);
  if (!match?.[1]) return null;
  return BigInt(match[1]).toString(16);
}

export function hexToMsgF(hex: string): string {
  return `msg-f:${BigInt(`0x${hex}`).toString(10)}`;
}

/** Reads the two id attributes of a message container; null when neither is usable. */
export function parseGmailMessageId(
  dataMessageId: string | null,
  dataLegacyMessageId: string | null,
): GmailMessageId | null {
  const raw = dataMessageId?.trim().replace(/^#/, '') ?? '';
  const legacy = dataLegacyMessageId?.trim().toLowerCase() ?? '';
  const legacyHex = LEGACY_HEX.test(legacy) ? legacy : null;
  if (PERM_ID.test(raw)) {
    // Right after sending, the legacy id can be missing or wrong; msg-f is authoritative.
    const fromPerm = msgFToHex(raw);
    return { permId: raw, legacyHex: fromPerm ?? legacyHex };
  }
  const rawHex = raw.toLowerCase();
  if (LEGACY_HEX.test(rawHex)) return { permId: hexToMsgF(rawHex), legacyHex: rawHex };
  if (legacyHex) return { permId: hexToMsgF(legacyHex), legacyHex };
  return null;
}

/** A stable key for one message in this page (never leaves the content script). */
export function gmailMessageKey(id: GmailMessageId): string {
  return id.permId ?? `legacy:${id.legacyHex}`;
}

/**
 * The account base path of a Gmail URL, kept as the page has it: /mail/u/N/ for signed-in
 * accounts, /mail/b/<x>/u/N/ and /mail/u/N/d/<x>/ for delegated mailboxes (InboxSDK/InboxSDK
 * src/platform-implementation-js/driver-common/getOriginalMessagePage.ts keeps the delegated
 * path). Gmail's mail UI without an account number is account 0, as InboxSDK assumes: /mail/u/0/.
 * Null when the page is not Gmail's mail UI.
 */
export function gmailAccountBase(pathname: string): string | null {
  const delegated = /^\/mail\/b\/([^/]+)\/u\/(\d+)(?:\/|$)/.exec(pathname);
  if (delegated) return `/mail/b/${delegated[1]}/u/${delegated[2]}/`;
  const delegatedNoUser = /^\/mail\/b\/([^/]+)(?:\/|$)/.exec(pathname);
  if (delegatedNoUser) return `/mail/b/${delegatedNoUser[1]}/`;
  const userDelegated = /^\/mail\/u\/(\d+)\/d\/([^/]+)(?:\/|$)/.exec(pathname);
  if (userDelegated) return `/mail/u/${userDelegated[1]}/d/${userDelegated[2]}/`;
  const user = /^\/mail\/u\/(\d+)(?:\/|$)/.exec(pathname);
  if (user) return `/mail/u/${user[1]}/`;
  if (/^\/mail(?:\/|$)/.test(pathname)) return '/mail/u/0/';
  return null;
}

/** The user's own messages: msg-a ids are messages this account wrote (InboxSDK #515). */
export function isOwnMessageId(id: GmailMessageId): boolean {
  return id.permId?.startsWith('msg-a:') ?? false;
}
