// A `mailseal` CLI process as a user starts it, with its output captured and timestamped, so a
// test can say when a line appeared and how long after it the process exited.

import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../../../cli/bin/mailseal.js');

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** When `text` first appeared on stdout or stderr (ms since the epoch). */
  seen(text: string, timeoutMs?: number): Promise<number>;
  /** Exit code (or signal name) and the time of exit; rejects after `timeoutMs`. */
  exited(timeoutMs: number): Promise<{ code: number | string; at: number }>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = process.env): CliProcess {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  const onData = (append: (text: string) => void) => (chunk: Buffer) => {
    append(chunk.toString('utf8'));
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout?.on(
    'data',
    onData((t) => {
      out += t;
    }),
  );
  child.stderr?.on(
    'data',
    onData((t) => {
      err += t;
    }),
  );
  const exit = new Promise<{ code: number | string; at: number }>((done) => {
    child.once('exit', (code, signal) =>
      done({ code: code ?? signal ?? 'unknown', at: Date.now() }),
    );
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async seen(text, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!out.includes(text) && !err.includes(text)) {
        if (child.exitCode !== null) throw new Error(`exited before printing ${text}:\n${err}`);
        if (Date.now() > deadline)
          throw new Error(`no ${JSON.stringify(text)} after ${timeoutMs} ms:\n${err}`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 50);
        });
      }
      return Date.now();
    },
    exited(timeoutMs) {
      return Promise.race([
        exit,
        new Promise<never>((_, fail) =>
          setTimeout(
            () => fail(new Error(`still running after ${timeoutMs} ms`)),
            timeoutMs,
          ).unref(),
        ),
      ]);
    },
  };
}

/** Kills what is still running (SIGKILL): tests never leave processes behind. */
export function killAll(processes: CliProcess[]): void {
  for (const p of processes)
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
}
