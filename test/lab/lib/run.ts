import { spawnSync } from 'node:child_process';

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly input?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly cwd?: string;
}

/** Runs a program without a shell and returns what it printed (never throws on exit status). */
export function run(cmd: string, args: readonly string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(cmd, args, {
    encoding: 'utf8',
    input: options.input,
    env: options.env ?? process.env,
    timeout: options.timeoutMs ?? 60_000,
    cwd: options.cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    return { status: 127, stdout: '', stderr: `${cmd}: not found` };
  }
  return {
    status: result.status ?? 1,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? (result.error ? String(result.error) : ''),
  };
}

/** Runs a program and throws with its output when it fails: for set-up steps that must work. */
export function runOrThrow(cmd: string, args: readonly string[], options: RunOptions = {}): string {
  const result = run(cmd, args, options);
  if (result.status !== 0) {
    throw new Error(
      `lab: \`${cmd} ${args.join(' ')}\` exited ${result.status}\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/** True when `name` is an executable on PATH (or in the sbin directories root uses). */
export function hasProgram(name: string): boolean {
  return run('sh', ['-c', `command -v ${name}`], { env: withSbinPath() }).status === 0;
}

/** Debian puts server binaries in /usr/sbin, which a non-login shell may lack. */
export function withSbinPath(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const path = env.PATH ?? '/usr/bin:/bin';
  return { ...env, PATH: `${path}:/usr/sbin:/sbin:/usr/local/sbin` };
}
