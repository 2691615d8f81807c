// Politeness: one connection at a time per MX address, even when several MX names share it
// or several domains are probed at once by the same process.

export interface AddressLock {
  run<T>(address: string, task: () => Promise<T>): Promise<T>;
}

export function createAddressLock(): AddressLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(address: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(address) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(address, tail);
      void tail.then(() => {
        if (tails.get(address) === tail) tails.delete(address);
      });
      return result;
    },
  };
}

/** The process-wide lock used when callers do not inject their own. */
export const sharedAddressLock: AddressLock = createAddressLock();
