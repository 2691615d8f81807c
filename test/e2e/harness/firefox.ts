// Runs the Firefox build in Debian's firefox-esr, headless, through Mozilla's own `web-ext run`
// (it installs the extension as a temporary add-on). Never downloads a browser.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function firefoxPath(): string {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(
      `Firefox not found at ${FIREFOX_PATH}: npm test installs firefox-esr (apt-get)`,
    );
  }
  return FIREFOX_PATH;
}

export interface RunningFirefox {
  output: () => string;
  stop: () => Promise<void>;
}

export interface FirefoxOptions {
  /** Opened at start; none: the extension is driven another way (Marionette). */
  startUrl?: string;
  /** Extra preferences (name → value), e.g. a proxy or Marionette's port. */
  prefs?: Record<string, string | number | boolean>;
  /** Extra command-line arguments for firefox-esr itself. */
  args?: string[];
}

export function runFirefoxWithExtension(
  sourceDir: string,
  options: FirefoxOptions,
): RunningFirefox {
  let output = '';
  const child: ChildProcess = spawn(
    'npx',
    [
      'web-ext',
      'run',
      '--source-dir',
      sourceDir,
      '--firefox',
      firefoxPath(),
      '--no-input',
      '--no-reload',
      ...(options.startUrl ? ['--start-url', options.startUrl] : []),
      // Nothing but the fixture: no update checks, telemetry or first-run pages.
      '--pref=app.update.enabled=false',
      '--pref=datareporting.policy.dataSubmissionEnabled=false',
      '--pref=browser.shell.checkDefaultBrowser=false',
      '--pref=network.captive-portal-service.enabled=false',
      ...Object.entries(options.prefs ?? {}).map(([name, value]) => `--pref=${name}=${value}`),
      ...(options.args ?? []).map((arg) => `--arg=${arg}`),
    ],
    {
      env: { ...process.env, MOZ_HEADLESS: '1' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // web-ext and the Firefox it started form one process group.
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    },
  };
}
