// A caller's abort ends that caller's wait, not the shared work behind it: other callers (the
// DoH client's coalesced request, the validator's chain walk) may still want the answer, and it
// still fills the caches. The one owner of the "aborted" answer both DNS clients give.
import type { DnsAnswer, RecordType } from './types.ts';

export function abortedAnswer<T extends RecordType>(name: string, type: T): DnsAnswer<T> {
  return {
    name,
    type,
    status: 'temperror',
    records: [],
    authenticData: false,
    cnameChain: [],
    ttl: 0,
    resolver: '',
    error: 'aborted',
  };
}

export function raceAbort<T extends RecordType>(
  shared: Promise<DnsAnswer<T>>,
  signal: AbortSignal,
  name: string,
  type: T,
): Promise<DnsAnswer<T>> {
  if (signal.aborted) return Promise.resolve(abortedAnswer(name, type));
  return new Promise((resolve) => {
    const onAbort = () => resolve(abortedAnswer(name, type));
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then((answer) => {
      signal.removeEventListener('abort', onAbort);
      resolve(answer);
    });
  });
}
