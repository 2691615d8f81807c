// The sender's outbound addresses live on `lo` only while the lab runs; lab:stop removes them.
import { run, withSbinPath } from '../lib/run.ts';
import { OUTBOUND } from './addresses.ts';

const env = withSbinPath();
const ALL = Object.values(OUTBOUND);

function present(): Set<string> {
  const out = run('ip', ['-4', '-o', 'addr', 'show', 'dev', 'lo'], { env }).stdout;
  return new Set([...out.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\//g)].map((m) => m[1] ?? ''));
}

/** Adds the missing addresses; throws when the kernel refuses (no CAP_NET_ADMIN). */
export function addOutboundAddresses(): void {
  const have = present();
  for (const address of ALL) {
    if (have.has(address)) continue;
    const result = run('ip', ['addr', 'add', `${address}/32`, 'dev', 'lo'], { env });
    if (result.status !== 0) {
      throw new Error(`cannot add ${address} to lo: ${result.stderr.trim()}`);
    }
  }
}

export function removeOutboundAddresses(): number {
  const have = present();
  let removed = 0;
  for (const address of ALL) {
    if (!have.has(address)) continue;
    if (run('ip', ['addr', 'del', `${address}/32`, 'dev', 'lo'], { env }).status === 0) removed++;
  }
  return removed;
}
