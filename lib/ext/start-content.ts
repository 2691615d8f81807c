// Starts the content script on a webmail page: announce the page, read the settings, watch.
// Its lifecycle is WXT's content-script context: when the context is invalidated (the extension
// was updated or reloaded), the watcher, its timers and its listeners end with it.

import type { WebmailSite } from '../messaging/protocol.ts';
import { type ContentChannel, openContentChannel } from './content-channel.ts';
import { t } from './i18n-content.ts';
import { sendToBackground } from './messaging.ts';
import type { Translate } from './translator.ts';
import { type InlineBadges, runWebmailContent, type SiteAdapter } from './webmail-content.ts';

/** The part of WXT's ContentScriptContext this script uses. */
export interface ContentLifecycle {
  /** Aborted when the context is invalidated. */
  readonly signal: AbortSignal;
  onInvalidated(listener: () => void): () => void;
  /** A timer that never fires once the context is invalidated. */
  setTimeout(handler: () => void, ms: number): number;
}

export interface ContentEdge {
  ctx: ContentLifecycle;
  /** Renders the inline padlocks (components/inline-badges.tsx, handed in by the entrypoint). */
  createBadges: (document: Document, translate: Translate) => InlineBadges;
  document?: Document;
  /** For the page's first two questions (its settings); messages go over `channel`. */
  send?: typeof sendToBackground;
  channel?: ContentChannel;
}

export async function startWebmailContent<Ref>(
  site: WebmailSite,
  adapter: SiteAdapter<Ref>,
  edge: ContentEdge,
): Promise<void> {
  const { ctx } = edge;
  const page = edge.document ?? document;
  const send = edge.send ?? sendToBackground;
  await send('pageOpened', { site });
  const settings = await send('getSettings', null);
  if (ctx.signal.aborted) return;
  const channel =
    edge.channel ??
    openContentChannel({
      sleep: (ms) => new Promise((resolve) => ctx.setTimeout(() => resolve(), ms)),
    });
  const stop = runWebmailContent(adapter, {
    document: page,
    badges: edge.createBadges(page, t),
    channel,
    now: () => performance.now(),
    inlineBadge: settings.features.inlineBadge,
    traceMark: (label) => console.timeStamp(label),
  });
  ctx.onInvalidated(() => {
    stop();
    channel.close();
  });
}
