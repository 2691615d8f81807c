// `npm start`: build the extension for Chrome and Firefox, then run the probe service.

import { resolve } from 'node:path';
import { buildServer } from '../server/app.ts';
import { runStep } from './run-step.ts';

const build = await runStep('extension build', 'npm', ['run', '--silent', 'build']);
if (!build.ok) process.exit(1);

const host = process.env.MAILSEAL_HOST ?? '127.0.0.1';
const port = Number(process.env.MAILSEAL_PORT ?? 8787);
const app = buildServer();
await app.listen({ host, port });

const root = resolve(import.meta.dirname, '..');
process.stdout.write(`
MailSeal is ready.

  Chrome / Chromium  chrome://extensions → Developer mode → Load unpacked →
                     ${root}/.output/chrome-mv3
  Firefox            about:debugging#/runtime/this-firefox → Load Temporary Add-on →
                     ${root}/.output/firefox-mv3/manifest.json
  Probe service      http://${host}:${port}  (health: http://${host}:${port}/healthz)

Press Ctrl+C to stop the probe service.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
