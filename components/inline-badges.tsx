// Mounts one inline padlock per open message, right after its sender element, each in its own
// shadow root so neither the page's CSS nor its scripts' selectors reach inside. Rendering is
// Preact (createElement/textContent only), which also satisfies Gmail's Trusted Types policy.

import { render } from 'preact';
import type { BadgeState, BadgeTimings, InlineBadges } from '../lib/ext/webmail-content.ts';
import type { Translate } from '../lib/messaging/tab-verdict.ts';
import { InlineBadge } from './inline-badge.tsx';
import { INLINE_BADGE_CSS } from './inline-badge-styles.ts';
import { pageThemeAt } from './page-theme.ts';
import { SENDER_ALERTS_CSS } from './sender-alerts.tsx';

export const BADGE_HOST_ATTRIBUTE = 'data-mailseal-badge';

interface Mounted {
  host: HTMLElement;
  root: ShadowRoot;
}

export function createInlineBadges(document: Document, t: Translate): InlineBadges {
  const mounted = new Map<string, Mounted>();

  function mount(key: string, anchor: Element): Mounted {
    const known = mounted.get(key);
    if (known?.host.isConnected && known.host.previousElementSibling === anchor) return known;
    known?.host.remove();
    const host = document.createElement('span');
    host.setAttribute(BADGE_HOST_ATTRIBUTE, '');
    const root = host.attachShadow({ mode: 'open' });
    anchor.after(host);
    const fresh = { host, root };
    mounted.set(key, fresh);
    return fresh;
  }

  return {
    show(key, anchor, state: BadgeState) {
      const { host, root } = mount(key, anchor);
      // Colours follow the site's theme where the padlock sits, not the browser's scheme.
      host.setAttribute('data-theme', pageThemeAt(anchor));
      host.setAttribute('data-state', state.kind === 'verdict' ? state.verdict.level : state.kind);
      // Which problem (signed out, sent by you, …): read by tests and page-side tooling.
      if (state.kind === 'problem') host.setAttribute('data-problem', state.problem);
      else host.removeAttribute('data-problem');
      // What is still awaited: the headers, or DNS and probe answers refining a first verdict.
      const pending =
        state.kind === 'checking'
          ? ['headers']
          : state.kind === 'verdict'
            ? (state.verdict.report?.pending ?? [])
            : [];
      // How many downgrade alerts the message has (0 until its report says otherwise).
      const alerts = state.kind === 'verdict' ? (state.verdict.report?.alerts?.length ?? 0) : 0;
      host.setAttribute('data-alerts', String(alerts));
      if (pending.length > 0) host.setAttribute('data-pending', pending.join(' '));
      else host.removeAttribute('data-pending');
      render(
        <>
          <style>{INLINE_BADGE_CSS + SENDER_ALERTS_CSS}</style>
          <InlineBadge state={state} t={t} />
        </>,
        root,
      );
    },
    recordTimings(key, timings: BadgeTimings) {
      const host = mounted.get(key)?.host;
      // Read back by the end-to-end benchmark; numbers only.
      host?.setAttribute('data-timings', JSON.stringify(timings));
    },
    keepOnly(keys) {
      for (const [key, { host, root }] of mounted) {
        if (keys.has(key)) continue;
        render(null, root);
        host.remove();
        mounted.delete(key);
      }
      // A site that re-renders by cloning its DOM copies our hosts too: copies are not ours to keep.
      const ours = new Set<Element>([...mounted.values()].map(({ host }) => host));
      for (const stray of document.querySelectorAll(`[${BADGE_HOST_ATTRIBUTE}]`))
        if (!ours.has(stray)) stray.remove();
    },
  };
}
