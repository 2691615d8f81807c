// The content script's work on a webmail page: watch for opened messages, fetch each one's
// raw headers the way the page would, cut them down here to the trace fields and mailbox
// domains (slimHeaderBlock), let the background analyse and assess them, and show the answer
// beside the sender and on the toolbar. Every message ends in a state the user can read: a
// verdict, or one of the problems (can't read, signed out, sent by you, retrying), never nothing.

import type { PageVerdict } from '../messaging/content-port.ts';
import type { MessageProblemKind, SlimHeaders, WebmailSite } from '../messaging/protocol.ts';
import {
  failedRequest,
  type UnreadableReason,
  unreadable,
  unreadableReason,
} from '../messaging/unreadable-reason.ts';
import type { FetchProgress, HeaderFetchResult } from '../webmail/header-fetch-result.ts';
import {
  type MessageView,
  type MessageWatcher,
  watchOpenMessages,
} from '../webmail/message-watcher.ts';
import type { OpenMessage, PageScan } from '../webmail/open-message.ts';
import { slimHeaderBlock } from '../webmail/slim-header-block.ts';
import type { ContentChannel } from './content-channel.ts';

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
  | { kind: 'problem'; problem: MessageProblemKind; reason?: UnreadableReason }
  | { kind: 'verdict'; verdict: PageVerdict };

export interface BadgeTimings {
  /** Message noticed → padlock shown. */
  openToBadgeMs: number;
  /** Raw headers arrived → first padlock shown (the verdict from the headers alone). */
  headersToBadgeMs: number;
  /** Raw headers arrived → final padlock shown (the answers the padlock reads are in). */
  headersToFinalMs: number;
  /** Raw headers arrived → the details final too (every DNS and probe answer in). */
  headersToDetailsMs: number;
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
  /** Removes every padlock and stops what they listen to (the content script ends). */
  close(): void;
}

