// In-process servers on 127.0.0.1: nodemailer's smtp-server, and small misbehaving SMTP servers.

import net from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Running {
  port: number;
  /** Commands the server received, for the "never MAIL/RCPT/DATA" check. */
  commands: string[];
  close: () => Promise<void>;
}

export async function startSmtpServer(options: SMTPServerOptions): Promise<Running> {
  const commands: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    banner: 'test MTA',
    ...options,
    onConnect(_session, callback) {
      callback();
    },
  });
  // smtp-server has no per-command hook; record what arrives on the wire instead.
  server.server.on('connection', (socket: net.Socket) => {
    socket.on('data', (data: Buffer) => {
      const text = data.toString('latin1');
      if (/^[A-Z]{4}/.test(text)) commands.push(...text.split('\r\n').filter((l) => l !== ''));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return { port, commands, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A raw TCP server whose behaviour per connection is scripted by `handle`. */
export async function startRawServer(handle: (socket: net.Socket) => void): Promise<Running> {
  const sockets = new Set<net.Socket>();
  const commands: string[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (data) =>
      commands.push(
        ...data
          .toString('latin1')
          .split('\r\n')
          .filter((l) => l !== ''),
      ),
    );
    handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    commands,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Replies line by line to commands, with `script` deciding each reply. */
export function scripted(banner: string, script: (command: string, socket: net.Socket) => void) {
  return (socket: net.Socket) => {
    socket.write(banner);
    let buffer = '';
    socket.on('data', (data) => {
      buffer += data.toString('latin1');
      let index = buffer.indexOf('\r\n');
      while (index >= 0) {
        script(buffer.slice(0, index), socket);
        buffer = buffer.slice(index + 2);
        index = buffer.indexOf('\r\n');
      }
    });
  };
}
