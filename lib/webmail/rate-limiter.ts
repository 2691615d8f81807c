// A request queue that keeps a webmail's own endpoints within the rate its page would use.
// Gmail: InboxSDK sends every request to Gmail through two nested windows, at most 7 per second
// and 50 per 10 seconds (InboxSDK/InboxSDK src/platform-implementation-js/driver-common/
// gmailAjax.ts, `rateLimitQueuer`). A 429 pauses the whole queue, not only the one request.

import { realSleep, type Sleep } from './header-fetch-result.ts';

export interface RateWindow {
  ms: number;
  max: number;
}

export const GMAIL_RATE_WINDOWS: readonly RateWindow[] = [
  { ms: 1_000, max: 7 },
  { ms: 10_000, max: 50 },
];

export interface RateLimiter {
  /** Resolves when one more request may start now; requests start in call order. */
  acquire(): Promise<void>;
  /** Holds every request back until `until` (a 429's Retry-After or our back-off). */
  pauseUntil(until: number): void;
}

export interface RateLimiterDeps {
  now?: () => number;
  sleep?: Sleep;
  /** Extra wait past each window, so network jitter cannot squeeze one more into it. */
  marginMs?: number;
}

export function createRateLimiter(
  windows: readonly RateWindow[],
  deps: RateLimiterDeps = {},
): RateLimiter {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const margin = deps.marginMs ?? 0;
  const longest = Math.max(...windows.map((w) => w.ms));
  const starts: number[] = [];
  let pausedUntil = 0;
  let tail: Promise<void> = Promise.resolve();

  /** How long to wait before the next start is allowed (0: now). */
  function waitNeeded(at: number): number {
    while (starts.length > 0 && (starts[0] ?? 0) <= at - longest - margin) starts.shift();
    let wait = Math.max(0, pausedUntil - at);
    for (const { ms, max } of windows) {
      const inWindow = starts.filter((start) => start > at - ms - margin);
      if (inWindow.length >= max) wait = Math.max(wait, (inWindow[0] ?? at) + ms + margin - at);
    }
    return wait;
  }

  async function takeTurn(): Promise<void> {
    for (;;) {
      const wait = waitNeeded(now());
      if (wait <= 0) break;
      await sleep(wait);
    }
    starts.push(now());
  }

  return {
    acquire() {
      const turn = tail.then(takeTurn);
      tail = turn.catch(() => {});
      return turn;
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}

/** Seconds or an HTTP date (RFC 9110 §10.2.3) → milliseconds from now; null when absent. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