export interface ContentDeps {
  document: Document;
  badges: InlineBadges;
  /** The one long-lived port to the background (content-channel.ts). */
  channel: ContentChannel;
  now: () => number;
  inlineBadge: boolean;
  /**
   * Marks the start of the work after the headers and after each verdict in a browser trace
   * (console.timeStamp; nothing when no trace is recording), so bench:ext can charge that
   * work's thread CPU time to the message (bench/content-thread-time.ts).
   */
  traceMark?: (label: string) => void;
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

function problemOf(result: Exclude<HeaderFetchResult, { kind: 'headers' }>): ProblemState {
  if (result.kind === 'unreadable')
    return { kind: 'problem', problem: 'unreadable', reason: result.reason };
  return { kind: 'problem', problem: result.kind };
}

/** Where a padlock goes: beside the sender, else at the top of the message, never nowhere. */
function anchorOf<Ref>(message: OpenMessage<Ref>): Element {
  return message.senderAnchor ?? message.container.firstElementChild ?? message.container;
}

/** What the content script of one page remembers between scans. */
interface PageSession<Ref> {
  readonly adapter: SiteAdapter<Ref>;
  readonly deps: ContentDeps;
  readonly work: Map<string, MessageWork>;
  /** The newest element of each message: the site may re-render it while we fetch. */
  readonly latest: Map<string, OpenMessage<Ref>>;
  /** Keys of the messages open at the last scan. */
  open: Set<string>;
  /** The message in view, which the toolbar follows. */
  currentKey: string | null;
  /** Bumped whenever the message in view changes, so the background drops stale answers. */
  seq: number;
  hadMessage: boolean;
}

function newSession<Ref>(adapter: SiteAdapter<Ref>, deps: ContentDeps): PageSession<Ref> {
  return {
    adapter,
    deps,
    work: new Map(),
    latest: new Map(),
    open: new Set(),
    currentKey: null,
    seq: 0,
    hadMessage: false,
  };
}

function ticket<Ref>(session: PageSession<Ref>, key: string) {
  return { site: session.adapter.site, seq: session.seq, inView: key === session.currentKey };
}

function show<Ref>(session: PageSession<Ref>, message: OpenMessage<Ref>, state: BadgeState): void {
  const anchor = anchorOf(session.latest.get(message.key) ?? message);
  if (session.deps.inlineBadge && anchor.isConnected)
    session.deps.badges.show(message.key, anchor, state);
}

/**
 * Asks once for the message's verdicts: the first (from the headers alone) and each refinement
 * come to `onStage` as the background has them; resolves with the final one.
 */
function assess<Ref>(
  session: PageSession<Ref>,
  key: string,
  headers: SlimHeaders,
  onStage: (verdict: PageVerdict) => void = () => {},
): Promise<PageVerdict> {
  return session.deps.channel.assess({ ...ticket(session, key), headers }, onStage);
}

function tellProblem<Ref>(session: PageSession<Ref>, key: string, problem: ProblemState): void {
  session.deps.channel.tell({
    type: 'messageProblem',
    data: {
      ...ticket(session, key),
      problem: problem.problem,
      ...(problem.reason ? { reason: problem.reason } : {}),
    },
  });
}

function settleProblem<Ref>(
  session: PageSession<Ref>,
  message: OpenMessage<Ref>,
  entry: MessageWork,
  problem: ProblemState,
): void {
  entry.problem = problem;
  entry.state = problem;
  show(session, message, entry.state);
  tellProblem(session, message.key, problem);
}

/** Fetches the raw headers; "retrying" and other progress show on the padlock meanwhile. */
function fetchHeaders<Ref>(
  session: PageSession<Ref>,
  message: OpenMessage<Ref>,
  entry: MessageWork,
): Promise<HeaderFetchResult> {
  if (!message.ref) {
    return Promise.resolve(unreadable('unreadable_messageIdNotFound'));
  }
  const onProgress: FetchProgress = (state) => {
    entry.state = { kind: 'problem', problem: state };
    show(session, message, entry.state);
    if (message.key === session.currentKey) tellProblem(session, message.key, entry.state);
  };
  return session.adapter.fetchHeaders(message.ref, onProgress);
}

/** When the message was noticed and when its raw headers arrived (deps.now). */
interface MessageClock {
  started: number;
  headersAt: number;
}

/**
 * Cuts the headers down and shows the first verdict, then each refinement as DNS and probe
 * answers arrive; records the timings bench:ext reads.
 */
async function showVerdicts<Ref>(
  session: PageSession<Ref>,
  message: OpenMessage<Ref>,
  entry: MessageWork,
  headerBlock: string,
  clock: MessageClock,
): Promise<void> {
  const { now, traceMark } = session.deps;
  // Main-thread work of this script per message: cut the headers down, render.
  traceMark?.('mailseal:cut');
  const parseStart = now();
  const headers = slimHeaderBlock(headerBlock);
  entry.headers = headers;
  let cpuMs = now() - parseStart;
  const render = (verdict: PageVerdict) => {
    traceMark?.('mailseal:render');
    const renderStart = now();
    entry.state = { kind: 'verdict', verdict };
    show(session, message, entry.state);
    cpuMs += now() - renderStart;
  };
  let firstShown: { openToBadgeMs: number; headersToBadgeMs: number } | null = null;
  let headersToFinalMs: number | null = null;
  // The first verdict, then each refinement as DNS and probe answers arrive: the padlock until
  // it is final, then the details (the panel's and popup's tables) until every answer is in.
  await assess(session, message.key, headers, (verdict) => {
    render(verdict);
    firstShown ??= {
      openToBadgeMs: now() - clock.started,
      headersToBadgeMs: now() - clock.headersAt,
    };
    if (headersToFinalMs === null && verdict.report !== null && verdict.report.pending.length === 0)
      headersToFinalMs = now() - clock.headersAt;
  });
  const { openToBadgeMs, headersToBadgeMs } = firstShown ?? {
    openToBadgeMs: Number.NaN,
    headersToBadgeMs: Number.NaN,
  };
  const headersToDetailsMs = now() - clock.headersAt;
  session.deps.badges.recordTimings(message.key, {
    openToBadgeMs,
    headersToBadgeMs,
    headersToFinalMs: headersToFinalMs ?? headersToDetailsMs,
    headersToDetailsMs,
    cpuMs,
  });
}

/** One message from noticed to its final state: sent by you, a problem, or a verdict. */
async function processMessage<Ref>(
  session: PageSession<Ref>,
  message: OpenMessage<Ref>,
  entry: MessageWork,
): Promise<void> {
  if (message.own) {
    settleProblem(session, message, entry, { kind: 'problem', problem: 'sent-by-you' });
    return;
  }
  const started = session.deps.now();
  const result = await fetchHeaders(session, message, entry);
  const headersAt = session.deps.now();
  if (result.kind !== 'headers') {
    settleProblem(session, message, entry, problemOf(result));
    return;
  }
  await showVerdicts(session, message, entry, result.headerBlock, { started, headersAt });
}

/** The work of a message, started the first time it is seen. */
function ensure<Ref>(session: PageSession<Ref>, message: OpenMessage<Ref>): MessageWork {
  const known = session.work.get(message.key);
  if (known) return known;
  const entry: MessageWork = {
    state: { kind: 'checking' },
    headers: null,
    problem: null,
    done: Promise.resolve(),
  };
  session.work.set(message.key, entry);
  entry.done = processMessage(session, message, entry).catch((error: unknown) => {
    entry.problem = { kind: 'problem', problem: 'unreadable', reason: failedRequest(error).reason };
    entry.state = entry.problem;
    show(session, message, entry.state);
    console.warn('MailSeal:', error);
  });
  return entry;
}

/** Forgets a failed message so its next appearance (or a fresh session) asks again. */
function forgetIfRetryable<Ref>(session: PageSession<Ref>, key: string): boolean {
  const entry = session.work.get(key);
  if (!entry?.problem || !RETRYABLE.has(entry.problem.problem)) return false;
  session.work.delete(key);
  return true;
}

/** Tells the background which message is now in view, so the toolbar follows the user. */
function announceCurrent<Ref>(
  session: PageSession<Ref>,
  message: OpenMessage<Ref>,
  entry: MessageWork,
): void {
  session.seq += 1;
  if (entry.headers) void assess(session, message.key, entry.headers).catch(() => {});
  else if (entry.problem) tellProblem(session, message.key, entry.problem);
  else session.deps.channel.tell({ type: 'messageOpening', data: ticket(session, message.key) });
}

function showUnreadableView<Ref>(session: PageSession<Ref>, view: MessageView<Ref>): void {
  const { deps } = session;
  const reason = unreadableReason('unreadable_layoutUnknown');
  const state: ProblemState = { kind: 'problem', problem: 'unreadable', reason };
  if (deps.inlineBadge && view.unreadableAnchor?.isConnected)
    deps.badges.show(UNREADABLE_VIEW_KEY, view.unreadableAnchor, state);
  session.currentKey = null;
  session.hadMessage = true;
  session.seq += 1;
  const problem = { site: session.adapter.site, seq: session.seq, inView: true };
  deps.channel.tell({
    type: 'messageProblem',
    data: { ...problem, problem: 'unreadable', reason },
  });
}

/** Padlocks for the open messages (each one's work started once); the others' removed. */
function placePadlocks<Ref>(session: PageSession<Ref>, view: MessageView<Ref>): void {
  const nowOpen = new Set(view.messages.map((m) => m.key));
  // A message that left and came back after failing is asked again.
  for (const key of session.open) if (!nowOpen.has(key)) forgetIfRetryable(session, key);
  session.open = nowOpen;
  for (const message of view.messages) {
    session.latest.set(message.key, message);
    show(session, message, ensure(session, message).state);
  }
  const kept = new Set(nowOpen);
  if (view.unreadableView) kept.add(UNREADABLE_VIEW_KEY);
  session.deps.badges.keepOnly(kept);
}

/** Tells the background what is in view now: a message, an unreadable layout, or nothing. */
function followView<Ref>(session: PageSession<Ref>, view: MessageView<Ref>): void {
  const next = view.current;
  if (next && next.key !== session.currentKey) {
    session.currentKey = next.key;
    session.hadMessage = true;
    announceCurrent(session, next, ensure(session, next));
  } else if (!next && view.unreadableView) {
    showUnreadableView(session, view);
  } else if (!next && session.hadMessage) {
    session.currentKey = null;
    session.hadMessage = false;
    session.deps.channel.tell({ type: 'pageOpened', data: { site: session.adapter.site } });
  }
}

/** The page may now read what failed (a fresh session): the open failed messages ask again. */
function retryFailed<Ref>(session: PageSession<Ref>): void {
  let retried = false;
  for (const key of session.open) if (forgetIfRetryable(session, key)) retried = true;
  if (!retried) return;
  for (const key of session.open) {
    const message = session.latest.get(key);
    if (message) show(session, message, ensure(session, message).state);
  }
  const current = session.currentKey ? session.latest.get(session.currentKey) : undefined;
  if (current) announceCurrent(session, current, ensure(session, current));
}

/**
 * The user's way around the page: a click or keyboard focus inside another message of the
 * thread makes it the one in view; history navigation rescans. Returns what removes the listeners.
 */
function followUser(document: Document, watcher: MessageWatcher): () => void {
  const onInteract = (event: Event) => {
    if (event.target instanceof Node) watcher.focus(event.target);
  };
  document.addEventListener('click', onInteract, true);
  document.addEventListener('focusin', onInteract, true);
  const defaultView = document.defaultView;
  defaultView?.addEventListener('popstate', watcher.rescan);
  defaultView?.addEventListener('hashchange', watcher.rescan);
  return () => {
    document.removeEventListener('click', onInteract, true);
    document.removeEventListener('focusin', onInteract, true);
    defaultView?.removeEventListener('popstate', watcher.rescan);
    defaultView?.removeEventListener('hashchange', watcher.rescan);
  };
}

/**
 * Runs the content script on a page until the returned teardown is called (start-content.ts
 * calls it when WXT's content-script context is invalidated): the watcher, its timer, the
 * listeners and the padlocks end with it.
 */
export function runWebmailContent<Ref>(adapter: SiteAdapter<Ref>, deps: ContentDeps): () => void {
  const session = newSession(adapter, deps);
  const watcher = watchOpenMessages(
    adapter.scan,
    (view) => {
      placePadlocks(session, view);
      followView(session, view);
    },
    {
      root: deps.document.body ?? deps.document.documentElement,
      MutationObserver,
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ownNode: (node) => deps.badges.owns(node),
    },
  );
  adapter.onConditionsChange?.(() => retryFailed(session));
  const stopFollowing = followUser(deps.document, watcher);
  return () => {
    watcher.stop();
    deps.badges.close();
    stopFollowing();
  };
}
