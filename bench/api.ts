// `npm run bench:api [-- --duration 300 --connections 50]`: drives the probe service's cached
// path with autocannon on loopback and prints requests/s, p50/p99 latency and the server's
// resident memory before, during and after the run (it should stay flat).
//
// The service runs as its own process (server/main.ts) on a fresh SQLite data directory that is
// seeded with one cached assessment per domain, so no request leaves the machine.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openCacheDatabase } from '../server/backends/sqlite-backends.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: process.env.MAILSEAL_BENCH_SECONDS ?? '30' },
    connections: { type: 'string', default: '50' },
    domains: { type: 'string', default: '100' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const domainCount = Number(values.domains);
const root = resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

const rssOf = (pid: number) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
};

/** A cached answer the size of a real one: two MX, one address each, a two-certificate chain. */
function seedAssessment(domain: string, now: number) {
  const pem = `-----BEGIN CERTIFICATE-----\n${'M'.repeat(64).concat('\n').repeat(24)}-----END CERTIFICATE-----`;
  const chain = [1, 2].map((n) => ({
    subject: `CN=mx${n}.${domain}`,
    issuer: 'CN=Some CA',
    sha256: 'ab'.repeat(32),
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2026-12-31T00:00:00Z',
    pem,
  }));
  const mx = [1, 2].map((n) => ({
    host: `mx${n}.${domain}`,
    preference: n * 10,
    addresses: [
      {
        address: `192.0.43.${n}`,
        status: 'pass',
        starttls: {
          offered: true,
          negotiated: true,
          version: 'TLSv1.3',
          cipher: 'TLS_AES_256_GCM_SHA384',
          error: null,
        },
      },
    ],
    certificate: {
      pkixValid: true,
      hostnameMatch: 'mx',
      expired: false,
      selfSigned: false,
      daysToExpiry: 200,
      errors: [],
      chain,
    },
    dane: { tlsaPresent: false, applicable: false, usable: false, matched: null },
    mtaSts: { matchesPolicy: true, matchedPattern: `*.${domain}` },
    verdict: {
      dane: { outcome: 'unauthenticated-tls', reason: 'no TLSA' },
      mtaSts: { outcome: 'authenticated-tls', reason: 'policy matched' },
      opportunistic: { outcome: 'unauthenticated-tls', reason: 'TLS' },
    },
    findings: [],
  }));
  const result = {
    probe: {
      domain,
      mxStatus: 'ok',
      mx,
      mtaSts: { status: 'pass', mode: 'enforce', errors: [] },
      findings: [],
    },
    dns: {
      domain,
      spf: { status: 'pass', findings: [], records: [`v=spf1 mx -all`] },
      dmarc: { status: 'pass', findings: [], records: ['v=DMARC1; p=reject'] },
    },
    scores: null,
    resolver: 'https://bench.invalid/dns-query',
    problems: [],
    incomplete: false,
  };
  return JSON.stringify({ result, checkedAt: new Date(now).toISOString() });
}

const dataDir = mkdtempSync(join(tmpdir(), 'mailseal-bench-'));
const domains = Array.from({ length: domainCount }, (_, i) => `bench${i}.example.net`);
const db = openCacheDatabase(dataDir);
const insert = db.prepare('INSERT INTO cache (key, value, expires_at) VALUES (?, ?, ?)');
const now = Date.now();
for (const domain of domains)
  insert.run(`domain:${domain}`, seedAssessment(domain, now), now + 24 * 3600_000);
db.close();

const port = await freePort();
const server: ChildProcess = spawn(process.execPath, [resolve(root, 'server/main.ts')], {
  env: {
    ...process.env,
    MAILSEAL_PORT: String(port),
    MAILSEAL_DATA_DIR: dataDir,
    MAILSEAL_LOG_LEVEL: 'warn',
    // One client drives all the load: lift the per-client limit, which is not what is measured.
    MAILSEAL_RATE_LIMIT: '1000000000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) break;
  if (i > 200) throw new Error('the service did not start');
  await new Promise((r) => setTimeout(r, 100));
}
const pid = server.pid ?? 0;
const requests = domains.map((d) => ({ method: 'GET' as const, path: `/v1/domains/${d}` }));

// Warm-up, so "before" is the steady state and not the cold start.
await autocannon({ url, connections, duration: 5, requests });
const rssBefore = rssOf(pid);
/** The service's own heap figure from /metrics (MiB), to tell retention from allocator growth. */
async function gaugesOf(): Promise<{ heap: number; heapTotal: number; external: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const mib = (name: string) =>
    Number(new RegExp(`^${name} (\\d+(?:\\.\\d+)?)`, 'm').exec(text)?.[1] ?? 0) / 1024 / 1024;
  return {
    heap: mib('mailseal_process_heap_used_bytes'),
    heapTotal: mib('mailseal_process_heap_total_bytes'),
    external: mib('mailseal_process_external_memory_bytes'),
  };
}
const heapOf = async () => (await gaugesOf()).heap;
const heapBefore = await heapOf();
const samples: Array<{
  at: number;
  rss: number;
  heap: number;
  heapTotal: number;
  external: number;
}> = [];
const started = Date.now();
const sampler = setInterval(
  () => {
    const rss = rssOf(pid);
    void gaugesOf().then((g) => samples.push({ at: (Date.now() - started) / 1000, rss, ...g }));
  },
  Math.max(1000, (duration * 1000) / 20),
);
const result = await autocannon({ url, connections, duration, requests });
clearInterval(sampler);
const rssAfter = rssOf(pid);
const heapAfter = await heapOf();
server.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

const line = (label: string, value: string) =>
  process.stdout.write(`${label.padEnd(28)}${value}\n`);
process.stdout.write(
  `\nProbe service, cached path: GET /v1/domains/{domain} over ${domainCount} domains\n`,
);
line('duration', `${duration} s, ${connections} connections, loopback`);
line('requests', `${result.requests.total} (${result.non2xx} non-2xx, ${result.errors} errors)`);
line('requests/s (mean)', result.requests.average.toFixed(0));
line('latency p50 / p99', `${result.latency.p50} ms / ${result.latency.p99} ms`);
line('server RSS before / after', `${rssBefore.toFixed(1)} MiB / ${rssAfter.toFixed(1)} MiB`);
line('server RSS during', `${samples.map((s) => s.rss.toFixed(0)).join(' ')} MiB`);
line('server heap before / after', `${heapBefore.toFixed(1)} MiB / ${heapAfter.toFixed(1)} MiB`);
line('server heap during', `${samples.map((s) => s.heap.toFixed(0)).join(' ')} MiB`);
line('server heap reserved during', `${samples.map((s) => s.heapTotal.toFixed(0)).join(' ')} MiB`);
line('server external during', `${samples.map((s) => s.external.toFixed(0)).join(' ')} MiB`);
line('sampled at', `${samples.map((s) => s.at.toFixed(0)).join(' ')} s`);
