import { spawn } from 'node:child_process';
import { openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IssuedCert } from './ca.ts';
import { readText } from './files.ts';
import { pidFileAlive, stopPidFile, waitFor } from './process.ts';
import { ensureDir } from './state.ts';

const PROGRAMS = resolve(dirname(fileURLToPath(import.meta.url)), '../adversarial');

export interface AdversarialServer {
  /** Program name under test/lab/adversarial (without .ts). */
  readonly program: string;
  readonly address: string;
  readonly port: number;
  readonly hostname: string;
  readonly cert?: IssuedCert;
}

const dir = () => ensureDir('adversarial');
const baseName = (s: AdversarialServer) => join(dir(), `${s.program}-${s.address}-${s.port}`);

/** Starts each server in the background (pid file in the state dir) unless it already runs as asked. */
export async function startAdversarial(servers: readonly AdversarialServer[]): Promise<void> {
  const wanted = new Set(servers.map((s) => `${baseName(s)}.pid`));
  for (const file of readdirSync(dir()).filter((f) => f.endsWith('.pid'))) {
    if (!wanted.has(join(dir(), file))) await stopPidFile(join(dir(), file)); // no longer in the catalogue
  }
  for (const s of servers) {
    const base = baseName(s);
    const args = [
      join(PROGRAMS, `${s.program}.ts`),
      '--address',
      s.address,
      '--port',
      String(s.port),
      '--hostname',
      s.hostname,
      ...(s.cert ? ['--cert', s.cert.chainPath, '--key', s.cert.keyPath] : []),
    ];
    const argsText = JSON.stringify(args);
    if (pidFileAlive(`${base}.pid`) && readText(`${base}.args`) === argsText) continue;
    await stopPidFile(`${base}.pid`);
    const out = openSync(`${base}.log`, 'w');
    // process.execPath is the Node 24 that runs lab:start, so .ts runs directly.
    const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', out, out] });
    child.unref();
    writeFileSync(`${base}.pid`, String(child.pid));
    writeFileSync(`${base}.args`, argsText);
    await waitFor(`${s.program} on ${s.address}:${s.port}`, () => {
      const log = readText(`${base}.log`) ?? '';
      if (!pidFileAlive(`${base}.pid`)) throw new Error(`lab: ${s.program} exited:\n${log}`);
      return log.includes(` on `);
    });
  }
}

export async function stopAdversarial(): Promise<number> {
  let stopped = 0;
  for (const file of readdirSync(dir()).filter((f) => f.endsWith('.pid'))) {
    if (await stopPidFile(join(dir(), file))) stopped++;
    rmSync(join(dir(), file.replace(/\.pid$/, '.args')), { force: true });
  }
  return stopped;
}
