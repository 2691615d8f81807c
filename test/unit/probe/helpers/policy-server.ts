// An in-process HTTPS policy host on 127.0.0.1 with a scripted response.

import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface PolicyResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

export async function startPolicyServer(
  tls: { key: string; cert: string },
  respond: () => PolicyResponse,
) {
  const paths: string[] = [];
  const server = https.createServer(tls, (request, response) => {
    paths.push(request.url ?? '');
    const answer = respond();
    response.writeHead(answer.status ?? 200, { 'content-type': 'text/plain', ...answer.headers });
    response.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    paths,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
