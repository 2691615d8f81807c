// The content script's work on a webmail page: watch for opened messages, fetch each one's
// raw headers the way the page would, cut them down here to the trace fields and mailbox
// domains (slimHeaderBlock), let the background analyse and assess them, and show the answer
// beside the sender and on the toolbar.

import type { SlimHeaders, TabVerdict, WebmailSite } from '../messaging/protocol.ts';
import type { HeaderFetchResult } from '../webmail/header-fetch-result.ts';
import { type MessageView, watchOpenMessages } from '../webmail/message-watcher.ts';
import type { OpenMessage, PageScan } from '../webmail/open-message.ts';
import { slimHeaderBlock } from '../webmail/slim-header-block.ts';
import type { sendToBackground } from './messaging.ts';

export interface SiteAdapter<Ref> {
  site: WebmailSite;
  scan(): PageScan<Ref>;
  fetchHeaders(ref: Ref): Promise<HeaderFetchResult>;
}

/** What the inline padlock shows for one message. */
export type BadgeState =
  | { kind: 'checking' }
  | { kind: 'problem'; problem: 'unreadable' | 'login-required' }
  | { kind: 'verdict'; verdict: TabVerdict };

export interface BadgeTimings {
  /** Message noticed → padlock shown. */
  openToBadgeMs: number;
  /** Raw headers arrived → padlock shown. */
  headersToBadgeMs: number;
  /** Main-thread time this script spent on the message (cut the headers down, render). */
  cpuMs: number;
}

/** The inline padlocks of a page (components/inline-badges.tsx renders them in shadow roots). */
export interface InlineBadges {
  show(key: string, anchor: Element, state: BadgeState): void;
  recordTimings(key: string, timings: BadgeTimings): void;
  /** Removes the padlocks of messages no longer open. */
  keepOnly(keys: ReadonlySet<string>): void;
}

export interface ContentDeps {
  document: Document;
  badges: InlineBadges;
  send: typeof sendToBackground;
  now: () => number;
  inlineBadge: boolean;
  sleep: (ms: number) => Promise<void>;
}

interface MessageWork {
  state: BadgeState;
  headers: SlimHeaders | null;
  problem: 'unreadable' | 'login-required' | null;
  done: Promise<void>;
}

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

export function runWebmailContent<Ref>(adapter: SiteAdapter<Ref>, deps: ContentDeps): () => void {
  const work = new Map<string, MessageWork>();
  const { badges } = deps;
  let currentKey: string | null = null;
  let seq = 0;
  let hadMessage = false;

  const ticket = (key: string) => ({ site: adapter.site, seq, inView: key === currentKey });

  // The newest element of each message: the site may re-render it while we fetch.
  const latest = new Map<string, OpenMessage<Ref>>();

  function show(message: OpenMessage<Ref>, state: BadgeState) {
    const anchor = (latest.get(message.key) ?? message).senderAnchor;
    if (deps.inlineBadge && anchor?.isConnected) badges.show(message.key, anchor, state);
  }

  async function assess(key: string, headers: SlimHeaders): Promise<TabVerdict> {
    return sendWithRetry(() => deps.send('assessMessage', { ...ticket(key), headers }), deps.sleep);
  }

  async function process(message: OpenMessage<Ref>, entry: MessageWork): Promise<void> {
    const started = deps.now();
    const result: HeaderFetchResult = message.ref
      ? await adapter.fetchHeaders(message.ref)
      : { kind: 'unreadable', reason: 'message id not found' };
    const headersAt = deps.now();
    if (result.kind !== 'headers') {
      entry.problem = result.kind === 'login-required' ? 'login-required' : 'unreadable';
      entry.state = { kind: 'problem', problem: entry.problem };
      show(message, entry.state);
      await sendWithRetry(
        () =>
          deps.send('messageProblem', {
            ...ticket(message.key),
            problem: entry.problem ?? 'unreadable',
          }),
        deps.sleep,
      );
      return;
    }
    // Main-thread work of this script per message: cut the headers down, render.
    const parseStart = deps.now();
    entry.headers = slimHeaderBlock(result.headerBlock);
    let cpuMs = deps.now() - parseStart;
    const verdict = await assess(message.key, entry.headers);
    const renderStart = deps.now();
    entry.state = { kind: 'verdict', verdict };
    show(message, entry.state);
    cpuMs += deps.now() - renderStart;
    badges.recordTimings(message.key, {
      openToBadgeMs: deps.now() - started,
      headersToBadgeMs: deps.now() - headersAt,
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
      entry.state = { kind: 'problem', problem: 'unreadable' };
      show(message, entry.state);
      console.warn('MailSeal:', error);
    });
    return entry;
  }

  /** Tells the background which message is now in view, so the toolbar follows the user. */
  function announceCurrent(message: OpenMessage<Ref>, entry: MessageWork) {
    seq += 1;
    if (entry.headers) void assess(message.key, entry.headers).catch(() => {});
    else if (entry.problem)
      void deps
        .send('messageProblem', { ...ticket(message.key), problem: entry.problem })
        .catch(() => {});
    else void deps.send('messageOpening', ticket(message.key)).catch(() => {});
  }

  function onView(view: MessageView<Ref>) {
    for (const message of view.messages) {
      latest.set(message.key, message);
      show(message, ensure(message).state);
    }
    badges.keepOnly(new Set(view.messages.map((m) => m.key)));
    const next = view.current;
    if (next && next.key !== currentKey) {
      currentKey = next.key;
      hadMessage = true;
      announceCurrent(next, ensure(next));
    } else if (!next && view.unreadableView) {
      currentKey = null;
      seq += 1;
      void deps
        .send('messageProblem', { site: adapter.site, seq, inView: true, problem: 'unreadable' })
        .catch(() => {});
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
