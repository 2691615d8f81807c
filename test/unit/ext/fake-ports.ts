// runtime.connect and runtime.onConnect in-process: a content script's port and the background's
// end of it, delivering each message asynchronously as the browser does (structured-cloned, so
// neither side shares objects with the other). `stopWorker` disconnects every port, as
// Chromium does when it stops an MV3 service worker.

import type { PortLike } from '../../../lib/ext/content-channel.ts';
import type { ConnectEvent, ServedPort } from '../../../lib/ext/content-ports.ts';
import type { MessageSender } from '../../../lib/ext/messaging.ts';

type Listener<T> = (value: T) => void;

function event<T>() {
  const listeners = new Set<Listener<T>>();
  return {
    addListener: (listener: Listener<T>) => void listeners.add(listener),
    removeListener: (listener: Listener<T>) => void listeners.delete(listener),
    fire: (value: T) => {
      for (const listener of [...listeners]) listener(value);
    },
  };
}

const later = (run: () => void) => void setTimeout(run, 0);

export interface FakePorts {
  /** The background's runtime.onConnect. */
  onConnect: ConnectEvent;
  /** A content script's runtime.connect, from `sender`'s tab. */
  connect(name: string, sender?: MessageSender): PortLike;
  /** Everything the content scripts posted, in order. */
  posted: unknown[];
  /** Everything the background pushed, in order. */
  pushed: unknown[];
  connections(): number;
  /** Disconnects every open port from the background's side (a stopped worker). */
  stopWorker(): void;
}

export function fakePorts(defaultSender: MessageSender = { tab: { id: 1 } as never }): FakePorts {
  const onConnect = event<ServedPort>();
  const posted: unknown[] = [];
  const pushed: unknown[] = [];
  const open = new Set<() => void>();
  let connections = 0;
  return {
    onConnect,
    posted,
    pushed,
    connections: () => connections,
    stopWorker: () => {
      for (const close of [...open]) close();
    },
    connect(name, sender = defaultSender) {
      connections += 1;
      const toContent = event<unknown>();
      const toBackground = event<unknown>();
      const contentGone = event<void>();
      const backgroundGone = event<void>();
      let connected = true;
      const close = (notify: ReturnType<typeof event<void>>) => {
        if (!connected) return;
        connected = false;
        open.delete(closeFromBackground);
        later(() => notify.fire());
      };
      const closeFromBackground = () => close(contentGone);
      open.add(closeFromBackground);
      const send = (to: ReturnType<typeof event<unknown>>, log: unknown[], message: unknown) => {
        if (!connected) throw new Error('Attempting to use a disconnected port object');
        const copy = structuredClone(message);
        log.push(copy);
        later(() => {
          if (connected) to.fire(copy);
        });
      };
      const served: ServedPort = {
        name,
        sender,
        postMessage: (message) => send(toContent, pushed, message),
        onMessage: toBackground,
        onDisconnect: backgroundGone,
      };
      later(() => onConnect.fire(served));
      return {
        postMessage: (message) => send(toBackground, posted, message),
        disconnect: () => close(backgroundGone),
        onMessage: toContent,
        onDisconnect: contentGone,
      };
    },
  };
}
