// Issue 14, the evidence: the lab's hostile-revocation scenario serves a valid MX certificate
// whose OCSP responder trickles one byte a second and whose CRL distribution points answer 404,
// a 302 to the metadata address, 500, 50 MB (declared and chunked), a reset mid-body and bytes
// that are not DER (test/lab/adversarial/hostile-revocation.ts). Real processes throughout:
//   - the probe service keeps answering other requests while it probes that domain, and lives on;
//   - `mailseal check` reports "revocation unknown" with the reasons;
//   - `mailseal scan` over a list containing the domain completes, reports it, and resumes.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario, requireLab } from '../lab/lab-info.ts';
import { HOSTILE_CRL_URLS, HOSTILE_OCSP_URL } from '../lab/lib/hostile-revocation.ts';

const lab = requireLab();
const root = resolve(import.meta.dirname, '../..');
const hostile = findScenario(lab, 'hostile-revocation').domain;
const others = ['allgood', 'nostarttls'].map((name) => findScenario(lab, name).domain);
const cli = resolve(root, 'cli/bin/mailseal.js');
const work = mkdtempSync(join(tmpdir(), 'mailseal-hostile-'));

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: { ...process.env, NO_COLOR: '1' }, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? -1) : 0;
        done({ code: typeof code === 'number' ? code : -1, stdout, stderr });
      },
    );
  });
}

/** What a certificate's revocation detail must show: every hostile URL, each with its reason. */
function expectHostileReasons(detail: string): void {
  expect(detail).toContain(HOSTILE_OCSP_URL);
  for (const url of HOSTILE_CRL_URLS) expect(detail).toContain(url);
  expect(detail).toMatch(/HTTP 404/);
  expect(detail).toMatch(/HTTP 302/);
  expect(detail).toMatch(/HTTP 500/);
  expect(detail).toMatch(/larger than/);
}

describe('the probe service against the hostile revocation server', () => {
  let service: ChildProcess;
  let base = '';
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = spawn(
      process.execPath,
      [
        resolve(root, 'server/main.ts'),
        '--lab',
        '--cache',
        'memory',
        '--port',
        String(port),
        '--rate-limit',
        '100000',
        '--probe-rate-limit',
        '1000',
        '--log-level',
        'warn',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${base}/healthz`).catch(() => null))?.status !== 200) {
      if (Date.now() > deadline) throw new Error('service did not start');
      await new Promise((done) => setTimeout(done, 200));
    }
    // Warm the cache for one other domain, so "other requests" include a cached one.
    expect((await fetch(`${base}/v1/domains/${others[0]}`)).status).toBe(200);
  }, 90_000);
  afterAll(() => {
    service?.kill('SIGTERM');
  });

  it('keeps answering other requests throughout, answers the hostile domain, and lives on', async () => {
    const hostileAnswer = fetch(`${base}/v1/domains/${hostile}`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    let done = false;
    void hostileAnswer.finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) {
      const started = Date.now();
      const [health, cached] = await Promise.all([
        fetch(`${base}/healthz`),
        fetch(`${base}/v1/domains/${others[0]}`),
      ]);
      expect(health.status).toBe(200);
      expect(cached.status).toBe(200);
      latencies.push(Date.now() - started);
      await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    }
    const { status, body } = await hostileAnswer;
    expect(status).toBe(200);
    expect(latencies.length).toBeGreaterThan(3); // the probe took a while: the trickle is cut at 5 s
    expect(Math.max(...latencies)).toBeLessThan(2_000);
    const certificate = body.probe.mx[0].certificate;
    expect(certificate.pkixValid).toBe(true);
    expect(certificate.revocation.status).toBe('unknown');
    expectHostileReasons(certificate.revocation.detail);
    // A fresh probe of another domain after it, and the process is still the same one.
    expect((await fetch(`${base}/v1/domains/${others[1]}`)).status).toBe(200);
    expect(service.exitCode).toBeNull();
  }, 150_000);
});

describe('mailseal check on the hostile domain', () => {
  it('reports revocation unknown with the reasons, as JSON and as text', async () => {
    const json = await runCli(['check', hostile, '--lab', '--json']);
    expect(json.stderr).not.toMatch(/\n\s+at |Uncaught|RequestAbortedError/);
    expect([0, 1, 3]).toContain(json.code);
    const report = JSON.parse(json.stdout);
    expect(report.mx[0].certificate.revocation.status).toBe('unknown');
    expectHostileReasons(report.mx[0].certificate.revocation.detail);
    const text = await runCli(['check', hostile, '--lab']);
    // OCSP failed first, then every CRL: the line names the method that was tried last.
    expect(text.stdout).toMatch(
      /revocation +unknown \((OCSP|CRL)\) — http:\/\/127\.0\.4\.1\/trickle\/ocsp: /,
    );
    expect(text.stderr).not.toMatch(/\n\s+at /);
  }, 300_000);
});

describe('mailseal scan over a list with the hostile domain', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('completes, records the domain with its revocation result, and resumes', async () => {
    const list = join(work, 'domains.txt');
    const out = join(work, 'results.jsonl');
    writeFileSync(list, `${others[0]}\n${hostile}\n${others[1]}\n`);
    const args = ['scan', list, '--lab', '--out', out, '--data-dir', work, '--no-progress'];
    const first = await runCli(args);
    expect(first.stderr).not.toMatch(/\n\s+at |Uncaught|RequestAbortedError/);
    expect(first.code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.input).sort()).toEqual([...others, hostile].sort());
    const line = lines.find((l) => l.input === hostile);
    expect(line.error).toBeUndefined();
    expect(line.probe.mx[0].certificate.revocation.status).toBe('unknown');
    expectHostileReasons(line.probe.mx[0].certificate.revocation.detail);
    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/resuming, 3 of 3 domains already done/);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
  }, 300_000);
});
