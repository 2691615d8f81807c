// Gives mailauth (and anything else written against Node's `dns.promises.resolve`) our DoH
// client instead of the system resolver. Result shapes and error codes follow Node's contract:
// NXDOMAIN → ENOTFOUND, NODATA → ENODATA, SERVFAIL → ESERVFAIL, timeouts → ETIMEOUT.
import type { DnsAnswer, DnsClient, RecordType } from './types.ts';

export type ResolveResult = string[] | string[][] | { exchange: string; priority: number }[];

export type DnsPromisesResolve = (name: string, rrtype?: string) => Promise<ResolveResult>;

export interface ResolveError extends Error {
  code: 'ENOTFOUND' | 'ENODATA' | 'ESERVFAIL' | 'ETIMEOUT' | 'EREFUSED' | 'ENOTIMP';
  hostname: string;
  syscall: string;
}

const SUPPORTED = new Set<RecordType>(['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'PTR']);

function resolveError(answer: DnsAnswer, rrtype: string): ResolveError {
  const code: ResolveError['code'] =
    answer.status === 'nxdomain'
      ? 'ENOTFOUND'
      : answer.status === 'nodata'
        ? 'ENODATA'
        : answer.status === 'servfail'
          ? 'ESERVFAIL'
          : /refused/i.test(answer.error ?? '')
            ? 'EREFUSED'
            : 'ETIMEOUT';
  const syscall = `query${rrtype.charAt(0)}${rrtype.slice(1).toLowerCase()}`;
  const error = new Error(
    `${syscall} ${code} ${answer.name}${answer.error ? ` (${answer.error})` : ''}`,
  ) as ResolveError;
  error.code = code;
  error.hostname = answer.name;
  error.syscall = syscall;
  return error;
}

/**
 * mailauth's own `DNSResolver` type lists only string[] and string[][], yet it reads MX answers
 * as Node returns them ({exchange, priority}); callers pass this with one cast at the call site.
 */
export function createMailauthResolver(
  dns: DnsClient,
  options: { signal?: AbortSignal } = {},
): DnsPromisesResolve {
  return async (name, rrtype = 'A') => {
    const type = rrtype.toUpperCase() as RecordType;
    if (!SUPPORTED.has(type)) {
      const error = new Error(`query${rrtype} ENOTIMP ${name}`) as ResolveError;
      error.code = 'ENOTIMP';
      error.hostname = name;
      error.syscall = `query${rrtype}`;
      throw error;
    }
    const answer = await dns.query(name, type, options.signal ? { signal: options.signal } : {});
    if (answer.status !== 'noerror' || answer.records.length === 0)
      throw resolveError(answer, type);
    if (type === 'TXT') return (answer as DnsAnswer<'TXT'>).records.map((text) => [text]);
    if (type === 'MX') {
      return (answer as DnsAnswer<'MX'>).records.map((r) => ({
        exchange: r.exchange,
        priority: r.preference,
      }));
    }
    return answer.records as string[];
  };
}
