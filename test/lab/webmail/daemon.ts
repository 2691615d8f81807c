import { spawnSync } from 'node:child_process';
import { withSbinPath } from '../lib/run.ts';

/**
 * Runs a program that puts itself in the background. Its output goes nowhere (each writes a log
 * file): a daemon that keeps an inherited pipe open would make spawnSync wait for the timeout.
 */
export function startDaemon(cmd: string, args: readonly string[], logHint: string): void {
  const result = spawnSync(cmd, args, {
    stdio: 'ignore',
    env: withSbinPath(),
    timeout: 30_000,
  });
  if (result.error || result.status !== 0) {
    const why = result.error ? String(result.error) : `exit ${result.status ?? result.signal}`;
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed (${why}); see ${logHint}`);
  }
}
