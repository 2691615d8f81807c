// A minimal client for Firefox's Marionette remote protocol (framing "<length>:<json>", commands
// [0, id, name, params], answers [1, id, error, result]), on loopback only. Used to open the
// session with acceptInsecureCerts, the one way a stock firefox-esr trusts a test certificate
// without a system policy or NSS tools, and to read the page the test drives.

import { connect, type Socket } from 'node:net';

export interface Marionette {
  command: <T>(name: string, params?: Record<string, unknown>) => Promise<T>;
  close: () => void;
}

function connectOnce(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Connects (retrying while Firefox starts) and reads the server's greeting. */
export async function connectMarionette(port: number, timeoutMs = 60_000): Promise<Marionette> {
  const deadline = Date.now() + timeoutMs;
  let socket: Socket | undefined;
  while (!socket) {
    try {
      socket = await connectOnce(port);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const live = socket;
  let buffer = Buffer.alloc(0);
  const waiting: ((packet: unknown) => void)[] = [];
  const packets: unknown[] = [];
  live.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const colon = buffer.indexOf(':');
      if (colon < 0) break;
      const length = Number(buffer.subarray(0, colon).toString());
      if (buffer.length < colon + 1 + length) break;
      const packet = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString());
      buffer = buffer.subarray(colon + 1 + length);
      const next = waiting.shift();
      if (next) next(packet);
      else packets.push(packet);
    }
  });
  const nextPacket = () =>
    new Promise<unknown>((resolve) => {
      const queued = packets.shift();
      if (queued !== undefined) resolve(queued);
      else waiting.push(resolve);
    });
  await nextPacket(); // {"applicationType":"gecko","marionetteProtocol":3}
  let id = 0;
  return {
    async command<T>(name: string, params: Record<string, unknown> = {}): Promise<T> {
      id += 1;
      const body = Buffer.from(JSON.stringify([0, id, name, params]));
      live.write(`${body.length}:`);
      live.write(body);
      const [, , error, result] = (await nextPacket()) as [number, number, unknown, T];
      if (error) throw new Error(`${name}: ${JSON.stringify(error)}`);
      return result;
    },
    close: () => live.destroy(),
  };
}
