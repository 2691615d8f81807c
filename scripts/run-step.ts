// Runs one command as a child process, inheriting stdio, and reports how it went.

import { spawn } from 'node:child_process';

export interface StepResult {
  name: string;
  ok: boolean;
  seconds: number;
}

export function runStep(name: string, command: string, args: string[]): Promise<StepResult> {
  const started = performance.now();
  process.stdout.write(`\n▶ ${name}: ${command} ${args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: process.env });
    const finish = (ok: boolean) =>
      resolve({ name, ok, seconds: (performance.now() - started) / 1000 });
    child.on('exit', (code) => finish(code === 0));
    child.on('error', (error) => {
      process.stderr.write(`${name}: ${error.message}\n`);
      finish(false);
    });
  });
}
