// Fetches https://mta-sts.<domain>/.well-known/mta-sts.txt the way RFC 8461 §3.3 demands:
// PKIX-valid, no redirects, a size cap, timeouts. Each failure gets its own kind (study §4.3.3).

import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { DnsClient } from '../dns/types.ts';
import { english, type Text, text } from '../score/text.ts';
import { refusedAddressReason } from './address-guard.ts';
import type { MtaStsError } from './types.ts';

export interface PolicyFetchOptions {
  dns: DnsClient;
  /** PEM roots for the policy host's certificate (Mozilla roots; the lab CA in lab mode). */
  ca: readonly string[];
  /** Lab mode: loopback policy hosts allowed (and only those beyond public addresses). */
  allowLoopback: boolean;
  timeoutMs: number;
  maxBytes: number;
  port?: number;
}

export interface PolicyHostInfo {
  name: string;
  cnameChain: string[];
  addresses: string[];
}

export type PolicyFetchResult =
  | { ok: true; body: string; contentType: string | null; host: PolicyHostInfo }
  | { ok: false; error: MtaStsError; host: PolicyHostInfo; untested: boolean };

function fetchError(kind: string, words: Text, evidence?: string): MtaStsError {
  return {
    category: 'policy-fetch',
    kind,
    severity: 'high',
    message: english(words),
    text: words,
    ...(evidence === undefined ? {} : { evidence }),
  };
}

/**
 * TLS contexts already built, by roots list. Building one loads every root (~150 Mozilla roots)
 * into a fresh OpenSSL store: done per fetch, it was 3 % of a bulk scan's worker CPU. The engine
 * passes the same list to every fetch, and a context is read-only once built.
 */
const contexts = new WeakMap<readonly string[], SecureContext>();

/** The TLS context that trusts exactly `ca`, built once per roots list. */
export function policyContextFor(ca: readonly string[]): SecureContext {
  let context = contexts.get(ca);
  if (!context) {
    context = createSecureContext({ ca: [...ca] });
    contexts.set(ca, context);
  }
  return context;
}

const NAME_MISMATCH_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID']);

interface GetOutcome {
  status: number;
  location: string | null;
  contentType: string | null;
  body: string;
  tooLarge: boolean;
}

function httpsGet(host: string, address: string, options: PolicyFetchOptions): Promise<GetOutcome> {
  const family = address.includes(':') ? 6 : 4;
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    // Node asks with { all: true } when autoSelectFamily is on; answer both shapes.
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    } else callback(null, address, family);
  };
  // `secureContext` reaches tls.connect as is; Node's RequestOptions type does not list it.
  const requestOptions: https.RequestOptions & { secureContext: SecureContext } = {
    host,
    port: options.port ?? 443,
    path: '/.well-known/mta-sts.txt',
    servername: host,
    lookup,
    secureContext: policyContextFor(options.ca),
    agent: false,
    timeout: options.timeoutMs,
    headers: { 'user-agent': 'MailSeal probe', accept: 'text/plain' },
  };
  return new Promise((resolve, reject) => {
    let phase: 'tcp' | 'tls' | 'http' = 'tcp';
    const request = https.get(requestOptions, (response) => {
      phase = 'http';
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          tooLarge = true;
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      const done = () =>
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location ?? null,
          contentType: response.headers['content-type'] ?? null,
          body: Buffer.concat(chunks).toString('utf8'),
          tooLarge,
        });
      response.on('end', done);
      // A body cut short (reset, deadline) is never a policy, even if it parses as one.
      response.on('close', () =>
        tooLarge || response.complete
          ? done()
          : reject(Object.assign(new Error('policy body cut short'), { phase })),
      );
      response.on('error', (error) =>
        tooLarge ? done() : reject(Object.assign(error, { phase })),
      );
    });
    request.on('socket', (socket) => {
      socket.once('connect', () => {
        phase = 'tls';
      });
    });
    const timedOut = () =>
      request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
    // `timeout` above is an idle timeout: a host sending one byte a second never trips it. The
    // whole exchange gets the same limit as a deadline.
    const deadline = setTimeout(timedOut, options.timeoutMs);
    request.on('close', () => clearTimeout(deadline));
    request.on('timeout', timedOut);
    request.on('error', (error) => reject(Object.assign(error, { phase })));
  });
}

