// npm run bench:scan — `mailseal scan` over the synthetic population (test/lab/population) in
// the running lab: local, distributed on 1/2/4 worker processes on one redis-server, and killed
// and resumed (SIGKILL of a worker and of the coordinator). Each run's summary must equal the
// ground truth, count for count; the resumed run must hold every domain once, no torn line.
// Reports domains/s, peak RSS (coordinator / local scan, by `/usr/bin/time`), MX host probes
// against unique MX addresses, DoH requests per domain against the dependency minimum, and the
// DNS-only part beside checkdmarc (bench/scan-peer-run.ts) with the ratio, or why it could not run.
//
//   npm run bench:scan -- [--size 100000] [--rss-sizes 10000,50000,100000] [--workers 1,2,4]
//     [--skip local,resume,peer] [--checkdmarc "<command>"] [--peer-count 300]
//   (the population is cached in /tmp/mailseal-population-<size>; lab running; without
//   --checkdmarc: MAILSEAL_CHECKDMARC, else ../shared/checkdmarc-run/checkdmarc.sh, else
//   `pip install checkdmarc` into a venv under node_modules/.cache)

import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { summarizeScan } from '../lib/scan/adoption-summary.ts';
import { startRedis } from '../test/integration/server-support/redis-server.ts';
import { requireLab } from '../test/lab/lab-info.ts';
import {
  type BuiltPopulation,
  buildPopulation,
  DEFAULT_SEED,
} from '../test/lab/population/build.ts';
import { drawPopulation } from '../test/lab/population/domains.ts';
import { truthOf } from '../test/lab/population/ground-truth.ts';
import { loadPopulation } from '../test/lab/population/lab-population.ts';
import {
  type CpuByRole,
  cpuBetween,
  cpuRows,
  cpuSnapshot,
  type KnownPids,
  nameBottleneck,
  type ThreadCpu,
  threadRows,
  threadSnapshot,
  threadsBetween,
} from './scan-cpu.ts';
import { describeDiffs, perDomainDiff } from './scan-domain-diff.ts';
import { comparePeer, findOrInstallCheckdmarc } from './scan-peer-run.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    'rss-sizes': { type: 'string', default: '10000,50000,100000' },
    workers: { type: 'string', default: '1,2,4' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    /** Skip runs: e.g. `--skip local,resume` (names: local, resume, peer). */
    skip: { type: 'string', default: '' },
    /** The checkdmarc command; empty: MAILSEAL_CHECKDMARC, else the runner beside the clone. */
    checkdmarc: { type: 'string', default: '' },
    /** How many population domains the DNS-only comparison with checkdmarc runs on. */
    'peer-count': { type: 'string', default: '300' },
    bin: { type: 'string', default: '' },
    /** Each worker's -c (the same in every distributed run; 16 unless a diagnostic asks). */
    'worker-concurrency': { type: 'string', default: '16' },
    /** Keep every run's results file and summary in this directory (the work dir is removed). */
    'keep-results': { type: 'string', default: '' },
  },
});
const CONCURRENCY = values['worker-concurrency'];
const SKIP = new Set(values.skip.split(',').filter((s) => s !== ''));
const SIZE = Number(values.size);
const SEED = Number(values.seed);
/** `--bin <checkout>/cli/bin/mailseal.js`: run another version's CLI (before/after in one hold). */
const bin = values.bin || resolve(import.meta.dirname, '../cli/bin/mailseal.js');
const lab = requireLab();
const work = mkdtempSync(join(tmpdir(), 'mailseal-bench-scan-'));
const report: string[] = [];
const say = (line: string) => {
  report.push(line);
  console.log(line);
};

interface Run {
  code: number | null;
  seconds: number;
  stderr: string;
  peakRssKb: number;
  /** User + system CPU seconds of the scan process (not of its workers). */
  cpuSeconds: number;
}

/** BENCH_PROFILE=<dir>: every scan process (workers, coordinator) writes a V8 CPU profile there. */
const profileFlags = () =>
  process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];

