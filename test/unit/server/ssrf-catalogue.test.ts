// The SSRF catalogue of issue 7: MX and MTA-STS policy host pointing at internal addresses are
// refused outside lab mode, through the whole service with the real engine, and no connection
// is attempted. Loopback listeners on the probe's ports prove nothing reached them; the lab-mode
// control shows the same setup does connect when allowed.

import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DnsClient } from '../../../lib/dns/types.ts';
import { nodeTransport, type ProbeTransport } from '../../../lib/probe/transport.ts';
import { buildServer } from '../../../server/app.ts';
import { createMemoryBackends } from '../../../server/backends/memory-backends.ts';
import { createAddressGuard } from '../../../server/core/address-policy.ts';
import { createAssessmentService } from '../../../server/core/assessment-service.ts';
import { createRealEngine } from '../../../server/engine/real-engine.ts';
import { createTableDns, type DnsTable } from './support/fake-dns.ts';

const CATALOGUE = [
  '127.0.0.1',
  '10.0.0.1',
  '169.254.169.254',
  '::1',
  '::ffff:127.0.0.1',
  'fc00::1',
  '100.64.0.1',
];

const domainFor = (i: number) => `t${i}.victim-corp.net`;

function world(): DnsTable {
  const table: DnsTable = {};
  CATALOGUE.forEach((address, i) => {
    const domain = domainFor(i);
    const family = address.includes(':') ? 'AAAA' : 'A';
    table[domain] = { MX: [{ preference: 10, exchange: `mx.${domain}` }] };
    table[`mx.${domain}`] = { [family]: [address] };
    table[`_mta-sts.${domain}`] = { TXT: ['v=STSv1; id=20250101T000000;'] };
    table[`mta-sts.${domain}`] = { [family]: [address] };
  });
  return table;
}

let port = 0;
let accepted = 0;
const listeners: Server[] = [];
const attempts: string[] = [];
const countingTransport: ProbeTransport = {
  connect(address, p, timeoutMs) {
    attempts.push(address);
    return nodeTransport.connect(address, p, timeoutMs);
  },
  startTls: nodeTransport.startTls,
};

beforeAll(async () => {
  const first = createServer((socket) => {
    accepted++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
  port = (first.address() as { port: number }).port;
  const second = createServer((socket) => {
    accepted++;
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) =>
    second.once('error', reject).listen(port, '::1', resolve),
  );
  listeners.push(first, second);
});
afterAll(async () => {
  for (const server of listeners) await new Promise((resolve) => server.close(resolve));
});

function app(lab: boolean, dns: DnsClient) {
  const backends = createMemoryBackends();
  const engine = createRealEngine({
    dns,
    transport: countingTransport,
    smtpPort: port,
    httpsPort: port,
    probeLimits: { connectTimeoutMs: 1500, replyTimeoutMs: 1500, hostBudgetMs: 4000 },
  });
  const service = createAssessmentService({
    engine,
    backends,
    guard: createAddressGuard({ lab }),
    lab,
  });
  return buildServer({
    service,
    backends,
    lab,
    rateLimits: { requests: 1000, probes: 1000, windowMs: 60_000 },
  });
}

describe('SSRF catalogue outside lab mode', () => {
  it.each(CATALOGUE.map((address, i) => [address, i] as const))(
    'refuses MX and policy host at %s without connecting',
    async (address, i) => {
      accepted = 0;
      attempts.length = 0;
      const server = app(false, createTableDns(world()));
      const response = await server.inject({ method: 'GET', url: `/v1/domains/${domainFor(i)}` });
      await server.close();
      expect(response.statusCode).toBe(200);
      const probe = response.json().probe;
      const probed = probe.mx[0].addresses[0];
      expect(probed.address).toBe(address);
      expect(probed.cutOff.reason).toBe('address-not-public');
      expect(probed.status).not.toBe('fail'); // could not test is never "insecure"
      const fetchErrors = probe.mtaSts.errors.filter(
        (e: { category: string }) => e.category === 'policy-fetch',
      );
      expect(fetchErrors.map((e: { message: string }) => e.message).join(' ')).toMatch(
        /non-public/,
      );
      expect(attempts).toEqual([]);
      expect(accepted).toBe(0);
    },
  );
});

describe('lab mode (control)', () => {
  it('does connect to a loopback MX, so the listeners above would have seen an attempt', async () => {
    accepted = 0;
    attempts.length = 0;
    const server = app(true, createTableDns(world()));
    const response = await server.inject({ method: 'GET', url: `/v1/domains/${domainFor(0)}` });
    await server.close();
    expect(response.statusCode).toBe(200);
    expect(attempts).toContain('127.0.0.1');
    expect(accepted).toBeGreaterThan(0);
  });
});
