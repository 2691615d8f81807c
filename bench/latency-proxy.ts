// A loopback TCP proxy that delays every chunk by a fixed time in each direction, so the
// extension's DoH and probe calls see real round trips (the kernel's netem qdisc is not
// available here). A new connection costs one round trip before its first byte, like a TCP
// handshake; chunks keep their order (equal delays fire in order). Each chunk has its own timer,
// so a burst arrives 30 ms later as a burst, not serialised behind the previous chunk's delay.
//
// The proxy's own sockets have TCP_NODELAY: a network path forwards a packet when it comes, it
// does not hold it back. With Nagle's algorithm on (Node's default for net sockets), a chunk
// written while the previous one was unacknowledged waited for that ACK, which the receiving
// kernel delays by up to 40 ms: a wave of DoH questions on one HTTP/2 connection cost about
// 2 RTT instead of 1 (bench/doh-wave-diag.ts shows both), and so did a probe call whose
// headers and body came in two chunks.

import { connect, createServer, type Server, type Socket } from 'node:net';

export interface LatencyProxy {
  host: string;
  port: number;
  /** Connections accepted so far (each costs a handshake round trip, and TLS more). */
  connections(): number;
  close(): Promise<void>;
}

function delayed(from: Socket, to: Socket, delayMs: number): void {
  from.on('data', (chunk: Buffer) => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), delayMs));
}

export function startLatencyProxy(options: {
  listenHost: string;
  target: { host: string; port: number };
  delayMs: number;
  /** false: leave Nagle's algorithm on for the proxy's own sockets (the old behaviour, for diagnostics). */
  noDelay?: boolean;
}): Promise<LatencyProxy> {
  const noDelay = options.noDelay ?? true;
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted++;
    sockets.add(client);
    client.setNoDelay(noDelay);
    client.pause();
    // SYN there and SYN-ACK back: one round trip before the connection carries data.
    setTimeout(() => {
      const upstream = connect(options.target.port, options.target.host, () => client.resume());
      upstream.setNoDelay(noDelay);
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      delayed(client, upstream, options.delayMs);
      delayed(upstream, client, options.delayMs);
    }, 2 * options.delayMs);
    client.on('close', () => sockets.delete(client));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.listenHost, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        host: options.listenHost,
        port,
        connections: () => accepted,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
