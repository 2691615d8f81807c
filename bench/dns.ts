// `npm run bench:dns`: how many sequential round trips a cold assessDomainDns needs, next to
// the dependency-bound minimum (MX → per-MX A/AAAA/TLSA; everything else in parallel), and
// whether the wall time with a fixed per-request delay stays within 1.2 × minimum × delay.
// The DoH endpoint is in-process (test/fixtures/dns/fake-doh.ts) so only the delay is timed.
import { assessDomainDns } from '../lib/checks/domain-dns-posture.ts';
import { createDohClient } from '../lib/dns/index.ts';
import { createFakeDoh } from '../test/fixtures/dns/fake-doh.ts';
import { wellConfiguredDomain } from '../test/fixtures/dns/posture-domain.ts';
import { countRounds } from '../test/fixtures/dns/round-counter.ts';
import { benchDnssec } from './dnssec.ts';

const RESOLVER = 'https://bench.invalid/dns-query';
/** MX first, then everything that needs the MX host names. Nothing else depends on an answer. */
const MIN_ROUND_TRIPS = 2;
const DELAYS_MS = [20, 50, 100];
const RUNS = 7;

const zone = wellConfiguredDomain('bench.test');

async function roundsOnCriticalPath(): Promise<{
  rounds: number;
  perRound: number[];
  queries: number;
}> {
  const fake = createFakeDoh(zone);
  const counter = countRounds(fake.transport);
  await assessDomainDns('bench.test', {
    dns: createDohClient({ resolvers: [RESOLVER], transport: counter.transport }),
  });
  return { rounds: counter.rounds(), perRound: counter.sizes(), queries: fake.queries.length };
}

async function coldWall(delayMs: number): Promise<{ wall: number; peak: number }> {
  const fake = createFakeDoh({ ...zone, delayMs });
  const dns = createDohClient({ resolvers: [RESOLVER], transport: fake.transport });
  const started = performance.now();
  await assessDomainDns('bench.test', { dns });
  return { wall: performance.now() - started, peak: fake.maxConcurrent() };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const depth = await roundsOnCriticalPath();
const out: string[] = [];
out.push(
  `cold assessDomainDns: ${depth.queries} queries in ${depth.rounds} sequential round trips (${depth.perRound.join(' + ')}); dependency-bound minimum ${MIN_ROUND_TRIPS}`,
);
let ok = depth.rounds === MIN_ROUND_TRIPS;
out.push(
  '| delay per request | median wall (of 7 cold runs) | wall / delay | target 1.2 × min × delay | peak parallel requests | within target |',
);
out.push('|---|---|---|---|---|---|');
for (const delay of DELAYS_MS) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldWall(delay));
  const wall = median(runs.map((r) => r.wall));
  const target = 1.2 * MIN_ROUND_TRIPS * delay;
  const within = wall <= target;
  ok &&= within;
  out.push(
    `| ${delay} ms | ${wall.toFixed(1)} ms | ${(wall / delay).toFixed(2)} | ${target.toFixed(0)} ms | ${Math.max(...runs.map((r) => r.peak))} | ${within ? 'yes' : 'NO'} |`,
  );
}
const dnssec = await benchDnssec();
out.push(...dnssec.lines);
ok &&= dnssec.ok;
process.stdout.write(`${out.join('\n')}\n`);
process.exitCode = ok ? 0 : 1;
