// The content script's main-thread time per message, as thread CPU time from a Chromium trace.
//
// The content script's own performance.now() spans are wall time: on a loaded machine they also
// count the moments the renderer's main thread was descheduled for other processes. Trace slices
// carry `tdur`, the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so this sums, per message:
// - every callback into the content script's isolated world: `v8.callFunction` slices whose
//   `worldName` is the script's world (MutationObserver callbacks, the watcher's timer with the
//   scan, padlock placement and first render, Preact's after-paint callbacks, listeners);
// - every promise continuation the script marks with console.timeStamp (after the raw headers
//   arrive: cut them down and ask the background; after each verdict: render it): the innermost
//   microtask slice around the mark (`RunPendingMicrotask`, else the `RunMicrotasks` checkpoint).
// Style, layout and garbage collection forced inside those slices are in their `tdur`; work the
// browser does later on its own (the next frame's style, layout and paint) is not.
// Messages are told apart by the bench's own marks (performance.mark in the page) at each open.

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: Record<string, unknown>;
}

/** Trace categories the measurement needs, and nothing that captures stacks (slow). */
export const THREAD_TIME_CATEGORIES = [
  'v8',
  'v8.execute',
  'renderer.scheduler',
  'devtools.timeline',
  'blink.user_timing',
];

interface Slice {
  ts: number;
  end: number;
  tdur: number;
}

const MICROTASK_SLICES = new Set(['RunPendingMicrotask', 'RunMicrotasks']);

function sliceOf(event: TraceEvent): Slice {
  return { ts: event.ts, end: event.ts + (event.dur ?? 0), tdur: event.tdur ?? 0 };
}

/** The innermost slice around `ts`, if any. */
function innermost(slices: Slice[], ts: number): Slice | undefined {
  let best: Slice | undefined;
  for (const slice of slices) {
    if (slice.ts <= ts && ts <= slice.end && (!best || slice.end - slice.ts < best.end - best.ts))
      best = slice;
  }
  return best;
}

/** Drops slices inside another one, so nested work is counted once. */
function outermostOnly(slices: Slice[]): Slice[] {
  const sorted = [...new Set(slices)].sort((a, b) => a.ts - b.ts || b.end - a.end);
  const kept: Slice[] = [];
  for (const slice of sorted) {
    const last = kept.at(-1);
    if (last && slice.ts >= last.ts && slice.end <= last.end) continue;
    kept.push(slice);
  }
  return kept;
}

export interface ThreadTimeOptions {
  /** The content script's isolated world (its extension's name). */
  worldName: string;
  /** Prefix of the content script's console.timeStamp marks. */
  markPrefix: string;
  /** Prefix of the bench's performance.mark at each message's open, in open order. */
  openMarkPrefix: string;
}

/** Thread CPU time (ms) of one message's content-script work. */
export interface MessageThreadTime {
  /** Every callback and marked continuation of the script in the message's window. */
  all: number;
  /** Only the marked continuations: after the headers (cut, ask) and each verdict (render). */
  afterHeaders: number;
}

const windowSum = (slices: Slice[], from: number, to: number) =>
  slices.filter((s) => s.ts >= from && s.ts < to).reduce((sum, s) => sum + s.tdur, 0) / 1000;

/**
 * Thread CPU time of the content script per message, in the order the bench opened them.
 * A message's time runs from its open mark to the next one (the last to the trace's end).
 */
export function contentThreadTimePerMessage(
  events: readonly TraceEvent[],
  options: ThreadTimeOptions,
): MessageThreadTime[] {
  const callbacks = events.filter(
    (e) => e.ph === 'X' && e.name === 'v8.callFunction' && e.args?.worldName === options.worldName,
  );
  const thread = callbacks[0];
  if (!thread) return [];
  const onThread = (e: TraceEvent) => e.pid === thread.pid && e.tid === thread.tid;
  const microtasks = events
    .filter((e) => onThread(e) && e.ph === 'X' && MICROTASK_SLICES.has(e.name))
    .map(sliceOf);
  const marked = outermostOnly(
    events
      .filter((e) => onThread(e) && e.name === 'TimeStamp')
      .filter((e) =>
        String((e.args?.data as { message?: unknown })?.message).startsWith(options.markPrefix),
      )
      .map((e) => innermost(microtasks, e.ts))
      .filter((s): s is Slice => s !== undefined),
  );
  const all = outermostOnly([...callbacks.filter(onThread).map(sliceOf), ...marked]);
  const opens = events
    .filter(
      (e) =>
        onThread(e) && e.cat === 'blink.user_timing' && e.name.startsWith(options.openMarkPrefix),
    )
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  return opens.map((from, i) => {
    const to = opens[i + 1] ?? Number.POSITIVE_INFINITY;
    return { all: windowSum(all, from, to), afterHeaders: windowSum(marked, from, to) };
  });
}
