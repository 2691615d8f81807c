// Peak memory of `mailseal scan` against N, at sizes a lab hold cannot scan whole (100,000
// domains at ~20 domains/s is well over an hour). For each size the population of that size is
// built (cached) and loaded into the running lab, the results file is pre-filled with N − live
// lines as an interrupted run would have left them, and `mailseal scan` resumes it: it reads the
// N-domain list, streams the N − live finished lines into the summary and scans the last `live`
// domains for real with the real engine. What grows with N (the list, the set of finished
// inputs, the summary, the results stream) is thus exercised at full N; the engine's caches are
// bounded by entry counts and TTLs, not by N, and are exercised over the live part. The
// pre-filled lines are real result lines of this population (scanned first), reused with
// another domain's input, so the summary is not the ground truth; the live domains are checked
// against their drawn facts one by one.
//
//   node bench/scan-memory.ts [--sizes 10000,50000,100000] [--live 500] [--donors results.jsonl]
//   (lab running)

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { serializeResult } from '../lib/scan/result-line.ts';
import { requireLab } from '../test/lab/lab-info.ts';
import { buildPopulation, DEFAULT_SEED } from '../test/lab/population/build.ts';
import { loadPopulation } from '../test/lab/population/lab-population.ts';
import { describeDiffs, perDomainDiff } from './scan-domain-diff.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,50000,100000' },
    live: { type: 'string', default: '500' },
    /** Donor lines from an earlier scan of a population (saves scanning 200 domains first). */
    donors: { type: 'string', default: '' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
  },
});
const LIVE = Number(values.live);
const SEED = Number(values.seed);
const bin = resolve(import.meta.dirname, '../cli/bin/mailseal.js');
requireLab();
const work = mkdtempSync(join(tmpdir(), 'mailseal-bench-scan-memory-'));

interface Run {
  seconds: number;
  peakRssKb: number;
  stderr: string;
}

function scan(list: string, out: string, dataDir: string): Promise<Run> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(
      '/usr/bin/time',
      [
        '-f',
        'PEAK_RSS_KB %M',
        process.execPath,
        bin,
        'scan',
        list,
        '--lab',
        '--out',
        out,
        '--no-progress',
        '-c',
        '32',
      ],
      {
        env: { ...process.env, NO_COLOR: '1', MAILSEAL_DATA_DIR: dataDir },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.once('exit', () =>
      done({
        seconds: (performance.now() - started) / 1000,
        peakRssKb: Number(/PEAK_RSS_KB (\d+)/.exec(stderr)?.[1] ?? 0),
        stderr,
      }),
    );
  });
}

const readLines = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { input: string });

/** The inputs of a results file (streamed: at 100,000 domains it is over 1 GB), and the lines
 * of `keep` in full. */
async function readResults(path: string, keep: Set<string>) {
  const inputs: string[] = [];
  const kept: Array<{ input: string }> = [];
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const raw of lines) {
    const input =
      /^\{"input":"([^"]*)"/.exec(raw)?.[1] ?? (JSON.parse(raw) as { input: string }).input;
    // A copy: a match is a slice that keeps its whole 26 KB line alive (2.6 GB at 100,000).
    inputs.push(Buffer.from(input).toString());
    if (keep.has(input)) kept.push(JSON.parse(raw) as { input: string });
  }
  return { inputs, kept };
}

/** Writes `inputs` as finished lines, each a donor line (cycled) with its input replaced. */
async function prefill(path: string, inputs: string[], donors: object[]): Promise<void> {
  const out = createWriteStream(path);
  // Each donor serialised once as the scan writes it (input, facts record, assessment).
  const head = '{"input":""';
  const tails = donors.map((d) => serializeResult({ input: '', ...d }).text.slice(head.length));
  for (const [i, input] of inputs.entries()) {
    const line = `{"input":${JSON.stringify(input)}${tails[i % tails.length]}\n`;
    if (!out.write(line)) await once(out, 'drain'); // 2.6 GB at 100,000
  }
  out.end();
  await finished(out);
}

async function main(): Promise<void> {
  const sizes = values.sizes.split(',').map(Number);
  console.log(
    `| domains (N) | scanned live | resumed | peak RSS (MB) | RSS per domain (KB) | live part vs truth | wall (s) |`,
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | --- | ---: |');
  let donors: object[] | null = values.donors
    ? readLines(values.donors).map(({ input: _input, ...rest }) => rest)
    : null;
  for (const [index, size] of sizes.entries()) {
    const population = buildPopulation({
      dir: join(tmpdir(), `mailseal-population-${size}`),
      size,
      seed: SEED,
    });
    const loadStarted = performance.now();
    const loaded = await loadPopulation(population.dir);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    try {
      const domains = readFileSync(population.domains, 'utf8').trim().split('\n');
      const live = domains.slice(0, LIVE);
      if (!donors) {
        // Real lines of this population to pre-fill with (their own scan is not measured).
        const donorList = join(work, 'donors.txt');
        rmSync(donorList, { force: true });
        const w = createWriteStream(donorList);
        w.end(`${live.slice(0, 200).join('\n')}\n`);
        await finished(w);
        await scan(donorList, join(work, 'donors.jsonl'), join(work, 'data-donors'));
        donors = readLines(join(work, 'donors.jsonl')).map(({ input: _input, ...rest }) => rest);
      }
      const out = join(work, `rss-${size}.jsonl`);
      await prefill(out, domains.slice(LIVE), donors);
      const run = await scan(population.domains, out, join(work, `data-${size}`));
      const liveSet = new Set(live);
      const { inputs, kept: liveLines } = await readResults(out, liveSet);
      const complete = inputs.length === domains.length && new Set(inputs).size === size;
      const diffs = perDomainDiff(liveLines, size, SEED).filter((d) => liveSet.has(d.domain));
      const verdict = `${complete ? 'complete' : 'INCOMPLETE'}, ${diffs.length === 0 ? 'equal' : `${diffs.length} differ`}`;
      console.log(
        `| ${size} | ${LIVE} | ${size - LIVE} | ${(run.peakRssKb / 1024).toFixed(0)} | ${(run.peakRssKb / size).toFixed(2)} | ${verdict} | ${run.seconds.toFixed(1)} |`,
      );
      console.error(
        `population ${size}: lab load ${loadSeconds.toFixed(1)} s; ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`,
      );
      if (diffs.length > 0) console.error(describeDiffs(diffs));
      rmSync(out, { force: true });
    } finally {
      await loaded.unload({ keepLab: index < sizes.length - 1 });
    }
  }
  rmSync(work, { recursive: true, force: true });
}

await main();
