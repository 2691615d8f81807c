// An in-process DnsClient: answers from a table, NODATA for names it has, NXDOMAIN otherwise.

import type {
  DnsAnswer,
  DnsClient,
  RecordDataByType,
  RecordType,
} from '../../../../lib/dns/types.ts';

export interface FakeEntry {
  records?: unknown[];
  status?: DnsAnswer['status'];
  secure?: boolean;
  cnameChain?: string[];
}

export type FakeZone = Record<string, FakeEntry>;

/** Keys are `name TYPE`, e.g. `example.lab MX`. */
export function fakeDns(
  zone: FakeZone,
  options: { secure?: boolean } = {},
): DnsClient & { queries: string[] } {
  const queries: string[] = [];
  const names = new Set(Object.keys(zone).map((key) => key.split(' ')[0]));
  return {
    queries,
    async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<T>> {
      queries.push(`${name} ${type}`);
      const entry = zone[`${name} ${type}`];
      const status = entry?.status ?? (entry ? 'noerror' : names.has(name) ? 'nodata' : 'nxdomain');
      return {
        name,
        type,
        status,
        records: (entry?.records ?? []) as RecordDataByType[T][],
        authenticData: entry?.secure ?? options.secure ?? false,
        cnameChain: entry?.cnameChain ?? [],
        ttl: 300,
        resolver: 'fake',
      };
    },
  };
}
