import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { MAILSEAL_VERSION } from '../../../lib/version.ts';
import { captureIo } from '../../fixtures/cli/capture-io.ts';

describe('mailseal program', () => {
  it('prints the package version for --version', async () => {
    const io = captureIo();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.stdout().trim()).toBe(MAILSEAL_VERSION);
  });

  it('prints usage for --help', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.stdout()).toMatch(/^Usage: mailseal/);
  });

  it('fails with a message for an unknown command', async () => {
    const io = captureIo();
    expect(await runCli(['frobnicate'], io)).not.toBe(0);
    expect(io.stderr()).toMatch(/unknown command|too many arguments/);
  });
});
