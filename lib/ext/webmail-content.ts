// The content script's work on a webmail page: watch for opened messages, fetch each one's
// raw headers the way the page would, cut them down here to the trace fields and mailbox
// domains (slimHeaderBlock), let the background analyse and assess them, and show the answer
// beside the sender and on the toolbar. Every message ends in a state the user can read: a
// verdict, or one of the problems (can't read, signed out, sent by you, retrying), never nothing.

import type {
  MessageProblemKind,
  SlimHeaders,
  TabVerdict,
  WebmailSite,
} from '../messaging/protocol.ts';
import type { FetchProgress, HeaderFetchResult } from '../webmail/header-fetch-result.ts';
import { type MessageView, watchOpenMessages } from '../webmail/message-watcher.ts';
import type { OpenMessage, PageScan } from '../webmail/open-message.ts';
import { slimHeaderBlock } from '../webmail/slim-header-block.ts';
import type { sendToBackground } from './messaging.ts';

export interface SiteAdapter<Ref> {
  site: WebmailSite;
  scan(): PageScan<Ref>;
  fetchHeaders(ref: Ref, onProgress: FetchProgress): Promise<HeaderFetchResult>;
  /** Calls back when a failed message may now be readable (e.g. the page got a fresh session). */
  onConditionsChange?(listener: () => void): void;
}

/** What the inline padlock shows for one message. */
export type BadgeState =
  | { kind: 'checking' }
  | { kind: 'problem'; problem: MessageProblemKind; reason?: string }
  | { kind: 'verdict'; verdict: TabVerdict };

export interface BadgeTimings {
  /** Message noticed → padlock shown. */
  openToBadgeMs: number;
  /** Raw headers arrived → first padlock shown (the verdict from the headers alone). */
  headersToBadgeMs: number;
  /** Raw headers arrived → final padlock shown (DNS and probe answers in). */
  headersToFinalMs: number;
  /** Main-thread time this script spent on the message (cut the headers down, render). */
  cpuMs: number;
}

/** The inline padlocks of a page (components/inline-badges.tsx renders them in shadow roots). */
export interface InlineBadges {
  show(key: string, anchor: Element, state: BadgeState): void;
  recordTimings(key: string, timings: BadgeTimings): void;
  /** Removes the padlocks of messages no longer open. */
  keepOnly(keys: ReadonlySet<string>): void;
  /** True for a padlock's own element (the page watcher ignores them coming and going). */
  owns(node: Node): boolean;
}

export interface ContentDeps {
  document: Document;
  badges: InlineBadges;
  send: typeof sendToBackground;
  now: () => number;
  inlineBadge: boolean;
  sleep: (ms: number) => Promise<void>;
}

type ProblemState = Extract<BadgeState, { kind: 'problem' }>;

interface MessageWork {
  state: BadgeState;
  headers: SlimHeaders | null;
  problem: ProblemState | null;
  done: Promise<void>;
}

const UNREADABLE_VIEW_KEY = 'unreadable:view';

/** Problems that can go away by themselves: asked again when the message or the session returns. */
const RETRYABLE: ReadonlySet<MessageProblemKind> = new Set(['unreadable', 'login-required']);

/** Retries a message to the background: an MV3 worker stopped mid-call drops the reply. */
async function sendWithRetry<T>(send: () => Promise<T>, sleep: ContentDeps['sleep']): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 4) throw error;
      await sleep(250 * 2 ** attempt);
    }
  }
}

function problemOf(result: Exclude<HeaderFetchResult, { kind: 'headers' }>): ProblemState {
  if (result.kind === 'unreadable')
    return { kind: 'problem', problem: 'unreadable', reason: result.reason };
  return { kind: 'problem', problem: result.kind };
}

/** Where a padlock goes: beside the sender, else at the top of the message, never nowhere. */
function anchorOf<Ref>(message: OpenMessage<Ref>): Element {
  return message.senderAnchor ?? message.container.firstElementChild ?? message.container;
}

