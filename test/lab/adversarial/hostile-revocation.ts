// A plain-HTTP OCSP responder / CRL distribution point that answers every path with a hostile
// answer (hostile-http-answers.ts): 404, 500, a redirect to the metadata address, 50 MB, a
// 1 byte/s trickle, a reset mid-body, bytes that are not DER. Certificates of the lab's
// `hostile-revocation` profile point here; no answer may crash or stall the probe.
import { createServer } from 'node:http';
import { log, serverArgs } from './args.ts';
import { answerHostile } from './hostile-http-answers.ts';

const { address, port } = serverArgs();
const server = createServer((req, res) => {
  log(`${req.method} ${req.url}`);
  answerHostile(req, res);
});
server.on('clientError', (_error, socket) => socket.destroy());
server.listen(port, address, () => log(`hostile-revocation on ${address}:${port}`));
