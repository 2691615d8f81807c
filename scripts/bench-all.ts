// `npm run bench`: runs every `bench:*` script in package.json, one after another.

import packageJson from '../package.json' with { type: 'json' };
import { runStep } from './run-step.ts';

const benches = Object.keys(packageJson.scripts).filter((name) => name.startsWith('bench:'));
if (benches.length === 0) process.stdout.write('No bench:* scripts yet.\n');
let failed = false;
for (const name of benches) {
  const result = await runStep(name, 'npm', ['run', '--silent', name]);
  failed ||= !result.ok;
}
process.exitCode = failed ? 1 : 0;
