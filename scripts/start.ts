// `npm start`: build the extension for Chrome and Firefox, then run the probe service with its
// embedded defaults (SQLite cache in the data directory, public resolvers). Flags after `--`
// go to the service, e.g. `npm start -- --lab`.

import { resolve } from 'node:path';
import { runService } from '../server/run-service.ts';
import { runStep } from './run-step.ts';

const build = await runStep('extension build', 'npm', ['run', '--silent', 'build']);
if (!build.ok) process.exit(1);

const { config } = await runService(process.argv.slice(2));
const probeUrl = `http://${config.host}:${config.port}`;
const root = resolve(import.meta.dirname, '..');
process.stdout.write(`
MailSeal is ready.

  Chrome / Chromium  chrome://extensions → Developer mode → Load unpacked →
                     ${root}/.output/chrome-mv3
  Firefox            about:debugging#/runtime/this-firefox → Load Temporary Add-on →
                     ${root}/.output/firefox-mv3/manifest.json
  Probe service      ${probeUrl}  (health: ${probeUrl}/healthz, API: ${probeUrl}/openapi.json)
                     ${config.lab ? 'LAB MODE: trusts the lab CA and allows loopback targets' : 'connects only to public MX addresses'}

Press Ctrl+C to stop the probe service.
`);
