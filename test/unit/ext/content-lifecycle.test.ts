// @vitest-environment happy-dom
// The content script lives as long as WXT's content-script context: once the context is
// invalidated (extension updated or reloaded), its watcher, timers and listeners end, and its
// padlocks are taken away (issue 18).

import { describe, expect, it } from 'vitest';
import type { sendToBackground } from '../../../lib/ext/messaging.ts';
import { type ContentLifecycle, startWebmailContent } from '../../../lib/ext/start-content.ts';
import type { SiteAdapter } from '../../../lib/ext/webmail-content.ts';
import { unreadable } from '../../../lib/messaging/unreadable-reason.ts';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings.ts';

const tick = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

function fakeContext() {
  const controller = new AbortController();
  const listeners: (() => void)[] = [];
  const ctx: ContentLifecycle = {
    signal: controller.signal,
    onInvalidated: (listener) => {
      listeners.push(listener);
      return () => {};
    },
    setTimeout: (handler, ms) =>
      setTimeout(() => {
        if (!controller.signal.aborted) handler();
      }, ms) as unknown as number,
  };
  const invalidate = () => {
    controller.abort();
    for (const listener of listeners) listener();
  };
  return { ctx, invalidate };
}

describe('content script lifecycle', () => {
  it('stops watching the page and removes its padlocks when the context is invalidated', async () => {
    document.body.innerHTML = '<div id="list"></div>';
    let scans = 0;
    const adapter: SiteAdapter<string> = {
      site: 'gmail',
      scan: () => {
        scans++;
        return { messages: [], unreadableView: false };
      },
      fetchHeaders: async () => unreadable('unreadable_outlookNoSession'),
    };
    const kept: number[] = [];
    const send = (async (type: string) =>
      type === 'getSettings'
        ? DEFAULT_SETTINGS
        : {
            level: 'idle',
            badgeText: '',
            summary: '',
            report: null,
          }) as unknown as typeof sendToBackground;
    const { ctx, invalidate } = fakeContext();
    let channelClosed = false;
    await startWebmailContent('gmail', adapter, {
      ctx,
      send,
      channel: {
        tell: () => {},
        assess: () => new Promise(() => {}),
        close: () => {
          channelClosed = true;
        },
      },
      createBadges: () => ({
        show: () => {},
        recordTimings: () => {},
        keepOnly: (keys) => kept.push(keys.size),
        owns: () => false,
        close: () => kept.push(0),
      }),
    });
    document.getElementById('list')?.append(document.createElement('p'));
    await tick();
    const before = scans;
    expect(before).toBeGreaterThan(0);

    invalidate();
    expect(kept).toContain(0);
    // The port to the background goes with it.
    expect(channelClosed).toBe(true);
    document.getElementById('list')?.append(document.createElement('p'));
    window.dispatchEvent(new Event('hashchange'));
    await tick();
    expect(scans).toBe(before);
  });
});
