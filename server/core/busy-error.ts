// The "try again shortly" failure: the HTTP layer answers 503 with Retry-After.

export class BusyError extends Error {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.name = 'BusyError';
    this.retryAfterMs = retryAfterMs;
  }
}
