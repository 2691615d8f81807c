// Typed request/response over browser.runtime messaging, checked against ProtocolMap.

import { type Browser, browser } from 'wxt/browser';
import {
  type Envelope,
  isEnvelope,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from '../messaging/protocol.ts';

export type MessageSender = Browser.runtime.MessageSender;

export type Handlers = {
  [K in MessageType]: (
    data: RequestOf<K>,
    sender: MessageSender,
  ) => ResponseOf<K> | Promise<ResponseOf<K>>;
};

export async function sendToBackground<K extends MessageType>(
  type: K,
  data: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { mailseal: 1, type, data };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<K> | undefined;
  if (!reply) throw new Error(`MailSeal background did not answer "${type}"`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** Installs one listener that routes every MailSeal message to its handler. */
export function handleMessages(handlers: Handlers): () => void {
  // sendResponse + `return true` is the one async reply form every browser (and the
  // polyfill) supports; returning a promise is not universal.
  const listener = (
    message: unknown,
    sender: MessageSender,
    sendResponse: (reply: Reply<MessageType>) => void,
  ): true | undefined => {
    // runtime.onMessage only carries our own extension's contexts (web pages would need
    // onMessageExternal, which we never listen to); the envelope check drops foreign shapes.
    if (!isEnvelope(message)) return undefined;
    const handler = handlers[message.type] as (data: unknown, sender: MessageSender) => unknown;
    void Promise.resolve()
      .then(() => handler(message.data, sender))
      .then(
        (value) => sendResponse({ ok: true, value } as Reply<MessageType>),
        (error: unknown) =>
          sendResponse({
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
    return true;
  };
  browser.runtime.onMessage.addListener(
    listener as Parameters<typeof browser.runtime.onMessage.addListener>[0],
  );
  return () =>
    browser.runtime.onMessage.removeListener(
      listener as Parameters<typeof browser.runtime.onMessage.removeListener>[0],
    );
}
