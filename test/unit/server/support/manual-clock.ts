// A clock that moves only when told: `advance` (and `sleep`, which is an advance) fires due timers
// in order and lets the promises they start settle, so lease renewals are deterministic.

import type { Clock } from '../../../../server/core/backends.ts';

export interface ManualClock extends Clock {
  advance(ms: number): Promise<void>;
}

// One macrotask turn: every microtask queued so far (memory and SQLite lock calls) has run.
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export function manualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();

  async function advance(ms: number): Promise<void> {
    const target = now + ms;
    for (;;) {
      await settle(); // callers' pending work may still be about to set a timer
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of timers)
        if (entry[1].at <= target && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      timers.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].fn();
    }
    now = Math.max(now, target);
    await settle();
  }

  return {
    now: () => now,
    sleep: (ms) => advance(ms),
    setTimer(ms, fn) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return () => timers.delete(id);
    },
    advance,
  };
}
