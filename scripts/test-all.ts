// `npm test`: check, unit, integration (against the lab), build, end-to-end (real Chromium).
// Stops at the first failing step and prints a summary of every step that ran.

import { existsSync } from 'node:fs';
import { runStep, type StepResult } from './run-step.ts';

const labInfoFile = `${process.env.MAILSEAL_LAB_DIR ?? '/tmp/mailseal-lab'}/lab.json`;
const labWasRunning = existsSync(labInfoFile);

const steps: [string, string, string[]][] = [
  ['check (typecheck, lint, format)', 'npm', ['run', '--silent', 'check']],
  ['unit tests', 'npx', ['vitest', 'run', '--project', 'unit']],
  ['lab start', 'npm', ['run', '--silent', 'lab:start']],
  ['integration tests', 'npx', ['vitest', 'run', '--project', 'integration']],
  ['extension build', 'npm', ['run', '--silent', 'build']],
  ['end-to-end tests', 'npx', ['vitest', 'run', '--project', 'e2e']],
];

const results: StepResult[] = [];
for (const [name, command, args] of steps) {
  const result = await runStep(name, command, args);
  results.push(result);
  if (!result.ok) break;
}
if (!labWasRunning && existsSync(labInfoFile)) {
  await runStep('lab stop', 'npm', ['run', '--silent', 'lab:stop']);
}

process.stdout.write('\nSummary\n');
for (const { name, ok, seconds } of results) {
  process.stdout.write(`  ${ok ? 'pass' : 'FAIL'}  ${name} (${seconds.toFixed(1)} s)\n`);
}
const failed = results.some((result) => !result.ok) || results.length < steps.length;
process.exitCode = failed ? 1 : 0;
