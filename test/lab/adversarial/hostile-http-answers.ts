// The answers a hostile HTTP server gives, one per path: what an OCSP responder or CRL
// distribution point named in a stranger's certificate (or any other remote host MailSeal
// fetches from) can do to its client. Shared by the lab program hostile-revocation.ts and the
// in-process unit tests, so both attack with the same bytes.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const HOSTILE_ANSWERS = [
  'not-found', // 404 with a body
  'server-error', // 500 with a body
  'redirect-private', // 302 to the cloud metadata address: must not be followed
  'huge', // 200, 50 MB declared and sent
  'huge-chunked', // 200, 50 MB chunked, no length declared
  'trickle', // 200, one byte per second, forever
  'reset', // 200, a length of 4000 declared, a few bytes, then a TCP reset
  'garbage', // 200, bytes that are not DER
] as const;
export type HostileAnswer = (typeof HOSTILE_ANSWERS)[number];

const HUGE_BYTES = 50 * 1024 * 1024;
const BLOCK = Buffer.alloc(64 * 1024, 0x41);

function pump(res: ServerResponse, total: number): void {
  let sent = 0;
  const more = () => {
    while (sent < total && !res.destroyed) {
      const size = Math.min(BLOCK.length, total - sent);
      sent += size;
      if (!res.write(BLOCK.subarray(0, size))) return void res.once('drain', more);
    }
    res.end();
  };
  more();
}

function trickle(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/ocsp-response' });
  const timer = setInterval(() => res.write(Buffer.from([0x30])), 1000);
  res.write(Buffer.from([0x30]));
  const stop = () => clearInterval(timer);
  req.socket.once('close', stop);
  res.once('close', stop);
}

/** Which answer a path asks for: the first path segment, e.g. /huge/ocsp or /reset/ca.crl. */
export function answerFor(url: string | undefined): HostileAnswer | null {
  const first = (url ?? '').split('/')[1] ?? '';
  return (HOSTILE_ANSWERS as readonly string[]).includes(first) ? (first as HostileAnswer) : null;
}

/** Answers by path (see answerFor); unknown paths get a plain 404. */
export function answerHostile(req: IncomingMessage, res: ServerResponse): void {
  answerWith(answerFor(req.url), req, res);
}

export function answerWith(
  answer: HostileAnswer | null,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  res.on('error', () => res.destroy()); // a client that hangs up is expected here
  req.resume(); // OCSP requests are POSTs: read and drop the body
  switch (answer) {
    case 'not-found':
      return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
    case 'server-error':
      return void res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    case 'redirect-private':
      return void res
        .writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' })
        .end();
    case 'huge':
      res.writeHead(200, {
        'content-type': 'application/pkix-crl',
        'content-length': String(HUGE_BYTES),
      });
      pump(res, HUGE_BYTES);
      return;
    case 'huge-chunked':
      res.writeHead(200, { 'content-type': 'application/pkix-crl' });
      pump(res, HUGE_BYTES);
      return;
    case 'trickle':
      trickle(req, res);
      return;
    case 'reset':
      res.writeHead(200, { 'content-type': 'application/pkix-crl', 'content-length': '4000' });
      res.write(Buffer.from([0x30, 0x82, 0x01]));
      // A TCP RST over plain TCP; over TLS the handle cannot reset, so an abrupt close (no
      // close_notify) stands in for it.
      setTimeout(() => {
        if ('encrypted' in req.socket) req.socket.destroy();
        else req.socket.resetAndDestroy();
      }, 50);
      return;
    case 'garbage':
      return void res
        .writeHead(200, { 'content-type': 'application/ocsp-response' })
        .end(Buffer.from('this is not DER at all, just text pretending to be a response'));
    default:
      return void res.writeHead(404).end();
  }
}
