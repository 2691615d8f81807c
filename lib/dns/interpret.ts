// Turns one validated DNS response into the answer for a question: follows the CNAME chain
// inside the answer section, tells NXDOMAIN from NODATA, and derives the (negative) TTL.
import { toRecordData } from './rdata.ts';
import type { DnsStatus, RecordDataByType, RecordType } from './types.ts';
import type { WireRecord, WireResponse } from './wire.ts';

export interface Interpreted<T extends RecordType> {
  status: DnsStatus;
  records: RecordDataByType[T][];
  /** CNAME targets followed, in order. */
  chain: string[];
  /** The name the records (or the negative answer) belong to. */
  owner: string;
  ttl: number;
  authenticData: boolean;
  /** NOERROR with a chain whose end is not in this response: ask again for `owner`. */
  incompleteChain: boolean;
  error?: string;
}

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

function negativeTtl(authorities: WireRecord[]): number {
  // RFC 2308 §5: the negative TTL is the minimum of the SOA's own TTL and its MINIMUM field.
  const soa = authorities.find((r) => r.type === 'SOA');
  if (!soa) return 0;
  const minimum = (soa.data as { minimum?: unknown } | undefined)?.minimum;
  return Math.min(soa.ttl, typeof minimum === 'number' ? minimum : soa.ttl);
}

export function interpret<T extends RecordType>(
  response: WireResponse,
  qname: string,
  type: T,
  maxChain: number,
  visited: ReadonlySet<string>,
): Interpreted<T> {
  const base = { authenticData: response.authenticData, incompleteChain: false };
  const chain: string[] = [];
  // No usable answer: nothing is cached for long, and the reason travels with the result.
  const unusable = (
    status: 'servfail' | 'temperror',
    owner: string,
    error: string,
  ): Interpreted<T> => ({ ...base, status, records: [], chain, owner, ttl: 0, error });
  if (response.rcode === 'SERVFAIL') return unusable('servfail', qname, 'SERVFAIL');
  if (response.rcode !== 'NOERROR' && response.rcode !== 'NXDOMAIN') {
    return unusable('temperror', qname, `resolver answered ${response.rcode}`);
  }
  const seen = new Set(visited);
  seen.add(qname);
  let owner = qname;
  let ttl = Number.POSITIVE_INFINITY;
  for (;;) {
    const atOwner = response.answers.filter((r) => bare(r.name) === owner);
    const matching = atOwner.filter((r) => r.type === type);
    if (matching.length > 0) {
      const records: RecordDataByType[T][] = [];
      for (const r of matching) {
        const data = toRecordData(type, r);
        if (data === undefined) return unusable('temperror', owner, `unparseable ${type} RDATA`);
        records.push(data);
        ttl = Math.min(ttl, r.ttl);
      }
      return { ...base, status: 'noerror', records, chain, owner, ttl };
    }
    const cname = type === 'CNAME' ? undefined : atOwner.find((r) => r.type === 'CNAME');
    if (!cname) break;
    const target = bare(String(cname.data ?? ''));
    if (seen.has(target)) return unusable('temperror', owner, `CNAME loop at ${target}`);
    if (chain.length >= maxChain) {
      return unusable('temperror', owner, `CNAME chain longer than ${maxChain}`);
    }
    seen.add(target);
    chain.push(target);
    owner = target;
    ttl = Math.min(ttl, cname.ttl);
  }
  const negTtl = Math.min(ttl, negativeTtl(response.authorities));
  if (response.rcode === 'NXDOMAIN') {
    return { ...base, status: 'nxdomain', records: [], chain, owner, ttl: negTtl };
  }
  // NOERROR, nothing at the end of the chain. If the chain left this response, ask again.
  const incompleteChain = chain.length > 0 && negativeTtl(response.authorities) === 0;
  return { ...base, status: 'nodata', records: [], chain, owner, ttl: negTtl, incompleteChain };
}
