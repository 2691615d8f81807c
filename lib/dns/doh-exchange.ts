// One DoH request/response, with every check a hostile or broken resolver could trip:
// HTTP status, media type, size, malformed packet, ID, QR bit, question echo, truncation.
import { base64UrlEncode } from './base64url.ts';
import type { DohTransport } from './transport.ts';
import type { RecordType } from './types.ts';
import { decodeResponse, encodeQuery, type WireResponse } from './wire.ts';

export interface ExchangeRequest {
  resolver: string;
  name: string;
  type: RecordType;
  method: 'GET' | 'POST';
  checkingDisabled: boolean;
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
}

export type ExchangeResult =
  | {
      ok: true;
      response: WireResponse /** The bytes as received, for local DNSSEC validation. */;
      raw: Uint8Array;
    }
  | {
      ok: false;
      error: string;
      /**
       * The connection failed before any HTTP answer (reset, closed during the TLS handshake,
       * refused): nothing was learnt about the name, and asking again may well succeed.
       */
      transient?: boolean;
    };

const MEDIA_TYPE = 'application/dns-message';

function randomId(): number {
  const word = new Uint16Array(1);
  crypto.getRandomValues(word);
  return word[0] ?? 0;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * A GET for the root's NS set: what a connection warm-up asks (lib/ext/connection-warmer.ts).
 * The root says nothing about the user's mail, and an answer comes from the resolver's cache.
 */
export function rootQueryUrl(resolver: string): string {
  const query = encodeQuery(0, { name: '.', type: 'NS' });
  return `${resolver}${resolver.includes('?') ? '&' : '?'}dns=${base64UrlEncode(query)}`;
}

export async function exchange(
  transport: DohTransport,
  req: ExchangeRequest,
): Promise<ExchangeResult> {
  // RFC 8484 §4.1: ID 0 keeps GET responses cacheable; POST gets a random ID as a further check.
  const id = req.method === 'GET' ? 0 : randomId();
  const query = encodeQuery(
    id,
    { name: req.name, type: req.type },
    {
      checkingDisabled: req.checkingDisabled,
    },
  );
  const headers: Record<string, string> = { accept: MEDIA_TYPE };
  let url = req.resolver;
  if (req.method === 'GET') {
    url += `${url.includes('?') ? '&' : '?'}dns=${base64UrlEncode(query)}`;
  } else {
    headers['content-type'] = MEDIA_TYPE;
  }
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let body: Uint8Array;
  try {
    const http = await transport({
      url,
      method: req.method,
      headers,
      ...(req.method === 'POST' ? { body: query } : {}),
      signal,
      maxResponseBytes: req.maxResponseBytes,
    });
    if (http.status !== 200) return { ok: false, error: `HTTP ${http.status}` };
    const mediaType = (http.contentType ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== MEDIA_TYPE)
      return { ok: false, error: `unexpected content-type ${http.contentType}` };
    body = http.body;
  } catch (error) {
    if (timeout.aborted) return { ok: false, error: `timeout after ${req.timeoutMs} ms` };
    if (req.signal?.aborted) return { ok: false, error: describe(error) };
    return { ok: false, error: describe(error), transient: true };
  }
  if (body.byteLength > req.maxResponseBytes) {
    return { ok: false, error: `response larger than ${req.maxResponseBytes} bytes` };
  }
  let response: WireResponse;
  try {
    response = decodeResponse(body);
  } catch (error) {
    return { ok: false, error: `malformed DNS message (${describe(error)})` };
  }
  return validate(response, id, req, body);
}

function validate(
  response: WireResponse,
  id: number,
  req: ExchangeRequest,
  raw: Uint8Array,
): ExchangeResult {
  if (!response.isResponse) return { ok: false, error: 'reply is not a DNS response (QR unset)' };
  if (response.id !== id) return { ok: false, error: `wrong DNS ID ${response.id}, sent ${id}` };
  const question = response.questions[0];
  const sameQuestion =
    response.questions.length === 1 &&
    question !== undefined &&
    question.name.toLowerCase().replace(/\.$/, '') === req.name &&
    question.type === req.type;
  if (!sameQuestion) return { ok: false, error: 'response does not echo the question asked' };
  if (response.truncated) return { ok: false, error: 'truncated response (TC set)' };
  return { ok: true, response, raw };
}
