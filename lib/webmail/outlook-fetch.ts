// The headers of one Outlook reading-pane part: an item id straight away; a part of a
// conversation through the conversation's received items, matched by the part's sender. A part
// with no received item from its sender is the user's own (Sent Items and Drafts are left out by
// the server): "sent by you", nothing to judge.

import { unreadable } from '../messaging/unreadable-reason.ts';
import type { FetchProgress, HeaderFetchResult } from './header-fetch-result.ts';
import type { OwaBridgeAsk, OwaBridgeResult } from './owa-bridge-messages.ts';
import { type OwaItemRef, pickConversationItem } from './owa-service.ts';

export type AskBridge = (ask: OwaBridgeAsk, onProgress: FetchProgress) => Promise<OwaBridgeResult>;

type ItemsAnswer = Exclude<OwaBridgeResult, { kind: 'headers' }>;

export interface OutlookFetcher {
  fetchHeaders(ref: OwaItemRef, onProgress: FetchProgress): Promise<HeaderFetchResult>;
  /** Forgets cached conversations (the session changed, so a failure may now succeed). */
  reset(): void;
}

function asHeaderResult(result: OwaBridgeResult): HeaderFetchResult {
  return result.kind === 'items' ? unreadable('unreadable_outlookConversation') : result;
}

export function createOutlookFetcher(ask: AskBridge): OutlookFetcher {
  // One GetConversationItems per conversation for all its parts.
  const conversations = new Map<string, Promise<ItemsAnswer>>();

  function itemsOf(ref: OwaItemRef, onProgress: FetchProgress): Promise<ItemsAnswer> {
    const key = `${ref.mailbox ?? ''}|${ref.id}`;
    let pending = conversations.get(key);
    if (!pending) {
      pending = ask(
        { action: 'conversation', id: ref.id, mailbox: ref.mailbox ?? null },
        onProgress,
      ).then((result) =>
        result.kind === 'headers' ? unreadable('unreadable_outlookUnexpectedAnswer') : result,
      );
      conversations.set(key, pending);
      // A failed lookup is not kept: the next part or a later retry asks again.
      void pending.then((result) => {
        if (result.kind !== 'items') conversations.delete(key);
      });
    }
    return pending;
  }

  return {
    async fetchHeaders(ref, onProgress) {
      const mailbox = ref.mailbox ?? null;
      if (ref.kind === 'item')
        return asHeaderResult(await ask({ action: 'item', id: ref.id, mailbox }, onProgress));
      if (!ref.sender) return unreadable('unreadable_outlookPartSenderMissing');
      const answer = await itemsOf(ref, onProgress);
      if (answer.kind !== 'items') return answer;
      const item = pickConversationItem(answer.items, ref.sender, ref.nth ?? 0);
      if (item === 'own') return { kind: 'sent-by-you' };
      if (item === 'unmatched') return unreadable('unreadable_outlookNoReceivedItem');
      return asHeaderResult(await ask({ action: 'item', id: item.id, mailbox }, onProgress));
    },
    reset() {
      conversations.clear();
    },
  };
}
