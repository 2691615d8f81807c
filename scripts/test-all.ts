// `npm test`: check, unit, integration (against the lab), build, end-to-end (real Chromium, and
// the Firefox build in firefox-esr; both browsers are installed from Debian when missing).
// Every step runs, so one failure does not hide another; a step whose prerequisite failed
// (integration needs the lab, end-to-end needs the build) is reported as skipped, which fails.

import { existsSync } from 'node:fs';
import { runStep, type StepResult } from './run-step.ts';

const labInfoFile = `${process.env.MAILSEAL_LAB_DIR ?? '/tmp/mailseal-lab'}/lab.json`;
const labWasRunning = existsSync(labInfoFile);

interface Step {
  name: string;
  command: string;
  args: string[];
  needs?: string[];
}

const steps: Step[] = [
  { name: 'check', command: 'npm', args: ['run', '--silent', 'check'] },
  { name: 'unit tests', command: 'npx', args: ['vitest', 'run', '--project', 'unit'] },
  { name: 'lab start', command: 'npm', args: ['run', '--silent', 'lab:start'] },
  {
    name: 'integration tests',
    command: 'npx',
    args: ['vitest', 'run', '--project', 'integration'],
    needs: ['lab start'],
  },
  { name: 'extension build', command: 'npm', args: ['run', '--silent', 'build'] },
  { name: 'browsers', command: 'node', args: ['scripts/ensure-browsers.ts'] },
  {
    name: 'end-to-end tests',
    command: 'npx',
    args: ['vitest', 'run', '--project', 'e2e'],
    needs: ['extension build', 'browsers'],
  },
];

const results: (StepResult & { skipped?: boolean })[] = [];
for (const step of steps) {
  const unmet = results.some((result) => step.needs?.includes(result.name) && !result.ok);
  if (unmet) {
    results.push({ name: step.name, ok: false, seconds: 0, skipped: true });
    continue;
  }
  results.push(await runStep(step.name, step.command, step.args));
}
if (!labWasRunning && existsSync(labInfoFile)) {
  await runStep('lab stop', 'npm', ['run', '--silent', 'lab:stop']);
}

process.stdout.write('\nSummary\n');
for (const { name, ok, seconds, skipped } of results) {
  const status = skipped ? 'SKIP' : ok ? 'pass' : 'FAIL';
  process.stdout.write(`  ${status}  ${name} (${seconds.toFixed(1)} s)\n`);
}
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
