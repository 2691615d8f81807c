// Watches a webmail page for opened messages: one MutationObserver on the page, debounced, and a
// rescan keyed by message id. Reports the open messages and which one is in view: the one most
// recently opened, or the one the user clicked into.

import type { OpenMessage, PageScan } from './open-message.ts';

export interface MessageView<Ref> {
  messages: OpenMessage<Ref>[];
  current: OpenMessage<Ref> | null;
  unreadableView: boolean;
  unreadableAnchor?: Element | null;
}

export interface WatcherDeps {
  root: Node;
  MutationObserver: typeof MutationObserver;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  debounceMs?: number;
  /** Nodes the watcher's own user adds (the padlocks): their coming and going is no news. */
  ownNode?: (node: Node) => boolean;
}

export interface MessageWatcher {
  /** The user interacted with this element: make its message the one in view. */
  focus(target: Node): void;
  /** Rescan now (navigation events). */
  rescan(): void;
  stop(): void;
}

function sameView<Ref>(a: MessageView<Ref> | null, b: MessageView<Ref>): boolean {
  if (!a || a.unreadableView !== b.unreadableView || a.current?.key !== b.current?.key)
    return false;
  if ((a.unreadableAnchor ?? null) !== (b.unreadableAnchor ?? null)) return false;
  if (a.messages.length !== b.messages.length) return false;
  return a.messages.every((message, i) => {
    const other = b.messages[i];
    return (
      other !== undefined &&
      message.key === other.key &&
      message.senderAnchor === other.senderAnchor &&
      message.container === other.container
    );
  });
}

export function watchOpenMessages<Ref>(
  scan: () => PageScan<Ref>,
  onView: (view: MessageView<Ref>) => void,
  deps: WatcherDeps,
): MessageWatcher {
  let last: MessageView<Ref> | null = null;
  let currentKey: string | null = null;
  let pending: unknown = null;

  function publish(forcedKey: string | null = null): void {
    const result = scan();
    const previousKeys = new Set(last?.messages.map((m) => m.key) ?? []);
    const newcomers = result.messages.filter((m) => !previousKeys.has(m.key));
    const stillThere = result.messages.find((m) => m.key === currentKey);
    const forced = forcedKey ? result.messages.find((m) => m.key === forcedKey) : undefined;
    const current = forced ?? newcomers.at(-1) ?? stillThere ?? result.messages.at(-1) ?? null;
    currentKey = current?.key ?? null;
    const view: MessageView<Ref> = { ...result, current };
    if (sameView(last, view)) return;
    last = view;
    onView(view);
  }

  function schedule(): void {
    if (pending !== null) deps.clearTimeout(pending);
    pending = deps.setTimeout(() => {
      pending = null;
      publish();
    }, deps.debounceMs ?? 80);
  }

  const { ownNode } = deps;
  // Mounting a padlock inserts a node beside the sender; rescanning for that would only find
  // the same messages again, at the cost of a style and layout pass (checkVisibility).
  const onlyOwn = (records: MutationRecord[]) =>
    ownNode !== undefined &&
    records.every(
      (record) =>
        record.type === 'childList' &&
        [...record.addedNodes, ...record.removedNodes].every((node) => ownNode(node)),
    );
  const observer = new deps.MutationObserver((records) => {
    if (!onlyOwn(records)) schedule();
  });
  observer.observe(deps.root, {
    childList: true,
    subtree: true,
    attributes: true,
    // style/hidden: a cached view hidden or shown again changes which messages are visible.
    attributeFilter: [
      'class',
      'style',
      'hidden',
      'data-message-id',
      'data-legacy-message-id',
      'aria-selected',
    ],
  });
  publish();

  return {
    focus(target) {
      const owner = last?.messages.find((m) => m.container.contains(target));
      if (owner && owner.key !== currentKey) publish(owner.key);
    },
    rescan: schedule,
    stop() {
      observer.disconnect();
      if (pending !== null) deps.clearTimeout(pending);
    },
  };
}
