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
const shownOf = (verdict: PageVerdict) => {
  if (verdict.report === null) return JSON.stringify(verdict);
  const { refining: _popupOnly, ...report } = verdict.report;
  return JSON.stringify({
    ...verdict,
    report: { ...report, stage: 0, pending: report.pending.length > 0 },
  });
};

/**
 * How the stages of one message are paced on their way to the page. Each delivery costs the
 * webmail page's main thread (the port's dispatch, then a redraw: about 0.1-0.3 ms, bench:ext,
 * issue 15), and a cold message brings several within a few tens of milliseconds, each shown
 * for less time than anyone reads it. So a stage between the first and the last waits until
 * `intervalMs` after the page's previous delivery, and gives way to any newer stage that comes
 * meanwhile. The first verdict, the padlock's final one (it stops waiting) and the last stage
 * never wait.
 */
export interface StagePacing {
  intervalMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_STAGE_PACING: StagePacing = {
  intervalMs: 100,
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What the page was last given: what it shows, when, and whether the padlock still waited. */
interface Delivered {
  shown: string;
  at: number;
  waited: boolean;
}

const padlockWaits = (verdict: PageVerdict) => (verdict.report?.pending.length ?? 0) > 0;

/** True when `newer` settles within `ms` (so the stage held meanwhile need not be delivered). */
async function settlesWithin(newer: Promise<unknown>, ms: number, pacing: StagePacing) {
  if (ms <= 0) return false;
  const settled = newer.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, pacing.sleep(ms).then(() => false)]);
}

/** Deliveries to the page; each says whether the page still listens. */
interface Delivery {
  verdict(verdict: PageVerdict): boolean;
  /** The last stage is in and the page already shows all of it. */
  done(): boolean;
}

/**
 * Every stage after `request.after`, to the page while it still listens, paced as StagePacing
 * says. A stage that changes nothing the page shows (a lookup answered that moves no word of the
 * padlock or its panel, or a detail refined for the popup) is not pushed at all; the last stage
 * is, or only a "done" when the page shows all of it already.
 */
async function followStages(
  handlers: ContentPortHandlers,
  request: AssessMessage,
  sender: MessageSender,
  deliver: Delivery,
  pacing: StagePacing,
): Promise<void> {
  let delivered: Delivered | null = null;
  let next = handlers.assess(request, sender);
  for (;;) {
    const verdict = await next;
    const page = pageVerdict(verdict);
    const last = isFinalVerdict(page) || verdict.report === null;
    if (!last && verdict.report !== null)
      next = handlers.assess({ ...request, after: verdict.report.stage }, sender);
    const shown = shownOf(page);
    if (!last && delivered !== null) {
      if (shown === delivered.shown) continue;
      const padlockNowFinal = delivered.waited && !padlockWaits(page);
      const wait = delivered.at + pacing.intervalMs - pacing.now();
      if (!padlockNowFinal && (await settlesWithin(next, wait, pacing))) continue;
    }
    if (last) {
      if (shown === delivered?.shown) deliver.done();
      else deliver.verdict(page);
      return;
    }
    if (!deliver.verdict(page)) return;
    delivered = { shown, at: pacing.now(), waited: padlockWaits(page) };
  }
}

function serve(port: ServedPort, handlers: ContentPortHandlers, pacing: StagePacing): void {
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
    const deliver: Delivery = {
      verdict: (verdict) => push({ mailseal: 1, kind: 'verdict', id, verdict }),
      done: () => push({ mailseal: 1, kind: 'done', id }),
    };
    followStages(handlers, message.request, sender, deliver, pacing).catch((error: unknown) =>
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
  pacing: StagePacing = DEFAULT_STAGE_PACING,
): () => void {
  const listener = (port: ServedPort) => {
    if (port.name === CONTENT_PORT_NAME) serve(port, handlers, pacing);
  };
  onConnect.addListener(listener);
  return () => onConnect.removeListener(listener);
}
