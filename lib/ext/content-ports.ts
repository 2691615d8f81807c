// The background's side of the content scripts' long-lived ports (lib/messaging/content-port.ts):
// what a page tells goes to its handler; a message asked for is followed stage by stage, each
// stage pushed to the page as soon as it is known, until the final one. The header block comes
// once, with the ask; the background keeps it for the refinements. The sender (tab, frame URL,
// private window) is the browser's, read from the port, never from what the page sends.

import { browser } from 'wxt/browser';
import {
  CONTENT_PORT_NAME,
  isFinalVerdict,
  isToBackground,
  type PageVerdict,
  pageVerdict,
  type Tell,
  type ToContent,
} from '../messaging/content-port.ts';
import type { AssessMessage, TabVerdict } from '../messaging/protocol.ts';
import type { MessageSender } from './messaging.ts';

export interface ContentPortHandlers {
  tell(tell: Tell, sender: MessageSender): unknown;
  /** One stage: the first verdict without `after`, else the next refinement after it. */
  assess(request: AssessMessage, sender: MessageSender): Promise<TabVerdict>;
}

/** The part of runtime.Port the background uses. */
export interface ServedPort {
  name: string;
  sender?: MessageSender;
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface ConnectEvent {
  addListener(listener: (port: ServedPort) => void): void;
  removeListener(listener: (port: ServedPort) => void): void;
}

/**
 * What the page would show of a verdict: all of it but the stage number and which answers are
 * awaited. The page marks only that the padlock still waits (the "…" and "still checking"), and
 * nothing of the details refining (the popup shows those), so a stage that only shortens either
 * list draws nothing new there.
 */
const shownOf = (verdict: PageVerdict) =>
  JSON.stringify({
    ...verdict,
    report: verdict.report && {
      ...verdict.report,
      stage: 0,
      pending: verdict.report.pending.length > 0,
      refining: (verdict.report.refining?.length ?? 0) > 0,
    },
  });

/**
 * Every stage after `request.after`, to `push`, while the page still listens. A stage that
 * changes nothing the page shows (a lookup answered that moves no word of the padlock or its
 * panel, or a detail refined for the popup) is not pushed: delivering it would cost the page's
 * main thread for nothing (bench:ext, issue 15). The final stage always is.
 */
async function followStages(
  handlers: ContentPortHandlers,
  request: AssessMessage,
  sender: MessageSender,
  push: (verdict: PageVerdict) => boolean,
): Promise<void> {
  let pushed: string | null = null;
  let verdict = await handlers.assess(request, sender);
  for (;;) {
    const page = pageVerdict(verdict);
    const final = isFinalVerdict(page) || verdict.report === null;
    const shown = shownOf(page);
    if (final || shown !== pushed) {
      if (!push(page)) return;
      pushed = shown;
    }
    if (final || verdict.report === null) return;
    verdict = await handlers.assess({ ...request, after: verdict.report.stage }, sender);
  }
}

function serve(port: ServedPort, handlers: ContentPortHandlers): void {
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  const push = (message: ToContent): boolean => {
    if (!open) return false;
    try {
      port.postMessage(message);
    } catch {
      open = false;
    }
    return open;
  };
  const sender = port.sender ?? {};
  port.onMessage.addListener((message) => {
    if (!isToBackground(message)) return;
    if (message.kind === 'tell') {
      void Promise.resolve()
        .then(() => handlers.tell(message.tell, sender))
        .catch(() => {});
      return;
    }
    const { id } = message;
    followStages(handlers, message.request, sender, (verdict) =>
      push({ mailseal: 1, kind: 'verdict', id, verdict }),
    ).catch((error: unknown) =>
      push({
        mailseal: 1,
        kind: 'failed',
        id,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  });
}

/** Answers every content script's port; returns what stops answering new ones. */
export function acceptContentPorts(
  handlers: ContentPortHandlers,
  onConnect: ConnectEvent = browser.runtime.onConnect as unknown as ConnectEvent,
): () => void {
  const listener = (port: ServedPort) => {
    if (port.name === CONTENT_PORT_NAME) serve(port, handlers);
  };
  onConnect.addListener(listener);
  return () => onConnect.removeListener(listener);
}
