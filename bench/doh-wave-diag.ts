// Diagnostic: why does a wave of DoH questions on one warm HTTP/2 connection cost more than one
// question? Asks the lab's DoH resolver directly and through the latency proxy, one question and
// the first round's questions at once, and prints when each answer arrived.
// Run with the lab up: npx node bench/doh-wave-diag.ts

import { connect } from 'node:http2';
import * as packet from 'dns-packet';
import { readLabInfo } from '../test/lab/lab-info.ts';
import { FIRST_ROUND } from './first-round-questions.ts';
import { startLatencyProxy } from './latency-proxy.ts';

const lab = readLabInfo();
if (!lab) throw new Error('lab not running');
const target = new URL(lab.dohUrl);

function path(q: { name: string; type: string }, id: number): string {
  const wire = packet.encode({
    type: 'query',
    id,
    flags: packet.RECURSION_DESIRED | packet.CHECKING_DISABLED,
    questions: [{ type: q.type as never, name: q.name }],
    additionals: [
      { type: 'OPT', name: '.', udpPayloadSize: 4096, flags: packet.DNSSEC_OK } as never,
    ],
  });
  return `${target.pathname}?dns=${wire.toString('base64url')}`;
}

async function session(port: number) {
  const client = connect(`https://${target.hostname}:${port}`, { rejectUnauthorized: false });
  await new Promise<void>((resolve, reject) => {
    client.once('remoteSettings', () => resolve());
    client.once('error', reject);
  });
  return client;
}

function ask(
  client: ReturnType<typeof connect>,
  q: { name: string; type: string },
  t0: number,
): Promise<{ q: string; headersAt: number; endAt: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = client.request({
      ':path': path(q, 0),
      accept: 'application/dns-message',
    });
    let headersAt = 0;
    let bytes = 0;
    req.on('response', () => {
      headersAt = performance.now() - t0;
    });
    req.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    req.on('end', () =>
      resolve({ q: `${q.type} ${q.name}`, headersAt, endAt: performance.now() - t0, bytes }),
    );
    req.on('error', reject);
    req.end();
  });
}

async function measure(label: string, port: number, rounds = 5): Promise<void> {
  const ones: number[] = [];
  const waves: number[] = [];
  let detail: Awaited<ReturnType<typeof ask>>[] = [];
  for (let i = 0; i < rounds; i++) {
    const client = await session(port);
    try {
      await ask(client, { name: 'lab', type: 'SOA' }, performance.now());
      let t0 = performance.now();
      await ask(client, { name: 'allgood.lab', type: 'MX' }, t0);
      ones.push(performance.now() - t0);
      t0 = performance.now();
      detail = await Promise.all(FIRST_ROUND.map((q) => ask(client, q, t0)));
      waves.push(performance.now() - t0);
    } finally {
      client.close();
    }
  }
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
  process.stdout.write(
    `${label}: one ${med(ones).toFixed(1)} ms, wave of ${FIRST_ROUND.length} ${med(waves).toFixed(1)} ms (median of ${rounds}); last wave total bytes ${detail.reduce((s, d) => s + d.bytes, 0)}\n`,
  );
  if (process.env.DIAG_DETAIL)
    for (const d of detail.sort((a, b) => a.endAt - b.endAt))
      process.stdout.write(
        `   ${d.headersAt.toFixed(1).padStart(7)} ${d.endAt.toFixed(1).padStart(7)} ${String(d.bytes).padStart(6)} ${d.q}\n`,
      );
}

await measure('direct', Number(target.port || 443));
const proxy = await startLatencyProxy({
  listenHost: target.hostname,
  target: { host: target.hostname, port: Number(target.port || 443) },
  delayMs: 30,
});
await measure('proxy 30 ms each way (TCP_NODELAY)', proxy.port);
await proxy.close();
const nagle = await startLatencyProxy({
  listenHost: target.hostname,
  target: { host: target.hostname, port: Number(target.port || 443) },
  delayMs: 30,
  noDelay: false,
});
await measure('proxy 30 ms each way (Nagle on, as before)', nagle.port);
await nagle.close();
