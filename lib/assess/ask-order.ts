// Which questions of a message go on the wire first. Every question still goes out in the first
// round (none waits for an answer), but the worker's one thread issues them one after another, a
// millisecond or more each (the browser's fetch), and handles their answers in that order. A front
// end that shows something sooner than the rest (the extension's padlock) sends what that reads
// first: the checks it names and, when it says so, the probe call; the rest go once every domain
// of the message has sent its first questions, a task later (so their fetches are out).

export interface AskOrder {
  /** The DNS checks (registry keys) to start at once; the others wait for `later`. */
  firstChecks: readonly string[];
  /** Whether the probe call goes with the first questions or waits for `later`. */
  probeFirst: boolean;
  /** Resolves when the questions marked later may go. */
  later: () => Promise<void>;
  /** This domain's first questions are out (or answered from a cache): called once. */
  sent: () => void;
}

/**
 * One message's gate over its distinct `domains`: each calls `sent` (with its domain) once its
 * first questions are out; then, one task later, every `later` resolves. A part shared with
 * another assessment in flight (the same domain in two messages of a thread) counts only when
 * that one is done, and that one may wait for this message's gate: `fallbackMs` after the gate
 * was made it opens anyway, so nothing waits on itself.
 */
export function askGate(
  domains: readonly string[],
  fallbackMs = 30,
): Pick<AskOrder, 'later'> & { sent: (domain: string) => void } {
  const left = new Set(domains);
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const fallback = setTimeout(open, fallbackMs);
  const check = () => {
    if (left.size > 0) return;
    clearTimeout(fallback);
    open();
  };
  check();
  // A task later: the first questions' fetches, started in microtasks, are all out by then.
  const afterTask = opened.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  return {
    later: () => afterTask,
    sent: (domain) => {
      left.delete(domain);
      check();
    },
  };
}
