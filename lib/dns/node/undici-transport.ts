// Node-only DoH transport over undici: one pooled HTTP/2 agent with keep-alive per client.
// Rule: nothing outside Node (server/, cli/, Node tests, bench/) may import this file, and
// lib/dns/index.ts must never re-export it, so the extension bundle stays free of undici.
// It has no node:* imports, which is why it may live in lib/.
import { Agent, request } from 'undici';
import { readBodyCapped } from '../../remote-body.ts';
import type { DohTransport } from '../transport.ts';
import { ResponseTooLargeError } from '../transport.ts';

export interface UndiciTransportOptions {
  /** Extra trusted CA certificates (PEM). Only the lab passes its CA here, and only in lab mode. */
  ca?: string | string[];
  /** Idle connections are kept this long for the next query. */
  keepAliveTimeoutMs?: number;
  connections?: number;
}

export interface UndiciTransport {
  transport: DohTransport;
  close(): Promise<void>;
}

export function createUndiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
  const agent = new Agent({
    allowH2: true,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connections: options.connections ?? 4,
    ...(options.ca ? { connect: { ca: options.ca } } : {}),
  });
  const transport: DohTransport = async (req) => {
    const response = await request(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.body ? { body: req.body } : {}),
      signal: req.signal,
      dispatcher: agent,
    });
    const body = await readBodyCapped(
      response.body,
      req.maxResponseBytes,
      () => new ResponseTooLargeError(req.maxResponseBytes),
    );
    const contentType = response.headers['content-type'];
    return {
      status: response.statusCode,
      contentType: Array.isArray(contentType) ? (contentType[0] ?? null) : (contentType ?? null),
      body,
    };
  };
  return { transport, close: () => agent.close() };
}
