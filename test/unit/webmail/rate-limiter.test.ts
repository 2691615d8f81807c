import { describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  GMAIL_RATE_WINDOWS,
  retryAfterMs,
} from '../../../lib/webmail/rate-limiter.ts';

function fakeClock() {
  let time = 0;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
  };
}

/** The most starts in any window of `ms` that ends at a start. */
function busiest(starts: number[], ms: number): number {
  return Math.max(...starts.map((end) => starts.filter((s) => s > end - ms && s <= end).length));
}

describe('rate limiter (InboxSDK gmailAjax.ts: ≤7 per second, ≤50 per 10 seconds)', () => {
  it('spreads a burst of 60 requests so no window holds more than its share', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(GMAIL_RATE_WINDOWS, clock);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 60 }, () => limiter.acquire().then(() => starts.push(clock.now()))),
    );
    expect(starts).toHaveLength(60);
    expect(busiest(starts, 1_000)).toBe(7);
    expect(busiest(starts, 10_000)).toBe(50);
    // The 51st must wait for the first to leave the 10-second window.
    expect(starts[50]).toBeGreaterThanOrEqual(10_000);
  });

  it('holds every request back while paused for a 429', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(GMAIL_RATE_WINDOWS, clock);
    await limiter.acquire();
    limiter.pauseUntil(5_000);
    await limiter.acquire();
    expect(clock.now()).toBe(5_000);
  });

  it('reads Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3)', () => {
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.UTC(2015, 9, 21, 7, 28, 0))).toBe(
      10_000,
    );
    expect(retryAfterMs(null, 0)).toBeNull();
    expect(retryAfterMs('soon', 0)).toBeNull();
  });
});
