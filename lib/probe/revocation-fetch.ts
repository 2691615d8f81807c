// The real CRL/OCSP fetcher for the CLI and the service: undici, plain http(s) only, no
// redirects, a time limit and a size cap per fetch, and the SSRF rule of the probe (outside lab
// mode only public unicast addresses, resolved through our own DoH client and checked before
// any connection). Successful answers are kept briefly: many MX share one CA's CRL and responder.

import { createHash } from 'node:crypto';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import type { DnsClient } from '../dns/types.ts';
import { discardBody, readBodyCapped } from '../remote-body.ts';
import { refusedAddressReason } from './address-guard.ts';
import type { FetchBytes, FetchOptions } from './revocation.ts';

export interface RevocationFetcherOptions {
  dns: DnsClient;
  /** Lab mode: loopback responders allowed (and only those beyond public addresses). */
  allowLoopback: boolean;
  /** Extra PEM roots for https responders (the lab CA in lab mode). */
  ca?: readonly string[];
  /** How long a successful answer is reused. */
  ttlMs?: number;
  /** Bytes of answers kept at most. */
  maxCacheBytes?: number;
  clock?: () => number;
}

export interface RevocationFetcher {
  fetchBytes: FetchBytes;
  /** What the answer cache holds (for tests and soak runs). */
  cacheStats(): { entries: number; bytes: number };
  close(): Promise<void>;
}

class RefusedAddressError extends Error {}

/** Distinct URLs (and OCSP requests) remembered at most. */
const MAX_CACHE_ENTRIES = 1024;

function checkAddress(address: string, allowLoopback: boolean): void {
  const reason = refusedAddressReason(address, allowLoopback);
  if (reason !== null)
    throw new RefusedAddressError(`${address} is ${reason}; revocation fetch refused`);
}

async function resolvePublic(host: string, options: RevocationFetcherOptions): Promise<string> {
  const [a, aaaa] = await Promise.all([
    options.dns.query(host, 'A'),
    options.dns.query(host, 'AAAA'),
  ]);
  const addresses = [...a.records, ...aaaa.records];
  if (addresses.length === 0) throw new Error(`${host} has no A or AAAA record`);
  const allowed = addresses.find(
    (address) => refusedAddressReason(address, options.allowLoopback) === null,
  );
  if (!allowed) throw new RefusedAddressError(`${host} resolves only to non-public addresses`);
  return allowed;
}

/**
 * Host names are resolved (and checked) here, at connect time, so DNS rebinding cannot slip a
 * private address in between a check and the connection.
 */
function publicLookup(options: RevocationFetcherOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    resolvePublic(hostname, options).then(
      (address) => {
        const family = address.includes(':') ? 6 : 4;
        if ((lookupOptions as { all?: boolean }).all) {
          (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(
            null,
            [{ address, family }],
          );
        } else callback(null, address, family);
      },
      (error: Error) => callback(error, '', 0),
    );
  };
}

async function fetchOnce(
  agent: Agent,
  allowLoopback: boolean,
  url: URL,
  fetchOptions: FetchOptions,
): Promise<Uint8Array> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) checkAddress(host, allowLoopback);
  const response = await request(url, {
    dispatcher: agent,
    method: fetchOptions.post ? 'POST' : 'GET',
    headers: {
      'user-agent': 'MailSeal probe',
      ...(fetchOptions.post ? { 'content-type': fetchOptions.post.contentType } : {}),
    },
    ...(fetchOptions.post ? { body: Buffer.from(fetchOptions.post.body) } : {}),
    signal: AbortSignal.timeout(fetchOptions.timeoutMs),
    headersTimeout: fetchOptions.timeoutMs,
    bodyTimeout: fetchOptions.timeoutMs,
  });
  if (response.statusCode !== 200) {
    discardBody(response.body);
    throw new Error(`HTTP ${response.statusCode}`); // redirects included: not followed
  }
  const tooLarge = () => new Error(`answer larger than ${fetchOptions.maxBytes} bytes`);
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > fetchOptions.maxBytes) {
    discardBody(response.body);
    throw tooLarge();
  }
  return readBodyCapped(response.body, fetchOptions.maxBytes, tooLarge);
}

interface CachedAnswer {
  expires: number;
  bytes: Promise<Uint8Array>;
  size: number;
}

interface AnswerCache {
  memo: Map<string, CachedAnswer>;
  clock: () => number;
  ttlMs: number;
  maxBytes: number;
}

const cachedBytes = (cache: AnswerCache) =>
  [...cache.memo.values()].reduce((sum, e) => sum + e.size, 0);

/**
 * Bounded three ways: by age (expired entries are dropped whenever one is added, so a long run
 * does not keep every CRL it ever saw), by bytes, and by count (empty answers weigh 0).
 */
function remember(cache: AnswerCache, key: string, bytes: Promise<Uint8Array>): void {
  const memo = cache.memo;
  const now = cache.clock();
  for (const [oldKey, old] of memo) if (old.expires <= now) memo.delete(oldKey);
  const entry = { expires: now + cache.ttlMs, bytes, size: 0 };
  memo.delete(key); // re-inserted last: Map order is the eviction order
  memo.set(key, entry);
  for (const oldKey of memo.keys()) {
    if (memo.size <= MAX_CACHE_ENTRIES) break;
    memo.delete(oldKey);
  }
  bytes.then(
    (value) => {
      entry.size = value.byteLength;
      let total = cachedBytes(cache);
      for (const [oldKey, old] of memo) {
        if (total <= cache.maxBytes) break;
        memo.delete(oldKey);
        total -= old.size;
      }
    },
    () => {
      if (memo.get(key) === entry) memo.delete(key); // failures are not remembered
    },
  );
}

/** Only plain http(s) without credentials; the key covers an OCSP request's body. */
function cacheKey(url: URL, rawUrl: string, fetchOptions: FetchOptions): string {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${url.protocol} URLs are not fetched`);
  if (url.username || url.password) throw new Error('URLs with credentials are not fetched');
  const bodyHash = fetchOptions.post
    ? createHash('sha256').update(fetchOptions.post.body).digest('hex')
    : '';
  return `${rawUrl} ${bodyHash}`;
}

export function createRevocationFetcher(options: RevocationFetcherOptions): RevocationFetcher {
  const cache: AnswerCache = {
    memo: new Map(),
    clock: options.clock ?? Date.now,
    ttlMs: options.ttlMs ?? 10 * 60_000,
    maxBytes: options.maxCacheBytes ?? 16 * 1024 * 1024,
  };
  const agent = new Agent({
    connections: 4,
    connect: { lookup: publicLookup(options), ...(options.ca ? { ca: [...options.ca] } : {}) },
  });
  const fetchBytes: FetchBytes = async (rawUrl, fetchOptions) => {
    const url = new URL(rawUrl);
    const key = cacheKey(url, rawUrl, fetchOptions);
    const hit = cache.memo.get(key);
    if (hit && hit.expires > cache.clock()) {
      const bytes = await hit.bytes;
      // A caller with a smaller cap than the one who fetched it gets the same refusal.
      if (bytes.byteLength > fetchOptions.maxBytes)
        throw new Error(`answer larger than ${fetchOptions.maxBytes} bytes`);
      return bytes;
    }
    const bytes = fetchOnce(agent, options.allowLoopback, url, fetchOptions);
    remember(cache, key, bytes);
    return bytes;
  };
  return {
    fetchBytes,
    cacheStats: () => ({ entries: cache.memo.size, bytes: cachedBytes(cache) }),
    close: () => agent.close(),
  };
}
