// checkdmarc from the Python registry, as admins install it: `pip install checkdmarc` into a venv
// kept between bench runs. Tried only when no runner was given or found beside the clone; where
// PyPI is not reachable (as on the project's own machines) it returns why, in pip's words.

import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PeerCommand } from './scan-peer-run.ts';

/** Where the venv is kept: under node_modules/.cache, so `npm ci` starts it afresh. */
export const CHECKDMARC_VENV = resolve(
  import.meta.dirname,
  '../node_modules/.cache/mailseal-bench/checkdmarc-venv',
);

export type Run = (program: string, args: string[]) => SpawnSyncReturns<string>;

const runForReal: Run = (program, args) =>
  // pip retries an unreachable index for minutes by default; five minutes bound the whole install.
  spawnSync(program, args, { encoding: 'utf8', timeout: 300_000 });

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The last line a failed step printed: pip's own reason ("No matching distribution …"). */
function lastWords(step: SpawnSyncReturns<string>): string {
  const lines = `${step.stdout ?? ''}\n${step.stderr ?? ''}`.split('\n').filter((l) => l.trim());
  return lines.at(-1)?.trim() ?? String(step.error?.message ?? step.signal ?? step.status);
}

/** checkdmarc in the cached venv, installing it from PyPI first when it is not there yet. */
export function installCheckdmarc(venv = CHECKDMARC_VENV, run: Run = runForReal): PeerCommand {
  const program = join(venv, 'bin', 'checkdmarc');
  if (executable(program)) return { command: program };
  const made = run('python3', ['-m', 'venv', venv]);
  if (made.status !== 0) return { missing: `python3 -m venv failed: ${lastWords(made)}` };
  const pip = join(venv, 'bin', 'pip');
  const installed = run(pip, ['install', '--disable-pip-version-check', 'checkdmarc']);
  if (installed.status !== 0 || !executable(program))
    return { missing: `pip install checkdmarc failed: ${lastWords(installed)}` };
  return { command: program };
}
