// Keeps the inline padlocks' colours on the site's theme (page-theme.ts reads it). Reading it
// walks computed styles, which forces the page's style up to date at once and cost 0.25-0.9 ms a
// read on a Gmail-sized page (bench:ext, issue 15), so it is not read for every padlock:
// - at the page's first padlock, at once;
// - when something says the theme may have changed: the root element's or the body's class or
//   style, a style sheet added to or removed from the head, or the browser's colour scheme (a
//   site that follows the system's theme); then once the page is idle, for every padlock;
// - when a padlock is placed and the last read is over THEME_STALE_MS old, once the page is idle
//   (a switch that none of those signals shows is still followed, at most that late).

import { type PageTheme, pageThemeAt } from './page-theme.ts';

export const THEME_STALE_MS = 30_000;

interface Placed {
  host: HTMLElement;
  anchor: Element;
}

/** Runs `work` when the page is idle (soon after the next frame at the latest). */
function whenIdle(document: Document, work: () => void): void {
  const view = document.defaultView;
  if (typeof view?.requestIdleCallback === 'function')
    view.requestIdleCallback(() => work(), { timeout: 500 });
  else setTimeout(work, 0);
}

/** Calls `onChange` when the page's theme may have changed; returns what stops listening. */
function watchThemeSignals(document: Document, onChange: () => void): () => void {
  const view = document.defaultView;
  const observer = view ? new view.MutationObserver(onChange) : null;
  const roots = [document.documentElement, document.body].filter((e): e is HTMLElement => !!e);
  for (const root of roots)
    observer?.observe(root, { attributes: true, attributeFilter: ['class', 'style'] });
  if (document.head) observer?.observe(document.head, { childList: true });
  const scheme =
    typeof view?.matchMedia === 'function' ? view.matchMedia('(prefers-color-scheme: dark)') : null;
  scheme?.addEventListener?.('change', onChange);
  return () => {
    observer?.disconnect();
    scheme?.removeEventListener?.('change', onChange);
  };
}

export interface PageThemeFollower {
  /** Sets a new padlock's `data-theme`. */
  place(host: HTMLElement, anchor: Element): void;
  /** Stops listening for theme changes (the content script ends). */
  stop(): void;
}

/** Sets each new padlock's `data-theme`, and every padlock's again when the theme changes. */
export function followPageTheme(
  document: Document,
  placed: () => Iterable<Placed>,
): PageThemeFollower {
  let theme: PageTheme | null = null;
  let stopSignals: (() => void) | null = null;
  let readAt = 0;
  let rereading = false;
  const reread = () => {
    rereading = false;
    for (const { host, anchor } of placed()) {
      if (!host.isConnected) continue;
      theme = pageThemeAt(anchor);
      readAt = performance.now();
      for (const other of placed())
        if (other.host.getAttribute('data-theme') !== theme)
          other.host.setAttribute('data-theme', theme);
      return;
    }
  };
  const rereadWhenIdle = () => {
    if (rereading || theme === null) return;
    rereading = true;
    whenIdle(document, reread);
  };
  return {
    place(host, anchor) {
      if (theme === null) {
        theme = pageThemeAt(anchor);
        readAt = performance.now();
        stopSignals ??= watchThemeSignals(document, rereadWhenIdle);
      } else if (performance.now() - readAt > THEME_STALE_MS) rereadWhenIdle();
      host.setAttribute('data-theme', theme);
    },
    stop() {
      stopSignals?.();
      stopSignals = null;
    },
  };
}
