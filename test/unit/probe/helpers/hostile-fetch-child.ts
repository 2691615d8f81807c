// Run as its own Node process by revocation-fetch-process.test.ts: starts the hostile HTTP
// server, fetches every hostile answer through the real revocation fetcher and prints one JSON
// line of outcomes. No uncaughtException handler here on purpose: an unheard stream error ends
// this process with a non-zero code, exactly as it would end the service or the CLI.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRevocationFetcher } from '../../../../lib/probe/revocation-fetch.ts';
import { answerHostile, HOSTILE_ANSWERS } from '../../../lab/adversarial/hostile-http-answers.ts';
import { fakeDns } from './fake-dns.ts';

const server = createServer(answerHostile);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const fetcher = createRevocationFetcher({ dns: fakeDns({}), allowLoopback: true });
const outcomes: Record<string, string> = {};
const post = { contentType: 'application/ocsp-request', body: new Uint8Array([0x30, 0]) };
for (const answer of HOSTILE_ANSWERS) {
  for (const method of ['GET', 'POST'] as const) {
    try {
      const bytes = await fetcher.fetchBytes(`${base}/${answer}/${method}`, {
        timeoutMs: 1_500,
        maxBytes: 64 * 1024,
        ...(method === 'POST' ? { post } : {}),
      });
      outcomes[`${answer} ${method}`] = `ok ${bytes.byteLength}`;
    } catch (error) {
      outcomes[`${answer} ${method}`] = `refused: ${(error as Error).message}`;
    }
  }
}
await new Promise((resolve) => setTimeout(resolve, 300)); // late error events would fire here
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
await fetcher.close();
server.closeAllConnections();
server.close();
