// An SMTP server whose EHLO reply never ends: "250-" continuation lines for as long as the
// client reads (respecting back-pressure). Exercises reply-size limits in clients.
import { createServer } from 'node:net';
import { log, serverArgs } from './args.ts';
import { onCommands, verbOf } from './smtp-lines.ts';

const { address, port, hostname } = serverArgs();

createServer((socket) => {
  socket.on('error', () => socket.destroy());
  socket.write(`220 ${hostname} ESMTP\r\n`);
  let n = 0;
  const flood = () => {
    while (!socket.destroyed) {
      const line = `250-${hostname} continuation line ${n++} ${'x'.repeat(40)}\r\n`;
      if (!socket.write(line)) return void socket.once('drain', flood);
    }
  };
  onCommands(socket, (line) => {
    const verb = verbOf(line);
    if (verb === 'EHLO' || verb === 'HELO') flood();
    else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n');
  });
}).listen(port, address, () => log(`endless-continuation on ${address}:${port}`));