/** Runs the CLI under /usr/bin/time; resolves with its exit, wall time and peak RSS. */
function runCli(args: string[], env: NodeJS.ProcessEnv, onSpawn?: (kill: () => void) => void) {
  return new Promise<Run>((done) => {
    const started = performance.now();
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'PEAK_RSS_KB %M CPU_S %U %S', process.execPath, ...profileFlags(), bin, ...args],
      {
        env: { ...env, NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    onSpawn?.(() => {
      // /usr/bin/time's child is the scan: kill it, not time.
      const pid = execFileSync('pgrep', ['-P', String(child.pid)])
        .toString()
        .trim();
      if (pid) process.kill(Number(pid), 'SIGKILL');
    });
    child.once('exit', (code) => {
      const rss = /PEAK_RSS_KB (\d+)/.exec(stderr);
      const cpu = /CPU_S ([\d.]+) ([\d.]+)/.exec(stderr);
      done({
        code,
        seconds: (performance.now() - started) / 1000,
        stderr,
        peakRssKb: Number(rss?.[1] ?? 0),
        cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : 0,
      });
    });
  });
}

const envFor = (name: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, MAILSEAL_DATA_DIR: join(work, `data-${name}`) };
  delete env.REDIS_URL;
  return env;
};

/** `path: scan vs truth` for each count that differs. */
function truthDiff(got: unknown, want: unknown, path = ''): string {
  if (typeof got === 'object' && got && typeof want === 'object' && want) {
    const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
    return [...keys]
      .map((k) =>
        truthDiff(
          (got as Record<string, unknown>)[k],
          (want as Record<string, unknown>)[k],
          `${path}${k}.`,
        ),
      )
      .filter((line) => line !== '')
      .join('\n');
  }
  return got === want ? '' : `  ${path.slice(0, -1)}: scan ${String(got)}, truth ${String(want)}`;
}

/** Where the results and logs of a run that differs from the truth are kept for study. */
const KEPT = join(tmpdir(), 'mailseal-bench-scan-kept');

