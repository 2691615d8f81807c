// An MTA-STS policy host that serves a 10 MB /.well-known/mta-sts.txt: a valid-looking
// policy followed by padding lines, streamed. Exercises clients' size limits (RFC 8461: 64 KB).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { log, serverArgs } from './args.ts';

const { address, port, hostname, cert, key } = serverArgs();
const TOTAL_BYTES = 10 * 1024 * 1024;
const domain = hostname.replace(/^mta-sts\./, '');
const head = `version: STSv1\r\nmode: enforce\r\nmx: mx1.${domain}\r\nmax_age: 86400\r\n`;
const line = `x-padding: ${'y'.repeat(117)}\r\n`; // 128 bytes
const block = line.repeat(512); // 64 KiB per write

createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
  if (req.url !== '/.well-known/mta-sts.txt') return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(TOTAL_BYTES) });
  res.write(head);
  let sent = head.length;
  const pump = () => {
    while (sent < TOTAL_BYTES) {
      const chunk = block.slice(0, Math.min(block.length, TOTAL_BYTES - sent));
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('error', () => res.destroy());
  pump();
}).listen(port, address, () => log(`huge-policy for ${hostname} on ${address}:${port}`));
