import { execFile } from 'node:child_process';

export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a reference tool asynchronously; never rejects (a failing tool is a result too). */
export function exec(
  cmd: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ExecResult> {
  const path = `${process.env.PATH ?? '/usr/bin:/bin'}:/usr/sbin:/sbin`;
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      {
        env: { ...(options.env ?? process.env), PATH: path },
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 32 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 124) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
