// The synthetic population (test/lab/population, 2,000 domains) scanned in distributed mode by
// real processes, with a worker and the coordinator SIGKILLed mid-way and the same command run
// again: the adoption summary equals the generator's ground truth, every count of every table,
// each domain is in the results exactly once and no line is torn (issue 22).

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeScan } from '../../lib/scan/adoption-summary.ts';
import { requireLab } from '../lab/lab-info.ts';
import { buildPopulation } from '../lab/population/build.ts';
import { truthOf } from '../lab/population/ground-truth.ts';
import { type LoadedPopulation, loadPopulation } from '../lab/population/lab-population.ts';
import { type CliProcess, killAll, startCli } from './scan-support/cli-process.ts';
import { type RedisServer, startRedis } from './server-support/redis-server.ts';

requireLab();
const SIZE = 2_000;
const population = buildPopulation({
  dir: join(tmpdir(), `mailseal-population-${SIZE}`),
  size: SIZE,
});
const dir = mkdtempSync(join(tmpdir(), 'mailseal-pop-scan-'));
const out = join(dir, 'results.jsonl');
let loaded: LoadedPopulation | undefined;
let redis: RedisServer;
const processes: CliProcess[] = [];

const cli = (args: string[]) => {
  const env: NodeJS.ProcessEnv = { ...process.env, MAILSEAL_DATA_DIR: join(dir, 'data') };
  delete env.REDIS_URL;
  const p = startCli(args, env);
  processes.push(p);
  return p;
};
const worker = () => cli(['worker', '--queue', redis.url, '--lab', '--concurrency', '16']);
const summaryPath = join(dir, 'summary.json');
const scan = () =>
  cli([
    'scan',
    population.domains,
    '--queue',
    redis.url,
    '--lab',
    '--out',
    out,
    '--no-progress',
    '--json',
    summaryPath,
  ]);
const lineCount = () =>
  existsSync(out)
    ? readFileSync(out, 'utf8')
        .split('\n')
        .filter((l) => l !== '').length
    : 0;

beforeAll(async () => {
  redis = await startRedis();
  loaded = await loadPopulation(population.dir);
}, 180_000);
afterAll(async () => {
  killAll(processes);
  await loaded?.unload();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 180_000);

describe('scan of the synthetic population (distributed, killed and resumed)', () => {
  it('equals the ground truth with every domain exactly once', { timeout: 300_000 }, async () => {
    const workers = [worker(), worker()];
    for (const w of workers) await w.seen('taking scan jobs');
    const first = scan();
    const deadline = Date.now() + 120_000;
    while (lineCount() < SIZE / 4) {
      if (Date.now() > deadline) throw new Error(`only ${lineCount()} results after 120 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    workers[0]?.child.kill('SIGKILL');
    first.child.kill('SIGKILL');
    await first.exited(5_000);
    const done = lineCount();
    expect(done).toBeLessThan(SIZE);

    workers.push(worker());
    const resumed = scan();
    await resumed.seen('resuming', 30_000);
    const exit = await resumed.exited(240_000);
    expect(exit.code).toBe(0);

    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .slice(0, -1)
      .split('\n')
      .map((l) => JSON.parse(l) as { input: string });
    const inputs = lines.map((l) => l.input).sort();
    expect(inputs).toEqual(readFileSync(population.domains, 'utf8').trim().split('\n').sort());
    const truth = JSON.parse(readFileSync(population.truth, 'utf8'));
    expect(truthOf(summarizeScan(lines))).toEqual(truth);
    // The scan's own summary: resumed lines counted from their facts records in the file, the
    // rest from the facts the workers sent; neither parsed an assessment.
    expect(truthOf(JSON.parse(readFileSync(summaryPath, 'utf8')))).toEqual(truth);

    for (const w of workers.slice(1)) {
      w.child.kill('SIGTERM');
      expect((await w.exited(60_000)).code).toBe(0);
    }
  });
});
