// An in-process DnsClient answering from a table; unknown names are NXDOMAIN, missing types NODATA.

import type {
  DnsAnswer,
  DnsClient,
  RecordDataByType,
  RecordType,
} from '../../../../lib/dns/types.ts';

export type DnsTable = Record<string, Partial<{ [T in RecordType]: RecordDataByType[T][] }>>;

export function createTableDns(
  table: DnsTable,
  resolver = 'https://fake-resolver.test/dns-query',
): DnsClient & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<T>> {
      const key = name.toLowerCase().replace(/\.$/, '');
      queries.push(`${key} ${type}`);
      const node = table[key];
      const records = (node?.[type] ?? []) as RecordDataByType[T][];
      return {
        name: key,
        type,
        status: node ? (records.length > 0 ? 'noerror' : 'nodata') : 'nxdomain',
        records,
        authenticData: false,
        cnameChain: [],
        ttl: 300,
        resolver,
      };
    },
  };
}
