import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor } from '../../../cli/commands/index.ts';
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

  it('loads only the command it runs; help and unknown words see every command', async () => {
    // Loading all of them cost a scan coordinator 1.3 s of CPU at start (issue 22).
    expect(commandsFor(['scan', 'list.txt', '--queue', 'redis://x']).map((c) => c.name)).toEqual([
      'scan',
    ]);
    expect(commandsFor(['--help'])).toBe(COMMANDS);
    expect(commandsFor(['frobnicate'])).toBe(COMMANDS);
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const { name } of COMMANDS) expect(io.stdout()).toMatch(new RegExp(`\\n  ${name}\\b`));
    const scanHelp = captureIo();
    expect(await runCli(['scan', '--help'], scanHelp)).toBe(0);
    expect(scanHelp.stdout()).toMatch(/^Usage: mailseal scan/);
  });
});
