// The shipped entry points, run as real processes: the probe service and the `mailseal` bin.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

describe('shipped processes', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
  });

  it('`mailseal --version` prints the package version', async () => {
    const { stdout } = await run(process.execPath, [
      resolve(root, 'cli/bin/mailseal.js'),
      '--version',
    ]);
    expect(stdout.trim()).toBe(packageJson.version);
  });

  it('the probe service answers GET /healthz on loopback', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(root, 'server/main.ts')], {
      env: { ...process.env, MAILSEAL_PORT: String(port) },
      stdio: 'ignore',
    });
    children.push(child);
    const url = `http://127.0.0.1:${port}/healthz`;
    await expect
      .poll(async () => (await fetch(url).catch(() => null))?.status, { timeout: 20_000 })
      .toBe(200);
    expect(await (await fetch(url)).json()).toMatchObject({ status: 'ok' });
  });
});