/** Keeps a differing run's results, per-domain diff and process logs; returns the folder. */
function keepMismatch(
  name: string,
  population: { size: number; seed: number },
  resultsPath: string,
  lines: Array<{ input: string }>,
  logs: Record<string, string>,
): string {
  const dir = join(KEPT, `${name}-${new Date().toISOString().replaceAll(':', '')}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(resultsPath, join(dir, 'results.jsonl'));
  const diffs = perDomainDiff(lines, population.size, population.seed);
  writeFileSync(join(dir, 'domain-diff.json'), `${JSON.stringify(diffs, null, 1)}\n`);
  for (const [logName, text] of Object.entries(logs))
    writeFileSync(join(dir, `${logName}.log`), text);
  console.error(`${diffs.length} domains differ:\n${describeDiffs(diffs)}\nkept in ${dir}`);
  return dir;
}

const summaryPathOf = (results: string) => results.replace(/\.jsonl$/, '.summary.json');
const jsonFor = (results: string) => ['--json', summaryPathOf(results)];

function checkResults(
  name: string,
  population: BuiltPopulation,
  path: string,
  domains: string[],
  logs: Record<string, string> = {},
) {
  const text = readFileSync(path, 'utf8');
  const lines = text
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as { input: string });
  const inputs = lines.map((l) => l.input).sort();
  const truth = JSON.parse(readFileSync(population.truth, 'utf8'));
  const got = truthOf(summarizeScan(lines));
  // The scan's own summary (counted from the lines' facts records, never their assessments)
  // must equal the truth too, as must the summary of the whole lines read here.
  const own = truthOf(JSON.parse(readFileSync(summaryPathOf(path), 'utf8')));
  if (!isDeepStrictEqual(own, got))
    console.error(`${path}: the scan's own summary differs:\n${truthDiff(own, got)}`);
  const truthEqual = isDeepStrictEqual(got, truth) && isDeepStrictEqual(own, truth);
  const complete = text.endsWith('\n') && isDeepStrictEqual(inputs, [...domains].sort());
  let kept: string | null = null;
  if (!truthEqual || !complete) {
    console.error(`${path}: differs from the truth:\n${truthDiff(got, truth)}`);
    kept = keepMismatch(name, population, path, lines, logs);
  }
  return { complete, truthEqual, got, kept };
}

const costOf = (stderr: string) => {
  const numbers = [
    ...stderr.matchAll(
      /(\d+) MX host probes, (\d+) MX host answers from the cache, (\d+) DoH requests.*?(?:, ([\d.]+) s CPU)?$/gm,
    ),
  ];
  return numbers.reduce(
    (sum, m) => ({
      probes: sum.probes + Number(m[1]),
      cached: sum.cached + Number(m[2]),
      doh: sum.doh + Number(m[3]),
      cpu: sum.cpu + Number(m[4] ?? 0),
    }),
    { probes: 0, cached: 0, doh: 0, cpu: 0 },
  );
};

/**
 * DoH questions a domain cannot do without, plus the shared ones once (hosts, zones): `table`
 * for the adoption table alone (MX, SPF TXT, _dmarc, _smtp._tls, _mta-sts; mta-sts A + AAAA with
 * a record), `engine` for the whole posture the engine reports (also the domain's DNSKEY for
 * MECSA's DNSSEC question, _domainkey for the DKIM estimate, default._bimi for BIMI).
 */
function dependencyMinimum(size: number) {
  let table = 0;
  const hosts = new Set<string>();
  for (const d of drawPopulation(size, SEED)) {
    table += 5 + (d.mtaSts ? 2 : 0);
    hosts.add(d.mx.host);
  }
  // Per MX host: A, AAAA, TLSA; per zone (lab, pops, popu, providers): DNSKEY and DS; per parent
  // (the organisational domain): _dmarc and default._bimi.
  const shared = hosts.size * 3 + 2 * (3 + 6) + 2 * 2;
  return {
    table: (table + shared) / size,
    engine: (table + 3 * size + shared) / size,
    uniqueMxAddresses: hosts.size,
  };
}

interface WorkerProcess {
  pid: number;
  stop(): Promise<string>;
  kill(): void;
}

function startWorker(queue: string, env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const args = [...profileFlags(), bin, 'worker', '--queue', queue, '--lab', '-c', CONCURRENCY];
  const child = spawn(process.execPath, args, {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((ready) => {
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (stderr.includes('taking scan jobs'))
        ready({
          pid: child.pid ?? 0,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done(stderr));
              child.kill('SIGTERM');
            }),
          kill: () => child.kill('SIGKILL'),
        });
    });
  });
}

let redisPort = '';
/** The bench's redis-server, found by its port (other sessions may run their own). */
function redisPids(): KnownPids {
  const known: KnownPids = new Map();
  for (const [pid, p] of cpuSnapshot().procs)
    if (p.comm === 'redis-server' && p.cmdline.includes(`:${redisPort}`)) known.set(pid, 'Redis');
  return known;
}

const flush = (url: string) => {
  execFileSync('redis-cli', ['-u', url, 'FLUSHALL']);
  execFileSync('redis-cli', ['-u', url, 'CONFIG', 'RESETSTAT']);
};

interface RedisCommandStat {
  command: string;
  calls: number;
  usec: number;
}

/** Redis's own count and time per command since the last flush (`INFO commandstats`). */
function redisCommandStats(url: string): RedisCommandStat[] {
  const text = execFileSync('redis-cli', ['-u', url, 'INFO', 'commandstats']).toString();
  return [...text.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)]
    .map((m) => ({ command: m[1] ?? '', calls: Number(m[2]), usec: Number(m[3]) }))
    .sort((a, b) => b.usec - a.usec);
}

async function localRun(population: BuiltPopulation, name: string) {
  const out = join(work, `${name}.jsonl`);
  const domains = readFileSync(population.domains, 'utf8').trim().split('\n');
  const before = cpuSnapshot();
  const run = await runCli(
    [
      'scan',
      population.domains,
      '--lab',
      '--out',
      out,
      '--no-progress',
      '-c',
      '32',
      ...jsonFor(out),
    ],
    envFor(name),
  );
  const cpu = cpuBetween(before, cpuSnapshot(), redisPids(), { 'local scan': run.cpuSeconds });
  const check = checkResults(name, population, out, domains, { scan: run.stderr });
  return { run, check, domains, cpu, cost: { ...costOf(run.stderr), cpu: run.cpuSeconds } };
}

