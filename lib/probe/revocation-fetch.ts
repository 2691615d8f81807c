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

export function createRevocationFetcher(options: RevocationFetcherOptions): RevocationFetcher {
  const clock = options.clock ?? Date.now;
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxCacheBytes = options.maxCacheBytes ?? 16 * 1024 * 1024;
  const memo = new Map<string, { expires: number; bytes: Promise<Uint8Array>; size: number }>();
  // Host names are resolved (and checked) here, at connect time, so DNS rebinding cannot slip a
  // private address in between a check and the connection.
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
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
  const agent = new Agent({
    connections: 4,
    connect: { lookup, ...(options.ca ? { ca: [...options.ca] } : {}) },
  });

  async function fetchOnce(url: URL, fetchOptions: FetchOptions): Promise<Uint8Array> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) checkAddress(host, options.allowLoopback);
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

  // Bounded three ways: by age (expired entries are dropped whenever one is added, so a long
  // run does not keep every CRL it ever saw), by bytes, and by count (empty answers weigh 0).
  function remember(key: string, bytes: Promise<Uint8Array>): void {
    const now = clock();
    for (const [oldKey, old] of memo) if (old.expires <= now) memo.delete(oldKey);
    const entry = { expires: now + ttlMs, bytes, size: 0 };
    memo.delete(key); // re-inserted last: Map order is the eviction order
    memo.set(key, entry);
    for (const oldKey of memo.keys()) {
      if (memo.size <= MAX_CACHE_ENTRIES) break;
      memo.delete(oldKey);
    }
    bytes.then(
      (value) => {
        entry.size = value.byteLength;
        let total = [...memo.values()].reduce((sum, e) => sum + e.size, 0);
        for (const [oldKey, old] of memo) {
          if (total <= maxCacheBytes) break;
          memo.delete(oldKey);
          total -= old.size;
        }
      },
      () => {
        if (memo.get(key) === entry) memo.delete(key); // failures are not remembered
      },
    );
  }

  const fetchBytes: FetchBytes = async (rawUrl, fetchOptions) => {
    const url = new URL(rawUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`${url.protocol} URLs are not fetched`);
    if (url.username || url.password) throw new Error('URLs with credentials are not fetched');
    const bodyHash = fetchOptions.post
      ? createHash('sha256').update(fetchOptions.post.body).digest('hex')
      : '';
    const key = `${rawUrl} ${bodyHash}`;
    const hit = memo.get(key);
    if (hit && hit.expires > clock()) {
      const bytes = await hit.bytes;
      // A caller with a smaller cap than the one who fetched it gets the same refusal.
      if (bytes.byteLength > fetchOptions.maxBytes)
        throw new Error(`answer larger than ${fetchOptions.maxBytes} bytes`);
      return bytes;
    }
    const bytes = fetchOnce(url, fetchOptions);
    remember(key, bytes);
    return bytes;
  };
  return {
    fetchBytes,
    cacheStats: () => ({
      entries: memo.size,
      bytes: [...memo.values()].reduce((sum, e) => sum + e.size, 0),
    }),
    close: () => agent.close(),
  };
}
