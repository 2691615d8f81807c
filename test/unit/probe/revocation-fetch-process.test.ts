// Issue 14, at the level that matters: a process fetching from a hostile OCSP/CRL server keeps
// running. The child has no handler of its own, so any unheard 'error' event exits it non-zero.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE_ANSWERS } from '../../lab/adversarial/hostile-http-answers.ts';

const child = join(import.meta.dirname, 'helpers/hostile-fetch-child.ts');

describe('a process fetching from a hostile revocation server', () => {
  it('survives every answer and refuses all but the well-formed ones', () => {
    const run = spawnSync(process.execPath, [child], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toMatch(/Uncaught|RequestAbortedError|Error:/);
    expect(run.status).toBe(0);
    const outcomes = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
    for (const answer of HOSTILE_ANSWERS) {
      for (const method of ['GET', 'POST']) {
        const outcome = outcomes[`${answer} ${method}`];
        if (answer === 'garbage') expect(outcome).toMatch(/^ok \d+/);
        else expect(outcome).toMatch(/^refused: /);
      }
    }
  }, 70_000);
});
