import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabInfo } from '../lab-info.ts';
import { type ExecResult, exec } from './exec.ts';

/**
 * Runs a reference tool that resolves through /etc/resolv.conf (libresolv, dnspython) against
 * the lab resolver: the file is swapped only inside a private mount namespace (needs root), so
 * the system's resolver is never changed.
 */
export function execWithLabResolver(
  lab: LabInfo,
  cmd: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ExecResult> {
  const resolv = join(lab.stateDir, 'reference-resolv.conf');
  writeFileSync(resolv, `nameserver ${lab.resolverAddress}\noptions edns0 trust-ad\n`);
  const script = 'mount --bind "$0" /etc/resolv.conf && exec "$@"';
  return exec('unshare', ['-m', 'sh', '-c', script, resolv, cmd, ...args], {
    timeoutMs: 60_000,
    ...options,
  });
}
