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
  const listener = (
    message: unknown,
    sender: MessageSender,
  ): Promise<Reply<MessageType>> | undefined => {
    // Only our own extension's pages and content scripts may talk to the background.
    if (!isEnvelope(message) || sender.id !== browser.runtime.id) return undefined;
    const handler = handlers[message.type] as (data: unknown, sender: MessageSender) => unknown;
    return Promise.resolve()
      .then(() => handler(message.data, sender))
      .then(
        (value) => ({ ok: true, value }) as Reply<MessageType>,
        (error: unknown) => ({
          ok: false,
          error: String(error instanceof Error ? error.message : error),
        }),
      );
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
