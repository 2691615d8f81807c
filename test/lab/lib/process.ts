import { existsSync, readFileSync, rmSync } from 'node:fs';

export function readPid(pidFile: string): number | null {
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function isAlive(pid: number | null): pid is number {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function pidFileAlive(pidFile: string): boolean {
  return isAlive(readPid(pidFile));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Stops the process named by a pid file (TERM, then KILL) and removes the file. */
export async function stopPidFile(pidFile: string): Promise<boolean> {
  const pid = readPid(pidFile);
  if (!isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  return true;
}

/** Polls until `check` is true or the time is up. */
export async function waitFor(
  what: string,
  check: () => boolean,
  timeoutMs = 15_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return;
    await sleep(150);
  }
  throw new Error(`lab: timed out waiting for ${what}`);
}
