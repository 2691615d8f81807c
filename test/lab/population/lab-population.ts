// Loads a built population into the running lab (its scenarios through MAILSEAL_LAB_EXTRA, as
// `lab:start` reads them, plus the policy server) and takes it out again, leaving the lab as
// it was. For tests and the bench; by hand:
//   MAILSEAL_LAB_EXTRA=<dir>/catalogue.json npm run lab:start
//   node test/lab/population/policy-server.ts <dir> &

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

function labStart(extra: string[]): void {
  const base = (process.env.MAILSEAL_LAB_EXTRA ?? '').split(':').filter((p) => p !== '');
  execFileSync(process.execPath, [resolve(root, 'test/lab/start.ts')], {
    env: { ...process.env, MAILSEAL_LAB_EXTRA: [...base, ...extra].join(':') },
    stdio: 'ignore',
  });
}

export interface LoadedPopulation {
  /** Stops the policy server and restarts the lab without the population (unless `keepLab`:
   * the caller loads another population next, which replaces this one's zones anyway). */
  unload(options?: { keepLab?: boolean }): Promise<void>;
}

export async function loadPopulation(dir: string): Promise<LoadedPopulation> {
  labStart([resolve(dir, 'catalogue.json')]);
  const server: ChildProcess = spawn(
    process.execPath,
    [resolve(import.meta.dirname, 'policy-server.ts'), dir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((done, fail) => {
    server.stdout?.once('data', () => done());
    server.once('exit', (code) => fail(new Error(`policy server exited with ${code}`)));
  });
  return {
    async unload(options = {}) {
      if (server.exitCode === null) {
        const exited = new Promise((done) => server.once('exit', done));
        server.kill('SIGTERM');
        await exited;
      }
      if (!options.keepLab) labStart([]);
    },
  };
}
