import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the lab keeps everything it generates: $MAILSEAL_LAB_DIR or /tmp/mailseal-lab. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MAILSEAL_LAB_DIR || '/tmp/mailseal-lab';
}

export function statePath(...parts: string[]): string {
  return join(stateDir(), ...parts);
}

export function ensureDir(...parts: string[]): string {
  const dir = statePath(...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
