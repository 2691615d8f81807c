// A DoH endpoint (RFC 8484 GET and POST on /dns-query) that answers 200
// application/dns-message with a broken message: the query's ID, a header that claims
// one question and three answers, and then the data stops short. Certificate: lab CA.
import { readFileSync } from 'node:fs';
import { createSecureServer } from 'node:http2';
import { log, serverArgs } from './args.ts';

const { address, port, cert, key } = serverArgs();

function malformedReply(query: Buffer): Buffer {
  const id = query.length >= 2 ? query.subarray(0, 2) : Buffer.from([0, 0]);
  // flags: response, recursion desired+available; counts: qd=1, an=3, ns=0, ar=0
  const header = Buffer.from([0x81, 0x80, 0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00]);
  return Buffer.concat([id, header, Buffer.from([0x07, 0x6d, 0x61, 0x6c])]); // label cut short
}

const server = createSecureServer(
  { cert: readFileSync(cert), key: readFileSync(key), allowHTTP1: true },
  (req, res) => {
    const url = new URL(req.url ?? '/', 'https://doh');
    if (url.pathname !== '/dns-query') return void res.writeHead(404).end();
    const send = (query: Buffer) =>
      res.writeHead(200, { 'content-type': 'application/dns-message' }).end(malformedReply(query));
    if (req.method === 'GET') {
      const dns = url.searchParams.get('dns') ?? '';
      return send(Buffer.from(dns, 'base64url'));
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => send(Buffer.concat(chunks)));
  },
);
server.listen(port, address, () => log(`malformed-doh on https://${address}:${port}/dns-query`));
