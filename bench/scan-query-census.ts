// Which DoH questions a population scan asks, per domain: runs the real engine (as `mailseal
// scan --lab` does, one process, one DoH client) over the first N domains of a built population
// in the running lab, and counts the questions by type and name shape (the domain's own label
// folded to D). Shows where the DoH requests above the dependency minimum go.
//
//   node bench/scan-query-census.ts <population dir> [N]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dnsPacket from 'dns-packet';
import { parseAnchorText } from '../lib/dns/dnssec/trust-anchor.ts';
import { createDohClient, createValidatingClient } from '../lib/dns/index.ts';
import { createUndiciTransport } from '../lib/dns/node/undici-transport.ts';
import { createMemoryBackends } from '../server/backends/memory-backends.ts';
import { createAddressGuard } from '../server/core/address-policy.ts';
import { createAssessmentService } from '../server/core/assessment-service.ts';
import { createRealEngine } from '../server/engine/real-engine.ts';
import { readLabSettings } from '../server/lab-mode.ts';

const [dir = '', count = '200'] = process.argv.slice(2);
const domains = readFileSync(join(dir, 'domains.txt'), 'utf8')
  .trim()
  .split('\n')
  .slice(0, Number(count));
const lab = readLabSettings();
const undici = createUndiciTransport({ ca: lab.caCertPem });
const anchorOf = (text: string | undefined) => {
  const anchor = text ? parseAnchorText(text) : undefined;
  return anchor ? { anchor } : {};
};
const questions = new Map<string, number>();
const dns = createValidatingClient(
  createDohClient({
    resolvers: [lab.dohUrl],
    transport: async (req) => {
      const wire = new URL(req.url).searchParams.get('dns') ?? '';
      const packet = dnsPacket.decode(Buffer.from(wire, 'base64url'));
      const q = packet.questions?.[0];
      const shape = `${q?.type} ${(q?.name ?? '').replace(/^(.*\.)?d\d{6}\./, (_m, pre) => `${pre ?? ''}D.`)}`;
      questions.set(shape, (questions.get(shape) ?? 0) + 1);
      return undici.transport(req);
    },
  }),
  anchorOf(lab.trustAnchor),
);
const service = createAssessmentService({
  engine: createRealEngine({ dns, extraRoots: [lab.caCertPem] }),
  backends: createMemoryBackends(),
  guard: createAddressGuard({ lab: true }),
  lab: true,
  maxConcurrentProbes: 16,
  maxQueuedProbes: Number.MAX_SAFE_INTEGER,
});
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    for (let d = domains[next++]; d; d = domains[next++]) await service.assess(d);
  }),
);
const total = [...questions.values()].reduce((a, b) => a + b, 0);
console.log(
  `${domains.length} domains, ${total} DoH requests, ${(total / domains.length).toFixed(2)} per domain`,
);
for (const [shape, n] of [...questions].sort((a, b) => b[1] - a[1]).slice(0, 40))
  console.log(`${String(n).padStart(6)}  ${(n / domains.length).toFixed(2)}  ${shape}`);
await undici.close();
