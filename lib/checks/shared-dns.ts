// One assessment asks the same question from several checks (the MX set, each host's
// addresses). This wrapper makes every distinct question one request, whatever client is given.
import type { DnsAnswer, DnsClient, QueryOptions, RecordType } from '../dns/types.ts';

export function shareQueries(dns: DnsClient): DnsClient {
  const seen = new Map<string, Promise<DnsAnswer>>();
  return {
    query<T extends RecordType>(name: string, type: T, options: QueryOptions = {}) {
      const key = `${name.toLowerCase().replace(/\.$/, '')}|${type}|${options.checkingDisabled ? 'cd' : ''}`;
      let pending = seen.get(key);
      if (!pending) {
        pending = dns.query(name, type, options);
        seen.set(key, pending);
      }
      return pending as Promise<DnsAnswer<T>>;
    },
  };
}
