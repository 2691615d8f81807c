// A held lock is a short lease, renewed while its work runs: a holder that dies (SIGKILL, crash,
// lost network) frees its target within one lease instead of after the slowest possible probe.

import type { Clock, LockBackend } from './backends.ts';
import { BusyError } from './busy-error.ts';

/** The lease ran out or moved to another holder while the work was still running. */
export class LeaseLostError extends BusyError {
  constructor(key: string, retryAfterMs: number) {
    super(`lost the lock on ${key} while working on it`, retryAfterMs);
    this.name = 'LeaseLostError';
  }
}

export interface Lease {
  /** Aborted (reason: LeaseLostError) when the lock is no longer ours. */
  readonly signal: AbortSignal;
  /** Stops renewing; resolves once no renewal is in flight, so release cannot race one. */
  end(): Promise<void>;
}

/**
 * Renews the lease every leaseMs/3 on the injected clock. `acquiredAt` is taken before the
 * acquire call, so our idea of the expiry is never later than the backend's.
 */
export function holdLease(
  locks: LockBackend,
  clock: Clock,
  key: string,
  token: string,
  leaseMs: number,
  acquiredAt: number,
): Lease {
  const lost = new AbortController();
  const every = Math.max(1, Math.floor(leaseMs / 3));
  let confirmedAt = acquiredAt;
  let ended = false;
  let cancel = () => {};
  let inFlight: Promise<void> = Promise.resolve();

  async function renewOnce(): Promise<void> {
    const sentAt = clock.now();
    let owned: boolean;
    try {
      owned = await locks.renew(key, token, leaseMs);
      if (owned) confirmedAt = sentAt;
    } catch {
      // Backend unreachable: the lease may still stand, so keep trying until it surely ran out.
      owned = clock.now() - confirmedAt < leaseMs;
    }
    if (ended) return;
    if (!owned) {
      lost.abort(new LeaseLostError(key, leaseMs));
      return;
    }
    schedule();
  }

  function schedule(): void {
    cancel = clock.setTimer(every, () => {
      inFlight = renewOnce();
    });
  }

  schedule();
  return {
    signal: lost.signal,
    async end() {
      ended = true;
      cancel();
      await inFlight;
    },
  };
}
