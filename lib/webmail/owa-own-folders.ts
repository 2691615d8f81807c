// Which folders hold the user's own messages: Sent Items and Drafts. A deep link or popout
// (/mail/deeplink/read/<id>) has no folder in its URL, so an item without transport headers is
// told apart by its parent folder: GetItem reports ParentFolderId, and GetFolder turns the
// distinguished names "sentitems" and "drafts" into that mailbox's folder ids (Microsoft
// Learn, EWS DistinguishedFolderId and GetFolderResponse). Pure request builders and readers.

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Folders whose items never travelled in. */
export const OWN_FOLDER_NAMES = ['drafts', 'sentitems'] as const;

/** GetFolder for Sent Items and Drafts of the mailbox the call is routed to, ids only. */
export function getOwnFoldersBody(): unknown {
  return {
    __type: 'GetFolderJsonRequest:#Exchange',
    Header: { __type: 'JsonRequestHeaders:#Exchange', RequestServerVersion: 'Exchange2013' },
    Body: {
      __type: 'GetFolderRequest:#Exchange',
      FolderShape: { __type: 'FolderResponseShape:#Exchange', BaseShape: 'IdOnly' },
      FolderIds: OWN_FOLDER_NAMES.map((Id) => ({ __type: 'DistinguishedFolderId:#Exchange', Id })),
    },
  };
}

/** The folder ids a GetFolder answer gives, one per response message that succeeded. */
export function ownFolderIds(response: unknown): Set<string> {
  const messages = asObject(asObject(asObject(response)?.Body)?.ResponseMessages);
  const ids = new Set<string>();
  for (const message of asArray(messages?.Items)) {
    const entry = asObject(message);
    if (entry?.ResponseClass !== 'Success') continue;
    for (const folder of asArray(entry.Folders)) {
      const id = asObject(asObject(folder)?.FolderId)?.Id;
      if (typeof id === 'string' && id.length > 0) ids.add(id);
    }
  }
  return ids;
}

/** The ParentFolderId of the first item of a GetItem answer, or null. */
export function parentFolderOf(getItemResponse: unknown): string | null {
  const messages = asObject(asObject(asObject(getItemResponse)?.Body)?.ResponseMessages);
  const item = asObject(asArray(asObject(asArray(messages?.Items)[0])?.Items)[0]);
  const id = asObject(item?.ParentFolderId)?.Id;
  return typeof id === 'string' && id.length > 0 ? id : null;
}
