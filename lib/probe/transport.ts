// The socket side effects of a probe, injectable: TCP connect and the STARTTLS upgrade.

import net from 'node:net';
import tls from 'node:tls';
import { ProbeCutOff } from './smtp-reply-reader.ts';

export interface ProbeTransport {
  connect(address: string, port: number, timeoutMs: number): Promise<net.Socket>;
  /** Upgrades an SMTP socket after `220` to STARTTLS. Never verifies: we judge the chain ourselves. */
  startTls(socket: net.Socket, serverName: string, timeoutMs: number): Promise<tls.TLSSocket>;
}

function connect(address: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ProbeCutOff('connect-timeout', `no TCP connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      const reason = error.code === 'ECONNREFUSED' ? 'connect-refused' : 'connect-error';
      reject(new ProbeCutOff(reason, `${error.code ?? 'error'}: ${error.message}`));
    });
  });
}

function startTls(
  socket: net.Socket,
  serverName: string,
  timeoutMs: number,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket,
      // SNI only for names; IP literals must not be sent (RFC 6066 §3).
      ...(net.isIP(serverName) ? {} : { servername: serverName }),
      rejectUnauthorized: false,
      // An empty CA list keeps Node from appending trust-store certificates to the peer chain,
      // so getPeerCertificate(true) is the chain exactly as sent. Validation happens separately.
      ca: [],
      // Observe what legacy servers really offer instead of failing before the handshake ends.
      minVersion: 'TLSv1',
      ciphers: 'ALL:@SECLEVEL=0',
    });
    const timer = setTimeout(() => {
      secure.destroy();
      reject(new ProbeCutOff('reply-timeout', `TLS handshake not finished within ${timeoutMs} ms`));
    }, timeoutMs);
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(secure);
    });
    secure.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      secure.destroy();
      reject(new Error(`TLS handshake failed: ${error.code ?? ''} ${error.message}`.trim()));
    });
  });
}

export const nodeTransport: ProbeTransport = { connect, startTls };
