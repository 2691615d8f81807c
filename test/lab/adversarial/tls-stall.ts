// An SMTP server that offers STARTTLS, says "220 Ready to start TLS", reads the ClientHello
// and never answers it. Exercises handshake timeouts. Sockets are dropped after 10 minutes.
import { createServer } from 'node:net';
import { log, serverArgs } from './args.ts';
import { onCommands, verbOf } from './smtp-lines.ts';

const { address, port, hostname } = serverArgs();

createServer((socket) => {
  socket.on('error', () => socket.destroy());
  socket.setTimeout(600_000, () => socket.destroy());
  socket.write(`220 ${hostname} ESMTP\r\n`);
  let stalled = false;
  onCommands(socket, (line) => {
    if (stalled) return;
    const verb = verbOf(line);
    if (verb === 'EHLO') socket.write(`250-${hostname}\r\n250-STARTTLS\r\n250 8BITMIME\r\n`);
    else if (verb === 'HELO') socket.write(`250 ${hostname}\r\n`);
    else if (verb === 'STARTTLS') {
      stalled = true; // from here on the client's handshake bytes are read and ignored
      socket.write('220 2.0.0 Ready to start TLS\r\n');
    } else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n');
    else socket.write('502 5.5.2 Not implemented\r\n');
  });
}).listen(port, address, () => log(`tls-stall on ${address}:${port}`));
