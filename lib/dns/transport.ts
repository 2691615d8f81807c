// How DoH bytes travel. The client only sees this interface, so the extension (fetch), Node
// (undici, see node/undici-transport.ts) and tests (in-process fakes) plug in the same way.

export interface DohHttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Uint8Array;
  signal: AbortSignal;
  /** Stop reading and fail when the body grows beyond this. */
  maxResponseBytes: number;
}

export interface DohHttpResponse {
  status: number;
  contentType: string | null;
  body: Uint8Array;
}

/** Rejects on network errors, aborts and oversized bodies. */
export type DohTransport = (request: DohHttpRequest) => Promise<DohHttpResponse>;

export class ResponseTooLargeError extends Error {
  constructor(limit: number) {
    super(`DoH response larger than ${limit} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/** Reads a web stream into one buffer, refusing to hold more than `limit` bytes. */
export async function readLimited(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The browser's (and Node's) fetch. Certificate checks stay on: there is no way to turn them off. */
export function createFetchTransport(fetchImpl: typeof fetch = globalThis.fetch): DohTransport {
  return async (request) => {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      cache: 'default',
      credentials: 'omit',
    };
    if (request.body) init.body = request.body as BodyInit;
    const response = await fetchImpl(request.url, init);
    const body = await readLimited(response.body, request.maxResponseBytes);
    return { status: response.status, contentType: response.headers.get('content-type'), body };
  };
}
