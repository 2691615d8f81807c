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
  type PageVerdict,
  type Tell,
  type ToBackground,
} from '../messaging/content-port.ts';
import type { AssessMessage } from '../messaging/protocol.ts';

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
  assess(request: AssessMessage, onStage: (verdict: PageVerdict) => void): Promise<PageVerdict>;
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
  onStage: (verdict: PageVerdict) => void;
  /** The newest stage shown: what a "done" resolves with. */
  shown?: PageVerdict;
  resolve: (verdict: PageVerdict) => void;
  reject: (error: Error) => void;
}

/** Waits before each reconnect in a row that brought no answer; then the asks fail. */
const RECONNECT_WAITS_MS = [0, 250, 500, 1000, 2000];

const defaultConnect = () =>
  browser.runtime.connect({ name: CONTENT_PORT_NAME }) as unknown as PortLike;

/** What one channel holds between its messages. */
interface Channel {
  readonly connect: () => PortLike;
  readonly sleep: (ms: number) => Promise<void>;
  readonly asking: Map<number, Asking>;
  port: PortLike | null;
  closed: boolean;
  /** Reconnects in a row without an answer. */
  misses: number;
}

function receive(channel: Channel, message: unknown): void {
  if (!isToContent(message)) return;
  channel.misses = 0;
  const ask = channel.asking.get(message.id);
  if (!ask) return;
  if (message.kind === 'failed') {
    channel.asking.delete(message.id);
    ask.reject(new Error(message.error));
    return;
  }
  if (message.kind === 'done') {
    channel.asking.delete(message.id);
    if (ask.shown) ask.resolve(ask.shown);
    else ask.reject(new Error('MailSeal background ended an ask it never answered'));
    return;
  }
  const { verdict } = message;
  ask.stage = verdict.report?.stage ?? ask.stage;
  ask.shown = verdict;
  const final = isFinalVerdict(verdict);
  if (final) channel.asking.delete(message.id);
  ask.onStage(verdict);
  if (final) ask.resolve(verdict);
}

function open(channel: Channel): PortLike {
  const fresh = channel.connect();
  fresh.onMessage.addListener((message) => receive(channel, message));
  fresh.onDisconnect.addListener(() => {
    if (channel.port === fresh) channel.port = null;
    if (!channel.closed && channel.asking.size > 0) void reconnect(channel);
  });
  channel.port = fresh;
  return fresh;
}

/** Posts on the port, opening it first if needed (once more if it was found disconnected). */
function post(channel: Channel, message: ToBackground): void {
  if (channel.closed) return;
  try {
    (channel.port ?? open(channel)).postMessage(message);
  } catch {
    channel.port = null;
    open(channel).postMessage(message);
  }
}

const askMessage = (id: number, ask: Asking): ToBackground => ({
  mailseal: 1,
  kind: 'assess',
  id,
  request: ask.stage === undefined ? ask.request : { ...ask.request, after: ask.stage },
});

function failAll(channel: Channel, error: Error): void {
  const failed = [...channel.asking.values()];
  channel.asking.clear();
  for (const ask of failed) ask.reject(error);
}

async function reconnect(channel: Channel): Promise<void> {
  const wait = RECONNECT_WAITS_MS[channel.misses];
  channel.misses += 1;
  if (wait === undefined) {
    failAll(channel, new Error('MailSeal background did not answer'));
    return;
  }
  await channel.sleep(wait);
  if (channel.closed || channel.port !== null || channel.asking.size === 0) return;
  try {
    for (const [id, ask] of channel.asking) post(channel, askMessage(id, ask));
  } catch (error) {
    // No extension to connect to any more (it was reloaded): the asks cannot be answered.
    failAll(channel, error instanceof Error ? error : new Error(String(error)));
  }
}

export function openContentChannel(deps: Partial<ChannelDeps> = {}): ContentChannel {
  const channel: Channel = {
    connect: deps.connect ?? defaultConnect,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    asking: new Map(),
    port: null,
    closed: false,
    misses: 0,
  };
  let nextId = 1;
  return {
    tell(message) {
      post(channel, { mailseal: 1, kind: 'tell', tell: message });
    },
    assess(request, onStage) {
      return new Promise<PageVerdict>((resolve, reject) => {
        const id = nextId++;
        const ask: Asking = { request, stage: request.after, onStage, resolve, reject };
        channel.asking.set(id, ask);
        try {
          post(channel, askMessage(id, ask));
        } catch (error) {
          channel.asking.delete(id);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    close() {
      channel.closed = true;
      channel.asking.clear();
      channel.port?.disconnect();
      channel.port = null;
    },
  };
}
