// One part of an assessment as it came back: its value, or why there is none. A part that could
// not be had is an answer too, so a front end can say "could not test" and cache it briefly.

export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

export const errorText = (reason: unknown): string =>
  reason instanceof Error ? reason.message : String(reason);

/** Waits for `work`; a rejection becomes a failed answer instead of an exception. */
export async function settle<T>(work: () => Promise<T>): Promise<Answer<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}
