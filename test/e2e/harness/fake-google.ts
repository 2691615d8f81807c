// A loopback stand-in for Google's hosts, reached by a real browser as https://mail.google.com
// and https://accounts.google.com with no internet: the browser is pointed at an HTTP proxy on
// 127.0.0.1 whose CONNECT tunnels for those two hosts end in a local TLS server holding a
// throwaway self-signed certificate. Only the browser under test trusts it (Chromium by SPKI
// hash, Firefox through Marionette's acceptInsecureCerts). Every other CONNECT is refused and
// recorded, so nothing can leave the machine. Unlike Playwright's route.fulfill, responses here
// are real HTTP: a 3xx is followed (or not) by the browser's own network stack.

import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FAKE_HOSTS = ['mail.google.com', 'accounts.google.com'] as const;

export type FakeHandler = (request: IncomingMessage, url: URL, response: ServerResponse) => void;

export interface FakeGoogle {
  /** http://127.0.0.1:<port>, for --proxy-server or Firefox's proxy prefs. */
  proxyPort: number;
  /** Base64 SHA-256 of the certificate's SPKI, for --ignore-certificate-errors-spki-list. */
  spki: string;
  /** Every request the fake hosts answered, in arrival order. */
  requests: URL[];
  /** CONNECT targets that were refused (anything but the fake hosts). */
  refused: string[];
  close: () => Promise<void>;
}

function makeCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'mailseal-fake-google-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=mail.google.com',
        '-addext',
        `subjectAltName=${FAKE_HOSTS.map((host) => `DNS:${host}`).join(',')}`,
        '-addext',
        'extendedKeyUsage=serverAuth',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const spkiOf = (cert: Buffer) =>
  createHash('sha256')
    .update(new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');

export async function startFakeGoogle(handler: FakeHandler): Promise<FakeGoogle> {
  const { key, cert } = makeCertificate();
  const requests: URL[] = [];
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const tls = createHttpsServer({ key, cert }, (request, response) => {
    const url = new URL(request.url ?? '/', `https://${request.headers.host}`);
    requests.push(url);
    handler(request, url, response);
  });
  const proxy = createHttpServer((_request, response) => {
    // Plain-HTTP proxying is not offered: the fake hosts are HTTPS only, like the real ones.
    response.writeHead(403).end();
  });
  proxy.on('connect', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // Chromium resets tunnels it no longer needs (a closed page, a connection it gave up on);
    // without a listener the reset is thrown as an uncaught ECONNRESET that fails the whole run.
    socket.on('error', () => socket.destroy());
    const target = request.url ?? '';
    const [host, port] = target.split(':');
    if (port !== '443' || !FAKE_HOSTS.includes(host as (typeof FAKE_HOSTS)[number])) {
      refused.push(target);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    tls.emit('connection', socket);
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  return {
    proxyPort: (proxy.address() as AddressInfo).port,
    spki: spkiOf(cert),
    requests,
    refused,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => proxy.close(done));
      tls.close();
    },
  };
}

/** Chromium flags that send its traffic to the fake hosts and trust their certificate only. */
export function chromiumFakeGoogleArgs(fake: FakeGoogle): string[] {
  return [
    `--proxy-server=http://127.0.0.1:${fake.proxyPort}`,
    `--ignore-certificate-errors-spki-list=${fake.spki}`,
  ];
}
