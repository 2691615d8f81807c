// The coordinator of a distributed scan alone: its CPU per domain, without the lab or an engine.
// A redis-server on a free loopback port, a stand-in worker in this process (a BullMQ worker that
// answers each job at once with a real results line, its input replaced), and the real
// `mailseal scan --queue` as a process under /usr/bin/time. The start-up (module loading) is
// measured apart, with a list whose every domain is already in the results file, so the rest is
// what each domain costs the coordinator: queueing, draining results, counting, writing.
//
//   node bench/scan-coordinator.ts --lines <results.jsonl from a real scan> [--sizes 1000,10000]
//   [--cpu-prof <dir>]   (no lab needed)

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'bullmq';
import { closeRedis, openRedis } from '../cli/scan/redis-client.ts';
import { SCAN_QUEUE, type ScanJob } from '../cli/scan/scan-queue.ts';
import { startRedis } from '../test/integration/server-support/redis-server.ts';

const { values } = parseArgs({
  options: {
    lines: { type: 'string' },
    sizes: { type: 'string', default: '1000,10000' },
    'cpu-prof': { type: 'string', default: '' },
    /** Another checkout's CLI, to compare versions under the same load. */
    bin: { type: 'string', default: '' },
  },
});
if (!values.lines) throw new Error('--lines <results.jsonl of a real scan> is required');
const bin = values.bin || resolve(import.meta.dirname, '../cli/bin/mailseal.js');
const work = mkdtempSync(join(tmpdir(), 'mailseal-bench-coordinator-'));

/** Each donor line without its input: `{"input":X` + tail is a line for input X. */
const tails = readFileSync(values.lines, 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.slice(l.indexOf('"', '{"input":"'.length) + 1));

interface Run {
  cpuSeconds: number;
  wallSeconds: number;
  peakRssKb: number;
}

function coordinator(args: string[], name: string): Promise<Run> {
  const prof = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : [];
  return new Promise((done, fail) => {
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'RUN %U %S %e %M', process.execPath, ...prof, bin, ...args],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.once('exit', (code) => {
      const m = /RUN ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (!m || code !== 0) return fail(new Error(`${name}: exit ${code}\n${stderr}`));
      done({
        cpuSeconds: Number(m[1]) + Number(m[2]),
        wallSeconds: Number(m[3]),
        peakRssKb: Number(m[4]),
      });
    });
  });
}

const lineFor = (input: string, i: number) =>
  `{"input":${JSON.stringify(input)}${tails[i % tails.length]}`;

async function main(): Promise<void> {
  const redis = await startRedis();
  const pusher = openRedis(redis.url);
  const connection = openRedis(redis.url);
  let answered = 0;
  const worker = new Worker<ScanJob>(
    SCAN_QUEUE,
    async (job) => {
      for (const item of job.data.items)
        await pusher.rpush(job.data.resultsKey, lineFor(item.input, answered++));
    },
    { connection, concurrency: 64 },
  );
  console.log(
    '| domains (N) | coordinator CPU (s) | start-up CPU (s) | per domain (ms) | wall (s) |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  try {
    for (const size of values.sizes.split(',').map(Number)) {
      const inputs = Array.from(
        { length: size },
        (_, i) => `c${String(i).padStart(7, '0')}.example`,
      );
      const list = join(work, `list-${size}.txt`);
      writeFileSync(list, `${inputs.join('\n')}\n`);
      const out = join(work, `results-${size}.jsonl`);
      rmSync(out, { force: true });
      const run = await coordinator(
        ['scan', list, '--queue', redis.url, '--out', out, '--no-progress'],
        `scan ${size}`,
      );
      // Start-up: a one-domain list already done (nothing queued, one line read).
      const one = join(work, 'one.txt');
      const oneOut = join(work, 'one.jsonl');
      writeFileSync(one, `${inputs[0]}\n`);
      writeFileSync(oneOut, `${lineFor(inputs[0] ?? '', 0)}\n`);
      const idle = await coordinator(
        ['scan', one, '--queue', redis.url, '--out', oneOut, '--no-progress'],
        'start-up',
      );
      const lines = readFileSync(out, 'utf8').trim().split('\n').length;
      if (lines !== size) throw new Error(`${lines} lines for ${size} domains`);
      const perDomain = ((run.cpuSeconds - idle.cpuSeconds) * 1000) / size;
      console.log(
        `| ${size} | ${run.cpuSeconds.toFixed(2)} | ${idle.cpuSeconds.toFixed(2)} | ${perDomain.toFixed(3)} | ${run.wallSeconds.toFixed(1)} |`,
      );
    }
  } finally {
    await worker.close();
    await closeRedis(pusher, connection);
    await redis.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