export function runWebmailContent<Ref>(adapter: SiteAdapter<Ref>, deps: ContentDeps): () => void {
  const work = new Map<string, MessageWork>();
  const { badges } = deps;
  let currentKey: string | null = null;
  let seq = 0;
  let hadMessage = false;
  let open = new Set<string>();

  const ticket = (key: string) => ({ site: adapter.site, seq, inView: key === currentKey });

  // The newest element of each message: the site may re-render it while we fetch.
  const latest = new Map<string, OpenMessage<Ref>>();

  function show(message: OpenMessage<Ref>, state: BadgeState) {
    const anchor = anchorOf(latest.get(message.key) ?? message);
    if (deps.inlineBadge && anchor.isConnected) badges.show(message.key, anchor, state);
  }

  /** The first verdict at once; with `after`, the refinement that follows that stage. */
  async function assess(key: string, headers: SlimHeaders, after?: number): Promise<TabVerdict> {
    const request = { ...ticket(key), headers, ...(after === undefined ? {} : { after }) };
    return sendWithRetry(() => deps.send('assessMessage', request), deps.sleep);
  }

  function sendProblem(key: string, problem: ProblemState) {
    return deps.send('messageProblem', {
      ...ticket(key),
      problem: problem.problem,
      ...(problem.reason ? { reason: problem.reason } : {}),
    });
  }

  async function settleProblem(
    message: OpenMessage<Ref>,
    entry: MessageWork,
    problem: ProblemState,
  ) {
    entry.problem = problem;
    entry.state = problem;
    show(message, entry.state);
    await sendWithRetry(() => sendProblem(message.key, problem), deps.sleep);
  }

  async function process(message: OpenMessage<Ref>, entry: MessageWork): Promise<void> {
    if (message.own) {
      await settleProblem(message, entry, { kind: 'problem', problem: 'sent-by-you' });
      return;
    }
    const started = deps.now();
    const onProgress: FetchProgress = (state) => {
      entry.state = { kind: 'problem', problem: state };
      show(message, entry.state);
      if (message.key === currentKey) void sendProblem(message.key, entry.state).catch(() => {});
    };
    const result: HeaderFetchResult = message.ref
      ? await adapter.fetchHeaders(message.ref, onProgress)
      : { kind: 'unreadable', reason: 'message id not found on the page' };
    const headersAt = deps.now();
    if (result.kind !== 'headers') {
      await settleProblem(message, entry, problemOf(result));
      return;
    }
    // Main-thread work of this script per message: cut the headers down, render.
    const parseStart = deps.now();
    entry.headers = slimHeaderBlock(result.headerBlock);
    let cpuMs = deps.now() - parseStart;
    const render = (verdict: TabVerdict) => {
      const renderStart = deps.now();
      entry.state = { kind: 'verdict', verdict };
      show(message, entry.state);
      cpuMs += deps.now() - renderStart;
    };
    let verdict = await assess(message.key, entry.headers);
    render(verdict);
    const openToBadgeMs = deps.now() - started;
    const headersToBadgeMs = deps.now() - headersAt;
    // DNS and probe answers refine the first verdict as they arrive.
    while (verdict.report !== null && verdict.report.pending.length > 0) {
      verdict = await assess(message.key, entry.headers, verdict.report.stage);
      render(verdict);
    }
    badges.recordTimings(message.key, {
      openToBadgeMs,
      headersToBadgeMs,
      headersToFinalMs: deps.now() - headersAt,
      cpuMs,
    });
  }

  function ensure(message: OpenMessage<Ref>): MessageWork {
    const known = work.get(message.key);
    if (known) return known;
    const entry: MessageWork = {
      state: { kind: 'checking' },
      headers: null,
      problem: null,
      done: Promise.resolve(),
    };
    work.set(message.key, entry);
    entry.done = process(message, entry).catch((error: unknown) => {
      entry.problem = {
        kind: 'problem',
        problem: 'unreadable',
        reason: error instanceof Error ? error.message : String(error),
      };
      entry.state = entry.problem;
      show(message, entry.state);
      console.warn('MailSeal:', error);
    });
    return entry;
  }

  /** Forgets a failed message so its next appearance (or a fresh session) asks again. */
  function forgetIfRetryable(key: string) {
    const entry = work.get(key);
    if (entry?.problem && RETRYABLE.has(entry.problem.problem)) work.delete(key);
  }

  /** Tells the background which message is now in view, so the toolbar follows the user. */
  function announceCurrent(message: OpenMessage<Ref>, entry: MessageWork) {
    seq += 1;
    if (entry.headers) void assess(message.key, entry.headers).catch(() => {});
    else if (entry.problem) void sendProblem(message.key, entry.problem).catch(() => {});
    else void deps.send('messageOpening', ticket(message.key)).catch(() => {});
  }

  function showUnreadableView(view: MessageView<Ref>) {
    const reason = 'the page layout was not recognised';
    const state: ProblemState = { kind: 'problem', problem: 'unreadable', reason };
    if (deps.inlineBadge && view.unreadableAnchor?.isConnected)
      badges.show(UNREADABLE_VIEW_KEY, view.unreadableAnchor, state);
    currentKey = null;
    hadMessage = true;
    seq += 1;
    void deps
      .send('messageProblem', {
        site: adapter.site,
        seq,
        inView: true,
        problem: 'unreadable',
        reason,
      })
      .catch(() => {});
  }

  function onView(view: MessageView<Ref>) {
    const nowOpen = new Set(view.messages.map((m) => m.key));
    // A message that left and came back after failing is asked again.
    for (const key of open) if (!nowOpen.has(key)) forgetIfRetryable(key);
    open = nowOpen;
    for (const message of view.messages) {
      latest.set(message.key, message);
      show(message, ensure(message).state);
    }
    const kept = new Set(nowOpen);
    if (view.unreadableView) kept.add(UNREADABLE_VIEW_KEY);
    badges.keepOnly(kept);
    const next = view.current;
    if (next && next.key !== currentKey) {
      currentKey = next.key;
      hadMessage = true;
      announceCurrent(next, ensure(next));
    } else if (!next && view.unreadableView) {
      showUnreadableView(view);
    } else if (!next && hadMessage) {
      currentKey = null;
      hadMessage = false;
      void deps.send('pageOpened', { site: adapter.site }).catch(() => {});
    }
  }

  const watcher = watchOpenMessages(adapter.scan, onView, {
    root: deps.document.body ?? deps.document.documentElement,
    MutationObserver,
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    ownNode: (node) => badges.owns(node),
  });
  adapter.onConditionsChange?.(() => {
    let retried = false;
    for (const key of open) {
      const entry = work.get(key);
      if (entry?.problem && RETRYABLE.has(entry.problem.problem)) {
        work.delete(key);
        retried = true;
      }
    }
    if (!retried) return;
    for (const key of open) {
      const message = latest.get(key);
      if (message) show(message, ensure(message).state);
    }
    const current = currentKey ? latest.get(currentKey) : undefined;
    if (current) announceCurrent(current, ensure(current));
  });
  // A click or keyboard focus inside another message of the thread makes it the one in view.
  const onInteract = (event: Event) => {
    if (event.target instanceof Node) watcher.focus(event.target);
  };
  deps.document.addEventListener('click', onInteract, true);
  deps.document.addEventListener('focusin', onInteract, true);
  const defaultView = deps.document.defaultView;
  defaultView?.addEventListener('popstate', watcher.rescan);
  defaultView?.addEventListener('hashchange', watcher.rescan);
  return () => {
    watcher.stop();
    badges.keepOnly(new Set());
    deps.document.removeEventListener('click', onInteract, true);
    deps.document.removeEventListener('focusin', onInteract, true);
    defaultView?.removeEventListener('popstate', watcher.rescan);
    defaultView?.removeEventListener('hashchange', watcher.rescan);
  };
}
