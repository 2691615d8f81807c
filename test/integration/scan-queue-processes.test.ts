// Distributed mode exactly as a user runs it (issue 22): two real `mailseal worker --queue …
// --lab` processes and a real `mailseal scan … --queue … --lab --out results.jsonl`, on a real
// redis-server, against the lab. Before the fix the scan never exited after its summary and an
// idle worker ignored SIGTERM (BullMQ does not close connections it is handed).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAN_QUEUE } from '../../cli/scan/scan-queue.ts';
import { requireLab } from '../lab/lab-info.ts';
import { type CliProcess, killAll, startCli } from './scan-support/cli-process.ts';
import { type RedisServer, startRedis } from './server-support/redis-server.ts';

const lab = requireLab();
const dir = mkdtempSync(join(tmpdir(), 'mailseal-queue-proc-'));
// Timing-independent scenarios for the scan; `tlsstall` (its MX never answers the ClientHello,
// so the probe waits for its handshake timeout) keeps a worker busy on purpose.
const SLOW = new Set(['slowbanner', 'endless250', 'tlsstall', 'policyhuge', 'dohmalformed']);
const DOMAINS = lab.scenarios.filter((s) => !SLOW.has(s.name)).map((s) => s.domain);
const BUSY_DOMAIN = 'tlsstall.lab';
/** What "exits promptly" means: connections closed, nothing left on the event loop. */
const PROMPT_MS = 3_000;

let redis: RedisServer;
const processes: CliProcess[] = [];
const env = () => {
  const vars: NodeJS.ProcessEnv = { ...process.env, MAILSEAL_DATA_DIR: join(dir, 'data') };
  delete vars.REDIS_URL;
  return vars;
};
const cli = (args: string[]) => {
  const p = startCli(args, env());
  processes.push(p);
  return p;
};
const worker = () => cli(['worker', '--queue', redis.url, '--lab', '--concurrency', '8']);

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  killAll(processes);
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function activeJobs(): Promise<number> {
  const queue = new Queue(SCAN_QUEUE, {
    connection: { host: '127.0.0.1', port: Number(new URL(redis.url).port) },
  });
  try {
    return (await queue.getJobCounts('active')).active ?? 0;
  } finally {
    await queue.close();
  }
}

describe('mailseal scan --queue and mailseal worker as real processes', () => {
  it('the scan exits soon after its summary with every result; an idle worker stops on SIGTERM', {
    timeout: 180_000,
  }, async () => {
    const workers = [worker(), worker()];
    for (const w of workers) await w.seen('taking scan jobs');
    const list = join(dir, 'list.txt');
    const out = join(dir, 'results.jsonl');
    writeFileSync(list, `${DOMAINS.join('\n')}\n`);
    const scan = cli(['scan', list, '--queue', redis.url, '--lab', '--out', out, '--no-progress']);
    const summaryAt = await scan.seen('Adoption over', 150_000);
    const { code, at } = await scan.exited(PROMPT_MS + 5_000);
    expect(code).toBe(0);
    expect(at - summaryAt).toBeLessThan(PROMPT_MS);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { input: string; error?: string });
    expect(lines.map((l) => l.input).sort()).toEqual([...DOMAINS].sort());
    expect(lines.filter((l) => l.error !== undefined)).toEqual([]);
    expect(scan.stdout()).toContain(`Adoption over ${DOMAINS.length} domains`);

    for (const w of workers) {
      const stopAt = Date.now();
      w.child.kill('SIGTERM');
      const stopped = await w.exited(PROMPT_MS + 5_000);
      expect(stopped.code).toBe(0);
      expect(stopped.at - stopAt).toBeLessThan(PROMPT_MS);
      expect(w.stderr()).toContain('no job in progress, stopping');
    }
  });

  it('a busy worker finishes its job on SIGTERM, the result reaches the scan, then it exits', {
    timeout: 180_000,
  }, async () => {
    const busy = worker();
    await busy.seen('taking scan jobs');
    const list = join(dir, 'busy.txt');
    const out = join(dir, 'busy.jsonl');
    writeFileSync(list, `${BUSY_DOMAIN}\n`);
    const scan = cli(['scan', list, '--queue', redis.url, '--lab', '--out', out, '--no-progress']);
    const deadline = Date.now() + 30_000;
    while ((await activeJobs()) === 0) {
      if (Date.now() > deadline) throw new Error('the worker never took the job');
      await new Promise((r) => setTimeout(r, 100));
    }
    busy.child.kill('SIGTERM');
    await busy.seen('finishing 1 job in progress', 5_000);
    // It has no other worker to hand the job to: the scan completes only if this one finishes.
    const scanExit = await scan.exited(120_000);
    expect(scanExit.code).toBe(0);
    const workerExit = await busy.exited(PROMPT_MS + 5_000);
    expect(workerExit.code).toBe(0);
    expect(workerExit.at - scanExit.at).toBeLessThan(PROMPT_MS);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { input: string; probe?: unknown });
    expect(lines.map((l) => l.input)).toEqual([BUSY_DOMAIN]);
    expect(lines[0]?.probe).toBeDefined();
  });
});
