// A counting semaphore with a bounded queue: the global cap on probes running at once. A full
// queue refuses at once (the HTTP layer answers 503 + Retry-After) instead of piling up work.

import { BusyError } from './target-lock.ts';

export class Semaphore {
  readonly #capacity: number;
  readonly #maxQueue: number;
  #running = 0;
  readonly #queue: Array<() => void> = [];

  constructor(capacity: number, maxQueue: number) {
    this.#capacity = Math.max(1, capacity);
    this.#maxQueue = Math.max(0, maxQueue);
  }

  get running(): number {
    return this.#running;
  }

  get queued(): number {
    return this.#queue.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#capacity) {
      if (this.#queue.length >= this.#maxQueue) {
        throw new BusyError('too many probes in progress', 5_000);
      }
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await work();
    } finally {
      const next = this.#queue.shift();
      if (next) next();
      else this.#running--;
    }
  }

  /** Resolves once nothing runs or waits (graceful shutdown). */
  async idle(pollMs = 50): Promise<void> {
    while (this.#running > 0 || this.#queue.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
