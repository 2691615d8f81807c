// An SMTP server that sends its 220 banner one byte at a time, 100 ms apart (about 5 s),
// then answers EHLO/HELO/QUIT normally. Exercises clients' read loops and banner timeouts.
import { createServer } from 'node:net';
import { log, serverArgs } from './args.ts';
import { onCommands, verbOf } from './smtp-lines.ts';

const { address, port, hostname } = serverArgs();
const BYTE_DELAY_MS = 100;

createServer((socket) => {
  socket.on('error', () => socket.destroy());
  const banner = Buffer.from(`220 ${hostname} ESMTP slow banner\r\n`);
  let sent = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer);
    socket.write(banner.subarray(sent, sent + 1));
    if (++sent >= banner.length) clearInterval(timer);
  }, BYTE_DELAY_MS);
  socket.on('close', () => clearInterval(timer));
  onCommands(socket, (line) => {
    const verb = verbOf(line);
    if (verb === 'EHLO') socket.write(`250-${hostname}\r\n250 8BITMIME\r\n`);
    else if (verb === 'HELO') socket.write(`250 ${hostname}\r\n`);
    else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n');
    else socket.write('502 5.5.2 Not implemented\r\n');
  });
}).listen(port, address, () => log(`banner-byte-by-byte on ${address}:${port}`));