function classifyRequestError(error: NodeJS.ErrnoException & { phase?: string }): MtaStsError {
  const code = error.code ?? '';
  const evidence = `${code} ${error.message}`.trim();
  if (error.phase === 'tcp') return fetchError('tcp', text('sts_fetch_tcp'), evidence);
  if (error.phase === 'tls') {
    if (NAME_MISMATCH_CODES.has(code)) {
      return fetchError('tls-name-mismatch', text('sts_fetch_name_mismatch'), evidence);
    }
    return fetchError('tls', text('sts_fetch_tls'), evidence);
  }
  return fetchError('http', text('sts_fetch_http'), evidence);
}

async function resolvePolicyHost(name: string, options: PolicyFetchOptions) {
  const [a, aaaa] = await Promise.all([
    options.dns.query(name, 'A'),
    options.dns.query(name, 'AAAA'),
  ]);
  const cnameChain = a.cnameChain.length > 0 ? a.cnameChain : aaaa.cnameChain;
  const addresses = [...a.records, ...aaaa.records];
  const temporary = [a, aaaa].some(
    (answer) => answer.status === 'servfail' || answer.status === 'temperror',
  );
  return { cnameChain, addresses, temporary };
}

export async function fetchMtaStsPolicy(
  domain: string,
  options: PolicyFetchOptions,
): Promise<PolicyFetchResult> {
  const name = `mta-sts.${domain}`;
  const resolved = await resolvePolicyHost(name, options);
  const host: PolicyHostInfo = {
    name,
    cnameChain: resolved.cnameChain,
    addresses: resolved.addresses,
  };
  if (resolved.addresses.length === 0) {
    const words = text(resolved.temporary ? 'sts_fetch_dns_temporary' : 'probe_no_address', name);
    return { ok: false, error: fetchError('dns', words), host, untested: resolved.temporary };
  }
  const allowed = resolved.addresses.filter(
    (a) => refusedAddressReason(a, options.allowLoopback) === null,
  );
  const address = allowed[0];
  if (!address) {
    const error = fetchError(
      'dns',
      text('sts_fetch_non_public', name),
      resolved.addresses.join(' '),
    );
    return { ok: false, error, host, untested: false };
  }
  let outcome: GetOutcome;
  try {
    outcome = await httpsGet(name, address, options);
  } catch (error) {
    return {
      ok: false,
      error: classifyRequestError(error as NodeJS.ErrnoException),
      host,
      untested: false,
    };
  }
  if (outcome.status >= 300 && outcome.status < 400) {
    const error = fetchError(
      'http-redirect',
      text('sts_fetch_redirect'),
      `${outcome.status} → ${outcome.location ?? '?'}`,
    );
    return { ok: false, error, host, untested: false };
  }
  if (outcome.status !== 200) {
    const error = fetchError(
      'http-status',
      text('sts_fetch_status', String(outcome.status)),
      String(outcome.status),
    );
    return { ok: false, error, host, untested: false };
  }
  if (outcome.tooLarge) {
    const error = fetchError(
      'http-too-large',
      text('sts_fetch_too_large', String(options.maxBytes)),
    );
    return { ok: false, error, host, untested: false };
  }
  const mediaType = outcome.contentType?.split(';')[0]?.trim().toLowerCase() ?? null;
  if (mediaType !== 'text/plain') {
    const error = fetchError(
      'http-content-type',
      text('sts_fetch_content_type'),
      outcome.contentType ?? '(none)',
    );
    return { ok: false, error, host, untested: false };
  }
  return { ok: true, body: outcome.body, contentType: outcome.contentType, host };
}
