// bench:ext charges the content script thread CPU time (trace `tdur`), not wall time, per message.
import { describe, expect, it } from 'vitest';
import {
  contentThreadTimePerMessage,
  type TraceEvent,
} from '../../../bench/content-thread-time.ts';

const MAIN = { pid: 1, tid: 1 };
const OPTIONS = { worldName: 'MailSeal', markPrefix: 'mailseal:', openMarkPrefix: 'bench-open:' };

const slice = (name: string, ts: number, dur: number, tdur: number, args?: object): TraceEvent => ({
  ...MAIN,
  name,
  ph: 'X',
  ts,
  dur,
  tdur,
  ...(args ? { args: args as Record<string, unknown> } : {}),
});
const open = (ts: number): TraceEvent => ({
  ...MAIN,
  name: `bench-open:m${ts}`,
  cat: 'blink.user_timing',
  ph: 'I',
  ts,
});
const mark = (ts: number, message: string): TraceEvent => ({
  ...MAIN,
  name: 'TimeStamp',
  cat: 'devtools.timeline',
  ph: 'I',
  ts,
  args: { data: { message } },
});
const ours = { worldName: 'MailSeal' };

describe('content script thread time from a trace', () => {
  it('sums thread CPU (tdur), not wall (dur), of the script callbacks and marked microtasks per message', () => {
    const events = [
      open(1_000),
      // The watcher's timer: 3 ms of wall, 1 ms on the CPU (descheduled for the rest).
      slice('v8.callFunction', 1_100, 3_000, 1_000, ours),
      // The page's own callback: not the script's.
      slice('v8.callFunction', 1_200, 500, 400, { worldName: '' }),
      // A checkpoint with the script's continuation (cut the headers) inside.
      slice('RunMicrotasks', 5_000, 900, 800),
      slice('RunPendingMicrotask', 5_010, 600, 500),
      mark(5_020, 'mailseal:cut'),
      // A microtask nobody marked (someone else's promise): not charged.
      slice('RunPendingMicrotask', 5_700, 150, 150),
      open(10_000),
      slice('RunPendingMicrotask', 10_100, 2_000, 250),
      mark(10_150, 'mailseal:render'),
      // A callback of the script on another thread (another frame): not this page's main thread.
      { ...slice('v8.callFunction', 10_300, 900, 900, ours), tid: 2 },
    ];
    expect(contentThreadTimePerMessage(events, OPTIONS)).toEqual([
      { all: 1.5, afterHeaders: 0.5 },
      { all: 0.25, afterHeaders: 0.25 },
    ]);
  });

  it('counts work nested in a counted slice once', () => {
    const events = [
      open(0),
      // A MutationObserver callback whose scope ran the marked continuation's microtasks.
      slice('v8.callFunction', 100, 1_000, 700, ours),
      slice('RunMicrotasks', 600, 300, 300),
      mark(650, 'mailseal:render'),
      slice('v8.callFunction', 700, 100, 100, ours),
    ];
    expect(contentThreadTimePerMessage(events, OPTIONS)).toEqual([{ all: 0.7, afterHeaders: 0.3 }]);
  });

  it('finds nothing without the script world', () => {
    expect(contentThreadTimePerMessage([open(0)], OPTIONS)).toEqual([]);
  });
});
