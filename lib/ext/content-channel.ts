// The content script's side of its one long-lived port to the background
// (lib/messaging/content-port.ts). An MV3 service worker may be stopped at any time, which
// disconnects the port: the channel then connects again (which starts a fresh worker) and asks
// anew for every message still waiting for its final verdict, from the stage it already shows.
// What it only told (the toolbar's news) is not told again: the background keeps each tab's
// toolbar state and its in-view job in storage.session, and resumes that job itself.
// Firefox (webextension-polyfill) hands out the same runtime.Port.

import { browser } from 'wxt/browser';
import {
  CONTENT_PORT_NAME,
  isFinalVerdict,
  isToContent,
  type Tell,
  type ToBackground,
} from '../messaging/content-port.ts';
import type { AssessMessage, TabVerdict } from '../messaging/protocol.ts';

/** The part of runtime.Port the channel uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface ContentChannel {
  /** Tells the background something it need not answer. */
  tell(message: Tell): void;
  /** Each stage of the message's verdict to `onStage`; resolves with the final one. */
  assess(request: AssessMessage, onStage: (verdict: TabVerdict) => void): Promise<TabVerdict>;
  /** Ends the channel (the content script is torn down): nothing more is sent or shown. */
  close(): void;
}

export interface ChannelDeps {
  connect: () => PortLike;
  sleep: (ms: number) => Promise<void>;
}

interface Asking {
  request: AssessMessage;
  /** The stage the caller shows: asked again after a reconnect, only newer ones come. */
  stage: number | undefined;
  onStage: (verdict: TabVerdict) => void;
  resolve: (verdict: TabVerdict) => void;
  reject: (error: Error) => void;
}

/** Waits before each reconnect in a row that brought no answer; then the asks fail. */
const RECONNECT_WAITS_MS = [0, 250, 500, 1000, 2000];

const defaultConnect = () =>
  browser.runtime.connect({ name: CONTENT_PORT_NAME }) as unknown as PortLike;

export function openContentChannel(deps: Partial<ChannelDeps> = {}): ContentChannel {
  const connect = deps.connect ?? defaultConnect;
  const sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const asking = new Map<number, Asking>();
  let nextId = 1;
  let port: PortLike | null = null;
  let closed = false;
  /** Reconnects in a row without an answer. */
  let misses = 0;

  function receive(message: unknown): void {
    if (!isToContent(message)) return;
    misses = 0;
    const ask = asking.get(message.id);
    if (!ask) return;
    if (message.kind === 'failed') {
      asking.delete(message.id);
      ask.reject(new Error(message.error));
      return;
    }
    const { verdict } = message;
    ask.stage = verdict.report?.stage ?? ask.stage;
    if (isFinalVerdict(verdict)) asking.delete(message.id);
    ask.onStage(verdict);
    if (isFinalVerdict(verdict)) ask.resolve(verdict);
  }

  function open(): PortLike {
    const fresh = connect();
    fresh.onMessage.addListener(receive);
    fresh.onDisconnect.addListener(() => {
      if (port === fresh) port = null;
      if (!closed && asking.size > 0) void reconnect();
    });
    port = fresh;
    return fresh;
  }

  /** Posts on the port, opening it first if needed (once more if it was found disconnected). */
  function post(message: ToBackground): void {
    if (closed) return;
    try {
      (port ?? open()).postMessage(message);
    } catch {
      port = null;
      open().postMessage(message);
    }
  }

  const askMessage = (id: number, ask: Asking): ToBackground => ({
    mailseal: 1,
    kind: 'assess',
    id,
    request: ask.stage === undefined ? ask.request : { ...ask.request, after: ask.stage },
  });

  async function reconnect(): Promise<void> {
    const wait = RECONNECT_WAITS_MS[misses];
    misses += 1;
    if (wait === undefined) {
      failAll(new Error('MailSeal background did not answer'));
      return;
    }
    await sleep(wait);
    if (closed || port !== null || asking.size === 0) return;
    try {
      for (const [id, ask] of asking) post(askMessage(id, ask));
    } catch (error) {
      // No extension to connect to any more (it was reloaded): the asks cannot be answered.
      failAll(error instanceof Error ? error : new Error(String(error)));
    }
  }

  function failAll(error: Error): void {
    const failed = [...asking.values()];
    asking.clear();
    for (const ask of failed) ask.reject(error);
  }

  return {
    tell(message) {
      post({ mailseal: 1, kind: 'tell', tell: message });
    },
    assess(request, onStage) {
      return new Promise<TabVerdict>((resolve, reject) => {
        const id = nextId++;
        const ask: Asking = { request, stage: request.after, onStage, resolve, reject };
        asking.set(id, ask);
        try {
          post(askMessage(id, ask));
        } catch (error) {
          asking.delete(id);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    close() {
      closed = true;
      asking.clear();
      port?.disconnect();
      port = null;
    },
  };
}