async function distributedRun(
  population: BuiltPopulation,
  queue: string,
  workers: number,
  name: string,
) {
  flush(queue);
  const env = envFor(name);
  const started = await Promise.all(Array.from({ length: workers }, () => startWorker(queue, env)));
  const out = join(work, `${name}.jsonl`);
  const domains = readFileSync(population.domains, 'utf8').trim().split('\n');
  const known: KnownPids = new Map([
    ...redisPids(),
    ...started.map((w) => [w.pid, 'scan workers'] as const),
  ]);
  const workerPids = started.map((w) => w.pid);
  const threadsBefore = threadSnapshot(workerPids);
  const before = cpuSnapshot();
  const run = await runCli(
    [
      'scan',
      population.domains,
      '--queue',
      queue,
      '--lab',
      '--out',
      out,
      '--no-progress',
      ...jsonFor(out),
    ],
    env,
  );
  // Workers are still up (idle): their counters are read before they stop.
  const cpu = cpuBetween(before, cpuSnapshot(), known, { coordinator: run.cpuSeconds });
  const threads = threadsBetween(threadsBefore, threadSnapshot(workerPids), cpu.seconds);
  const redisCommands = redisCommandStats(queue);
  const workerLogs = await Promise.all(started.map((w) => w.stop()));
  const logs = Object.fromEntries([
    ['coordinator', run.stderr],
    ...workerLogs.map((log, i) => [`worker-${i + 1}`, log]),
  ]);
  return {
    run,
    cpu,
    threads,
    redisCommands,
    check: checkResults(name, population, out, domains, logs),
    cost: costOf(workerLogs.join('')),
  };
}

async function killAndResume(population: BuiltPopulation, queue: string) {
  flush(queue);
  const env = envFor('resume');
  const workers = [await startWorker(queue, env), await startWorker(queue, env)];
  const out = join(work, 'resume.jsonl');
  const domains = readFileSync(population.domains, 'utf8').trim().split('\n');
  const args = [
    'scan',
    population.domains,
    '--queue',
    queue,
    '--lab',
    '--out',
    out,
    '--no-progress',
    ...jsonFor(out),
  ];
  const count = () => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').length - 1 : 0);
  await runCli(args, env, (kill) => {
    const timer = setInterval(() => {
      if (count() < domains.length * 0.3) return;
      clearInterval(timer);
      workers[0]?.kill();
      kill();
    }, 50);
  });
  const doneBefore = count();
  workers.push(await startWorker(queue, env));
  const resumed = await runCli(args, env);
  await Promise.all(workers.slice(1).map((w) => w.stop()));
  return {
    doneBefore,
    resumed,
    check: checkResults('resume', population, out, domains, { resumed: resumed.stderr }),
  };
}

const mb = (kb: number) => (kb / 1024).toFixed(0);
const verdict = (c: { complete: boolean; truthEqual: boolean; kept: string | null }) =>
  c.complete && c.truthEqual
    ? 'equal'
    : `DIFFERENT (complete ${c.complete}, truth ${c.truthEqual}; kept in ${c.kept})`;

interface CpuRun {
  name: string;
  cpu: CpuByRole;
  load: string;
  threads?: ThreadCpu;
  redisCommands?: RedisCommandStat[];
}

/** The workers' CPU by thread, and Redis's commands, per domain. */
function reportWorkerDetail(threads: ThreadCpu, redisCommands: RedisCommandStat[]): void {
  say('');
  say(
    `Workers by thread (busiest worker's main thread: ${threads.busiestMain.toFixed(2)} of a core):`,
  );
  say('');
  say('| thread | CPU s | CPU ms/domain |');
  say('| --- | ---: | ---: |');
  for (const row of threadRows(threads, SIZE)) say(row);
  say('');
  say('Redis commands (INFO commandstats, top 8 by time):');
  say('');
  say('| command | calls/domain | µs/domain |');
  say('| --- | ---: | ---: |');
  for (const c of redisCommands.slice(0, 8))
    say(`| ${c.command} | ${(c.calls / SIZE).toFixed(2)} | ${(c.usec / SIZE).toFixed(1)} |`);
}

