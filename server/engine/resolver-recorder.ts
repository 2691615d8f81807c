// Notes which resolver answered, so each assessment can say where its DNS facts came from.

import type { DnsClient } from '../../lib/dns/types.ts';

export function recordResolvers(inner: DnsClient): { dns: DnsClient; resolvers: Set<string> } {
  const resolvers = new Set<string>();
  const dns: DnsClient = {
    async query(name, type, options) {
      const answer = await inner.query(name, type, options);
      if (answer.resolver) resolvers.add(answer.resolver);
      return answer;
    },
  };
  return { dns, resolvers };
}
