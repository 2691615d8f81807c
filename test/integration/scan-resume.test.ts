// `mailseal scan` as a real process on lab domains: SIGKILLed partway, then run again with the
// same command. The resumed run keeps every finished line as written, does only the rest, and
// the results equal those of an uninterrupted run (per domain, and the adoption summary).

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { requireLab } from '../lab/lab-info.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'cli/bin/mailseal.js');
const run = promisify(execFile);
const lab = requireLab();
const dir = mkdtempSync(join(tmpdir(), 'mailseal-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Lab domains whose answers do not depend on timing (no slow or stalling servers), plus an
// invalid line, which is a result too.
const SKIP = new Set(['slowbanner', 'endless250', 'tlsstall', 'policyhuge', 'dohmalformed']);
const INPUTS = [
  ...lab.scenarios
    .filter((s) => !SKIP.has(s.name))
    .slice(0, 16)
    .map((s) => s.domain),
  'not a domain',
];

const env = (dataDir: string) => {
  const vars: NodeJS.ProcessEnv = { ...process.env, MAILSEAL_DATA_DIR: dataDir, NO_COLOR: '1' };
  delete vars.REDIS_URL;
  return vars;
};

function scanArgs(name: string): string[] {
  const args = [bin, 'scan', join(dir, 'list.txt'), '--lab', '--no-progress'];
  return [...args, '--out', join(dir, `${name}.jsonl`), '--markdown', join(dir, `${name}.md`)];
}

type Line = Record<string, unknown> & { input: string };
const readLines = (name: string): Line[] =>
  readFileSync(join(dir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);

/** Outcomes only: reasons quote OpenSSL error strings, which carry a thread id. */
const outcomes = (verdict: unknown) =>
  verdict && typeof verdict === 'object'
    ? Object.fromEntries(
        Object.entries(verdict).map(([k, v]) => [k, (v as { outcome?: unknown }).outcome]),
      )
    : null;

/** What a domain's result says, without times, durations, transcripts or cache provenance. */
function facts(line: Line) {
  const probe = line.probe as
    | {
        mxStatus: string;
        verdict: unknown;
        mtaSts: { mode: unknown; status: unknown };
        mx: Array<{ host: string; verdict: unknown; certificate: { pkixValid: boolean } | null }>;
      }
    | null
    | undefined;
  const dns = line.dns as Record<string, { status?: string }> | null | undefined;
  const scores = line.scores as
    | { inbound: { categories: Record<string, { stars: unknown }> } }
    | null
    | undefined;
  return {
    input: line.input,
    error: line.error ?? null,
    problems: line.problems ?? null,
    mxStatus: probe?.mxStatus ?? null,
    verdict: outcomes(probe?.verdict),
    mtaSts: probe ? [probe.mtaSts.mode, probe.mtaSts.status] : null,
    mx:
      probe?.mx.map((m) => [m.host, outcomes(m.verdict), m.certificate?.pkixValid ?? null]) ?? null,
    dns: dns
      ? Object.fromEntries(
          ['mx', 'spf', 'dmarc', 'mtaSts', 'tlsRpt', 'tlsa', 'dnssec'].map((k) => [
            k,
            dns[k]?.status,
          ]),
        )
      : null,
    stars: scores ? Object.values(scores.inbound.categories).map((c) => c.stars) : null,
  };
}

const byInput = (lines: Line[]) => Object.fromEntries(lines.map((l) => [l.input, facts(l)]));

async function waitForLines(path: string, count: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (text.split('\n').filter((l) => l.trim() !== '').length >= count) return;
    if (child.exitCode !== null) throw new Error('the scan finished before it could be killed');
    if (Date.now() > deadline) throw new Error(`no ${count} lines in ${path}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('mailseal scan killed and resumed (real process, lab)', () => {
  it('gives the results of an uninterrupted run without redoing finished domains', {
    timeout: 300_000,
  }, async () => {
    writeFileSync(join(dir, 'list.txt'), `${INPUTS.join('\n')}\n`);

    // Reference: one uninterrupted run with its own cache.
    await run(process.execPath, [...scanArgs('whole'), '--concurrency', '2'], {
      env: env(join(dir, 'data-whole')),
    });
    const whole = readLines('whole');
    expect(whole.map((l) => l.input).sort()).toEqual([...INPUTS].sort());

    // Interrupted: SIGKILL (no chance to clean up) once a few lines are out.
    const child = spawn(process.execPath, [...scanArgs('resumed'), '--concurrency', '1'], {
      env: env(join(dir, 'data-resumed')),
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.once('exit', r));
    await waitForLines(join(dir, 'resumed.jsonl'), 4, child);
    child.kill('SIGKILL');
    await exited;
    const killedText = readFileSync(join(dir, 'resumed.jsonl'), 'utf8');
    const finished = killedText.slice(0, killedText.lastIndexOf('\n') + 1); // a torn line is dropped
    const finishedInputs = finished
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => (JSON.parse(l) as Line).input);
    expect(finishedInputs.length).toBeGreaterThanOrEqual(4);
    expect(finishedInputs.length).toBeLessThan(INPUTS.length);

    // Resumed: the same command.
    const resumed = await run(process.execPath, [...scanArgs('resumed'), '--concurrency', '2'], {
      env: env(join(dir, 'data-resumed')),
    });
    expect(resumed.stderr).toContain(
      `resuming, ${finishedInputs.length} of ${INPUTS.length} domains already done`,
    );
    const afterText = readFileSync(join(dir, 'resumed.jsonl'), 'utf8');
    // Finished lines are kept byte for byte, and each input appears exactly once: none redone.
    expect(afterText.startsWith(finished)).toBe(true);
    const after = readLines('resumed');
    expect(after.map((l) => l.input).sort()).toEqual([...INPUTS].sort());

    expect(byInput(after)).toEqual(byInput(whole));
    expect(readFileSync(join(dir, 'resumed.md'), 'utf8')).toBe(
      readFileSync(join(dir, 'whole.md'), 'utf8'),
    );
  });
});
