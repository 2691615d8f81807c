// Mounts one inline padlock per open message, right after its sender element, each in its own
// shadow root so neither the page's CSS nor its scripts' selectors reach inside. Drawing is
// createElement/textContent only (plain DOM for the padlock, Preact for its opened panel), which
// also satisfies Gmail's Trusted Types policy.

import type { BadgeState, BadgeTimings, InlineBadges } from '../lib/ext/webmail-content.ts';
import type { Translate } from '../lib/messaging/tab-verdict.ts';
import { type ClosedPadlock, closedPadlocks } from './closed-padlock.ts';
import { setAttributeIfChanged } from './dom-updates.ts';
import { INLINE_BADGE_CSS } from './inline-badge-styles.ts';
import { followPageTheme } from './page-theme-follower.ts';
import { SENDER_ALERTS_CSS } from './sender-alerts.tsx';

export const BADGE_HOST_ATTRIBUTE = 'data-mailseal-badge';
const BADGE_CSS = INLINE_BADGE_CSS + SENDER_ALERTS_CSS;

interface Mounted {
  host: HTMLElement;
  /** The page element the padlock sits after. */
  anchor: Element;
  padlock: ClosedPadlock;
}

/** The browser's translation, asked once per key and substitutions for all padlocks. */
function rememberTranslations(t: Translate): Translate {
  const known = new Map<string, string>();
  return (key, substitutions) => {
    const id = `${key}\u0000${[substitutions ?? []].flat().join('\u0000')}`;
    const seen = known.get(id);
    if (seen !== undefined) return seen;
    const text = t(key, substitutions);
    // A key answered with itself (no catalogue yet) is asked again next time.
    if (text !== key && text !== '') known.set(id, text);
    return text;
  };
}

/**
 * One parsed copy of the padlock's CSS for every padlock of the page, adopted by each shadow
 * root, instead of a <style> element that each new padlock hands to the style engine again.
 * Null where constructable stylesheets are missing.
 */
function sharedSheet(document: Document): CSSStyleSheet | null {
  try {
    const Sheet = document.defaultView?.CSSStyleSheet;
    if (!Sheet) return null;
    const sheet = new Sheet();
    sheet.replaceSync(BADGE_CSS);
    return sheet;
  } catch {
    return null;
  }
}

/**
 * Whether `root` took the shared sheet. Firefox throws when a content script assigns it through
 * its Xray wrapper (https://github.com/mdn/browser-compat-data/issues/25003, Mozilla bug 1928865);
 * that padlock then carries its own <style>.
 */
function adopt(root: ShadowRoot, sheet: CSSStyleSheet | null): boolean {
  if (sheet === null) return false;
  try {
    root.adoptedStyleSheets = [sheet];
    return root.adoptedStyleSheets.length === 1;
  } catch {
    return false;
  }
}

/**
 * Padlocks of messages that left the page, kept for the next ones: a reader goes from message
 * to message, and taking one back (reset to "checking" in a few writes) saves building a shadow
 * root, adopting the sheet and copying the padlock for every message (bench:ext, issue 15).
 */
const SPARE_PADLOCKS = 4;

export function createInlineBadges(document: Document, translate: Translate): InlineBadges {
  const mounted = new Map<string, Mounted>();
  const spare: Omit<Mounted, 'anchor'>[] = [];
  const t = rememberTranslations(translate);
  const sheet = sharedSheet(document);
  const theme = followPageTheme(document, () => mounted.values());
  const mountPadlock = closedPadlocks(document, t);
  // A new host carries what show() writes for "checking", the state every padlock starts in,
  // so a copy of this one gets it in one call.
  const checkingHost = document.createElement('span');
  checkingHost.setAttribute(BADGE_HOST_ATTRIBUTE, '');
  checkingHost.setAttribute('data-state', 'checking');
  checkingHost.setAttribute('data-alerts', '0');
  checkingHost.setAttribute('data-pending', 'headers');

  /** Takes a padlock out of the page, keeping it for a later message while there is room. */
  function retire(key: string, { host, padlock }: Mounted): void {
    padlock.unmount();
    host.remove();
    mounted.delete(key);
    if (spare.length < SPARE_PADLOCKS) spare.push({ host, padlock });
  }

  /** A spare padlock as new: drawn as "checking", its host carrying only checkingHost's marks. */
  function reused(): Omit<Mounted, 'anchor'> | undefined {
    const taken = spare.pop();
    if (taken === undefined) return undefined;
    for (const name of taken.host.getAttributeNames())
      if (!checkingHost.hasAttribute(name)) taken.host.removeAttribute(name);
    for (const name of checkingHost.getAttributeNames())
      setAttributeIfChanged(taken.host, name, checkingHost.getAttribute(name));
    taken.padlock.reset();
    return taken;
  }

  function created(): Omit<Mounted, 'anchor'> {
    const host = checkingHost.cloneNode(false) as HTMLElement;
    const root = host.attachShadow({ mode: 'open' });
    if (!adopt(root, sheet)) {
      const style = document.createElement('style');
      style.textContent = BADGE_CSS;
      root.append(style);
    }
    return { host, padlock: mountPadlock(root) };
  }

  function mount(key: string, anchor: Element): Mounted {
    const known = mounted.get(key);
    if (known?.host.isConnected && known.host.previousElementSibling === anchor) return known;
    if (known) retire(key, known);
    const { host, padlock } = reused() ?? created();
    anchor.after(host);
    theme.place(host, anchor);
    const fresh: Mounted = { host, anchor, padlock };
    mounted.set(key, fresh);
    return fresh;
  }

  return {
    show(key, anchor, state: BadgeState) {
      const { host, padlock } = mount(key, anchor);
      const level = state.kind === 'verdict' ? state.verdict.level : state.kind;
      setAttributeIfChanged(host, 'data-state', level);
      // Which problem (signed out, sent by you, …): read by tests and page-side tooling.
      setAttributeIfChanged(host, 'data-problem', state.kind === 'problem' ? state.problem : null);
      // What is still awaited: the headers, or DNS and probe answers refining a first verdict.
      const pending =
        state.kind === 'checking'
          ? ['headers']
          : state.kind === 'verdict'
            ? (state.verdict.report?.pending ?? [])
            : [];
      // How many downgrade alerts the message has (0 until its report says otherwise).
      const alerts = state.kind === 'verdict' ? (state.verdict.report?.alerts?.length ?? 0) : 0;
      setAttributeIfChanged(host, 'data-alerts', String(alerts));
      setAttributeIfChanged(host, 'data-pending', pending.length > 0 ? pending.join(' ') : null);
      padlock.draw(state);
    },
    recordTimings(key, timings: BadgeTimings) {
      const host = mounted.get(key)?.host;
      // Read back by the end-to-end benchmark; numbers only.
      host?.setAttribute('data-timings', JSON.stringify(timings));
    },
    owns(node) {
      return node instanceof Element && node.hasAttribute(BADGE_HOST_ATTRIBUTE);
    },
    keepOnly(keys) {
      for (const [key, entry] of mounted) if (!keys.has(key)) retire(key, entry);
      // A site that re-renders by cloning its DOM copies our hosts too: copies are not ours to keep.
      const ours = new Set<Element>([...mounted.values()].map(({ host }) => host));
      for (const stray of document.querySelectorAll(`[${BADGE_HOST_ATTRIBUTE}]`))
        if (!ours.has(stray)) stray.remove();
    },
    close() {
      this.keepOnly(new Set());
      theme.stop();
    },
  };
}
