// The DNS contract every engine codes against: the DoH client implements it, tests fake it.
import type { DnssecSource, DnssecVerdict } from './dnssec/types.ts';

export type RecordType =
  | 'A'
  | 'AAAA'
  | 'MX'
  | 'TXT'
  | 'TLSA'
  | 'CNAME'
  | 'NS'
  | 'DS'
  | 'DNSKEY'
  | 'SOA'
  | 'PTR';

/** How the query ended. NXDOMAIN and NODATA are answers; SERVFAIL and timeouts are not. */
export type DnsStatus = 'noerror' | 'nxdomain' | 'nodata' | 'servfail' | 'temperror';

export interface MxRecord {
  preference: number;
  exchange: string;
}

export interface TlsaRecord {
  usage: number;
  selector: number;
  matchingType: number;
  /** Certificate association data, lowercase hex. */
  data: string;
}

/** Parsed RDATA per type. TXT character-strings are joined without separators (RFC 7208 §3.3). */
export interface RecordDataByType {
  A: string;
  AAAA: string;
  MX: MxRecord;
  TXT: string;
  TLSA: TlsaRecord;
  CNAME: string;
  NS: string;
  PTR: string;
  DS: { keyTag: number; algorithm: number; digestType: number; digest: string };
  DNSKEY: { flags: number; algorithm: number; key: string };
  SOA: { mname: string; rname: string; serial: number; minimum: number };
}

export interface DnsAnswer<T extends RecordType = RecordType> {
  /** The name asked for (lowercase, no trailing dot). */
  name: string;
  type: T;
  status: DnsStatus;
  records: RecordDataByType[T][];
  /**
   * The answer is DNSSEC-secure: validated locally when `dnssec.source` says so, otherwise the
   * resolver's AD flag (the fallback).
   */
  authenticData: boolean;
  /** Local validation's verdict, when the answer went through the validating client. */
  dnssec?: AnswerDnssec;
  /** CNAMEs followed from `name` to the owner of the records, in order. */
  cnameChain: string[];
  /** Smallest TTL in the answer (or the negative-caching TTL), seconds. */
  ttl: number;
  /** Which resolver answered (its URL). */
  resolver: string;
  /** Why the query failed, for temperror/servfail. */
  error?: string;
}

export interface QueryOptions {
  signal?: AbortSignal;
  /** Checking Disabled: ask the resolver not to validate, to tell bogus from broken. */
  checkingDisabled?: boolean;
}

export interface DnsClient {
  query<T extends RecordType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>>;
}

/** A DNSSEC verdict attached to an answer, with who vouched for it. */
export interface AnswerDnssec extends DnssecVerdict {
  source: DnssecSource;
  /** Why local validation did not complete, when the resolver's word was used instead. */
  fallback?: string;
}