interface DistributedFigures {
  workers: number;
  rate: number;
  cpu: CpuByRole;
  threads: ThreadCpu;
}

/**
 * For each 2-worker run after a 1-worker run: the most 2 workers can do on this machine's cores,
 * whatever the scheduling, is cores ÷ (CPU the scan and the lab spend per domain at 2 workers);
 * divided by the 1-worker rate, that is the ratio's ceiling here. Also what 1.8× would need.
 */
function reportRatioCeiling(runs: DistributedFigures[]): void {
  for (const [i, two] of runs.entries()) {
    const one = runs[i - 1];
    if (two.workers !== 2 || one?.workers !== 1) continue;
    const perDomain = (cpu: CpuByRole) =>
      (1000 * [...cpu.roles.values()].reduce((a, b) => a + b, 0)) / SIZE;
    const t2 = perDomain(two.cpu);
    const ceiling = (two.cpu.cores * 1000) / t2;
    const main1 = (1000 * (one.threads.byName.get('main thread') ?? 0)) / SIZE;
    const needed = (two.cpu.cores * 1000) / (1.8 * one.rate);
    say('');
    say(
      `Ratio ceiling (runs ${i} and ${i + 1}): 1 worker ${one.rate.toFixed(1)} domains/s, its main thread ${main1.toFixed(2)} ms/domain and ${one.threads.busiestMain.toFixed(2)} of a core busy; at 2 workers the scan and the lab spend ${t2.toFixed(2)} ms of CPU per domain, so ${two.cpu.cores} cores carry at most ${ceiling.toFixed(1)} domains/s = ${(ceiling / one.rate).toFixed(2)}× the 1-worker rate (measured ${(two.rate / one.rate).toFixed(2)}×). 1.8× would need ≤ ${needed.toFixed(2)} ms per domain in all.`,
    );
  }
}

