// The bench installs checkdmarc from PyPI when no runner is given or found, and says why in pip's
// own words when the registry cannot be reached.
import type { SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installCheckdmarc, type Run } from '../../../bench/checkdmarc-install.ts';

const step = (status: number, stderr = ''): SpawnSyncReturns<string> => ({
  pid: 1,
  output: [],
  stdout: '',
  stderr,
  status,
  signal: null,
});

function placeProgram(venv: string): void {
  mkdirSync(join(venv, 'bin'), { recursive: true });
  writeFileSync(join(venv, 'bin', 'checkdmarc'), '#!/bin/sh\n');
  chmodSync(join(venv, 'bin', 'checkdmarc'), 0o755);
}

describe('installCheckdmarc', () => {
  it('makes a venv and pip-installs checkdmarc into it, then runs its checkdmarc', () => {
    const venv = join(mkdtempSync(join(tmpdir(), 'peer-venv-')), 'venv');
    const calls: string[] = [];
    const run: Run = (program, args) => {
      calls.push([program, ...args].join(' '));
      if (args.includes('checkdmarc')) placeProgram(venv);
      return step(0);
    };
    expect(installCheckdmarc(venv, run)).toEqual({ command: join(venv, 'bin', 'checkdmarc') });
    expect(calls).toEqual([
      `python3 -m venv ${venv}`,
      `${join(venv, 'bin', 'pip')} install --disable-pip-version-check checkdmarc`,
    ]);
  });

  it('does not install again when the venv already has checkdmarc', () => {
    const venv = mkdtempSync(join(tmpdir(), 'peer-venv-'));
    placeProgram(venv);
    const run: Run = () => {
      throw new Error('nothing should run');
    };
    expect(installCheckdmarc(venv, run)).toEqual({ command: join(venv, 'bin', 'checkdmarc') });
  });

  it("gives pip's last line when the registry cannot be reached", () => {
    const venv = join(mkdtempSync(join(tmpdir(), 'peer-venv-')), 'venv');
    const run: Run = (_program, args) =>
      args.includes('checkdmarc')
        ? step(1, 'WARNING: Retrying…\nERROR: No matching distribution found for checkdmarc\n')
        : step(0);
    expect(installCheckdmarc(venv, run)).toEqual({
      missing:
        'pip install checkdmarc failed: ERROR: No matching distribution found for checkdmarc',
    });
  });

  it('says so when no venv can be made', () => {
    const venv = join(mkdtempSync(join(tmpdir(), 'peer-venv-')), 'venv');
    const run: Run = () => step(1, 'ensurepip is not available\n');
    expect(installCheckdmarc(venv, run)).toEqual({
      missing: 'python3 -m venv failed: ensurepip is not available',
    });
  });
});
