import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localExecutor } from '../../../cli/scan/local-executor.ts';
import { runScan } from '../../../cli/scan/run-scan.ts';
import { createMemoryBackends } from '../../../server/backends/memory-backends.ts';
import { createAddressGuard } from '../../../server/core/address-policy.ts';
import { createAssessmentService } from '../../../server/core/assessment-service.ts';
import type { Backends } from '../../../server/core/backends.ts';
import { createFakeEngine, type FakeWorld } from '../server/support/fake-engine.ts';

const DOMAINS = Array.from({ length: 30 }, (_, i) => `d${i}.example.net`);
const WORLD: FakeWorld = {
  // 30 domains on 3 providers: cost should follow the 3 MX hosts, not the 30 domains.
  mx: Object.fromEntries(DOMAINS.map((d, i) => [d, [`mx.provider${i % 3}.net`]])),
  addresses: {
    'mx.provider0.net': ['192.0.43.1'],
    'mx.provider1.net': ['192.0.43.2'],
    'mx.provider2.net': ['192.0.43.3'],
  },
};

const dir = mkdtempSync(join(tmpdir(), 'mailseal-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function listFile(name: string, extra: string[] = []): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    ['# a comment', ...DOMAINS.map((d, i) => (i % 2 ? `${i},${d}` : d)), '', ...extra].join('\n'),
  );
  return path;
}

function scanner(backends: Backends) {
  const { engine, stats } = createFakeEngine(WORLD, { delayMs: 5 });
  const service = createAssessmentService({
    engine,
    backends,
    guard: createAddressGuard({ lab: false }),
  });
  return { stats, execute: localExecutor(service, 4) };
}

const quietIo = () => {
  const err: string[] = [];
  return { err, io: { out: () => {}, err: (t: string) => err.push(t) } };
};

const comparable = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .map(({ source: _source, ...rest }) => rest)
    .sort((a, b) => String(a.input).localeCompare(String(b.input)));

describe('mailseal scan runner', () => {
  it('writes one line per domain, probes each MX host once and summarises', async () => {
    const source = listFile('list.txt', ['not a domain', 'd0.example.net']);
    const out = join(dir, 'full.jsonl');
    const { stats, execute } = scanner(createMemoryBackends());
    const { io, err } = quietIo();
    const outcome = await runScan({ source, out, progress: 'plain', tty: false, io }, execute);
    expect(outcome.total).toBe(31);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(31);
    expect(stats.runs).toHaveLength(30);
    expect(stats.hostProbes.sort()).toEqual([
      'mx.provider0.net',
      'mx.provider1.net',
      'mx.provider2.net',
    ]);
    expect(outcome.summary).toMatchObject({ assessed: 30, invalid: 1 });
    expect(err.join('')).toMatch(/scan: 31\/31 done/);
  });

  it('resumes after an interruption, without redoing finished domains, to the same results', async () => {
    const source = listFile('list2.txt');
    const backends = createMemoryBackends();
    const out = join(dir, 'resumed.jsonl');
    const abort = new AbortController();
    const first = scanner(backends);
    let written = 0;
    const interrupted = await runScan(
      { source, out, progress: 'off', tty: false, io: quietIo().io, signal: abort.signal },
      (work, emit, signal) =>
        first.execute(
          work,
          async (line) => {
            await emit(line);
            if (++written === 12) abort.abort();
          },
          signal,
        ),
    );
    expect(interrupted.interrupted).toBe(true);
    const doneBefore = readFileSync(out, 'utf8').trim().split('\n').length;
    expect(doneBefore).toBeGreaterThanOrEqual(12);
    expect(doneBefore).toBeLessThan(30);
    appendFileSync(out, '{"input":"d29.example.net","dom'); // killed mid-write: a torn line

    const second = scanner(backends);
    const { io, err } = quietIo();
    const resumed = await runScan({ source, out, progress: 'off', tty: false, io }, second.execute);
    expect(resumed.resumed).toBe(doneBefore);
    expect(err.join('')).toContain(`resuming, ${doneBefore} of 30`);
    expect(second.stats.runs).toHaveLength(30 - doneBefore);
    expect(second.stats.runs.some((d) => first.stats.runs.includes(d))).toBe(false);

    const reference = join(dir, 'reference.jsonl');
    await runScan(
      { source, out: reference, progress: 'off', tty: false, io: quietIo().io },
      scanner(createMemoryBackends()).execute,
    );
    const strip = (rows: Array<Record<string, unknown>>) =>
      rows.map(({ checkedAt: _c, expiresAt: _e, ...rest }) => rest);
    expect(strip(comparable(out))).toEqual(strip(comparable(reference)));
    expect(resumed.summary.rows).toEqual(
      (
        await runScan(
          { source, out: reference, progress: 'off', tty: false, io: quietIo().io },
          scanner(createMemoryBackends()).execute,
        )
      ).summary.rows,
    );
  });
});