/** Where the CPU went in each run, by process role, and what limited it. */
function reportCpu(runs: CpuRun[]): void {
  for (const { name, cpu, load, threads, redisCommands } of runs) {
    say('');
    say(`CPU during ${name} (${cpu.seconds.toFixed(1)} s wall, load average at its end ${load}):`);
    say('');
    say('| process | CPU s | CPU ms/domain | cores busy |');
    say('| --- | ---: | ---: | ---: |');
    for (const row of cpuRows(cpu, SIZE)) say(row);
    if (threads && redisCommands) reportWorkerDetail(threads, redisCommands);
    say('');
    say(`Bottleneck: ${nameBottleneck(cpu)}.`);
  }
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function main(): Promise<void> {
  const redis = await startRedis();
  redisPort = new URL(redis.url).port;
  const cpuRuns: CpuRun[] = [];
  const popDir = (size: number) => join(tmpdir(), `mailseal-population-${size}`);
  let population = buildPopulation({ dir: popDir(SIZE), size: SIZE, seed: SEED });
  let loaded = await loadPopulation(population.dir);
  const minimum = dependencyMinimum(SIZE);
  try {
    say(
      `population: ${SIZE} domains, seed ${SEED}, ${minimum.uniqueMxAddresses} unique MX addresses`,
    );
    say('');
    say(
      '| run | domains/s | wall (s) | peak RSS (MB) | summary vs truth | MX host probes | DoH requests/domain | CPU ms/domain (scanning processes) | cores busy |',
    );
    say('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
    const cpuCells = (cpu: number, seconds: number) =>
      `${((cpu * 1000) / SIZE).toFixed(0)} | ${(cpu / seconds).toFixed(2)}`;
    const rate = (seconds: number) => (SIZE / seconds).toFixed(1);
    if (!SKIP.has('local')) {
      const local = await localRun(population, 'local');
      cpuRuns.push({ name: 'local (1 process, -c 32)', cpu: local.cpu, load: loadAverage() });
      say(
        `| local (1 process, -c 32) | ${rate(local.run.seconds)} | ${local.run.seconds.toFixed(1)} | ${mb(local.run.peakRssKb)} | ${verdict(local.check)} | ${local.cost.probes} | ${(local.cost.doh / SIZE).toFixed(2)} | ${cpuCells(local.cost.cpu, local.run.seconds)} |`,
      );
    }
    const rates = new Map<number, number>();
    const runs: DistributedFigures[] = [];
    const workerCounts = values.workers
      .split(',')
      .filter((x) => x !== '')
      .map(Number);
    for (const [index, w] of workerCounts.entries()) {
      // A count may repeat (`--workers 4,4,4`): each run gets its own results file.
      const d = await distributedRun(population, redis.url, w, `w${w}-${index}`);
      rates.set(w, SIZE / d.run.seconds);
      runs.push({ workers: w, rate: SIZE / d.run.seconds, cpu: d.cpu, threads: d.threads });
      cpuRuns.push({
        name: `${w} worker${w === 1 ? '' : 's'}`,
        cpu: d.cpu,
        load: loadAverage(),
        threads: d.threads,
        redisCommands: d.redisCommands,
      });
      say(
        `| ${w} worker${w === 1 ? '' : 's'} (-c ${CONCURRENCY} each) | ${rate(d.run.seconds)} | ${d.run.seconds.toFixed(1)} | ${mb(d.run.peakRssKb)} (coordinator) | ${verdict(d.check)} | ${d.cost.probes} | ${(d.cost.doh / SIZE).toFixed(2)} | ${cpuCells(d.cost.cpu, d.run.seconds)} |`,
      );
    }
    const resume = SKIP.has('resume') ? null : await killAndResume(population, redis.url);
    if (resume)
      say(
        `| 2 workers, worker + coordinator SIGKILLed at ${resume.doneBefore} results, resumed | – | ${resume.resumed.seconds.toFixed(1)} (resumed part) | ${mb(resume.resumed.peakRssKb)} | ${verdict(resume.check)} | – | – | – | – |`,
      );
    say('');
    say(
      `DoH dependency minimum: ${minimum.table.toFixed(2)} requests per domain for the adoption table, ${minimum.engine.toFixed(2)} for the engine's whole posture.`,
    );
    say(`Unique MX addresses: ${minimum.uniqueMxAddresses}.`);
    const one = rates.get(1);
    const two = rates.get(2);
    if (one && two) say(`Speed-up at 2 workers vs 1: ${(two / one).toFixed(2)}×.`);
    reportRatioCeiling(runs);
    reportCpu(cpuRuns);
    say('');
    if (SKIP.has('peer')) say('Peer (DNS-only, checkdmarc): skipped (--skip peer).');
    else {
      const domains = readFileSync(population.domains, 'utf8').trim().split('\n');
      const peerDomains = domains.slice(0, Number(values['peer-count']));
      await comparePeer(lab, findOrInstallCheckdmarc(values.checkdmarc), peerDomains, say);
    }
    const rssSizes = values['rss-sizes']
      .split(',')
      .map(Number)
      .filter((n) => n > 0);
    if (rssSizes.length > 0) {
      say('');
      say('| domains | peak RSS (MB) | RSS per domain (KB) | summary vs truth |');
      say('| ---: | ---: | ---: | --- |');
    }
    for (const size of rssSizes) {
      if (size !== population.size) {
        await loaded.unload();
        population = buildPopulation({ dir: popDir(size), size, seed: SEED });
        loaded = await loadPopulation(population.dir);
      }
      const r = await localRun(population, `rss${size}`);
      say(
        `| ${size} | ${mb(r.run.peakRssKb)} | ${(r.run.peakRssKb / size).toFixed(2)} | ${verdict(r.check)} |`,
      );
    }
  } finally {
    await loaded.unload();
    await redis.stop();
    if (values['keep-results']) {
      mkdirSync(values['keep-results'], { recursive: true });
      execFileSync('cp', ['-r', `${work}/.`, values['keep-results']]);
    }
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
