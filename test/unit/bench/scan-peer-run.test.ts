// bench:scan finds the checkdmarc runner itself, and says why when there is none.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHECKDMARC,
  findCheckdmarc,
  findOrInstallCheckdmarc,
} from '../../../bench/scan-peer-run.ts';

describe('findCheckdmarc', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peer-runner-'));
  const runner = join(dir, 'checkdmarc.sh');
  writeFileSync(runner, '#!/bin/sh\n');

  it('defaults to the runner beside the clone: ../shared/checkdmarc-run/checkdmarc.sh', () => {
    expect(DEFAULT_CHECKDMARC.endsWith('/shared/checkdmarc-run/checkdmarc.sh')).toBe(true);
    expect(DEFAULT_CHECKDMARC).not.toContain('/bench/');
  });

  it('runs the default runner when it is there and executable', () => {
    chmodSync(runner, 0o755);
    expect(findCheckdmarc('', {}, runner)).toEqual({ command: runner });
  });

  it('says where it looked and how to override when the default runner is missing', () => {
    const missing = findCheckdmarc('', {}, join(dir, 'absent.sh'));
    expect(missing).toHaveProperty('missing');
    const reason = 'missing' in missing ? missing.missing : '';
    expect(reason).toContain(join(dir, 'absent.sh'));
    expect(reason).toContain('--checkdmarc');
    expect(reason).toContain('MAILSEAL_CHECKDMARC');
  });

  it('does not run a default runner that is not executable', () => {
    const plain = join(dir, 'plain.sh');
    writeFileSync(plain, '#!/bin/sh\n');
    chmodSync(plain, 0o644);
    expect(findCheckdmarc('', {}, plain)).toHaveProperty('missing');
  });

  it('takes --checkdmarc first, then MAILSEAL_CHECKDMARC, over the default', () => {
    const env = { MAILSEAL_CHECKDMARC: 'python3 /opt/checkdmarc' };
    expect(findCheckdmarc('/x/run.sh', env, runner)).toEqual({ command: '/x/run.sh' });
    expect(findCheckdmarc('', env, runner)).toEqual({ command: 'python3 /opt/checkdmarc' });
  });
});

describe('findOrInstallCheckdmarc', () => {
  it('tries PyPI only when no runner was given or found, and keeps both reasons', () => {
    let tried = 0;
    const install = () => {
      tried++;
      return { missing: 'pip install checkdmarc failed: no index' };
    };
    expect(findOrInstallCheckdmarc('/x/run.sh', install)).toEqual({ command: '/x/run.sh' });
    expect(tried).toBe(0);
    const absent = join(mkdtempSync(join(tmpdir(), 'peer-none-')), 'checkdmarc.sh');
    const none = findOrInstallCheckdmarc('', install, {}, absent);
    expect(tried).toBe(1);
    expect(none).toHaveProperty('missing');
    const reason = 'missing' in none ? none.missing : '';
    expect(reason).toContain('no checkdmarc runner at');
    expect(reason).toContain('from PyPI: pip install checkdmarc failed: no index');
  });
});
