// Installs the browsers the end-to-end tests drive, when they are missing: Debian's chromium
// (Playwright drives it over CDP) and firefox-esr (web-ext runs the Firefox build in it). As
// `npm run lab:start` installs the lab's servers, `npm test` runs this, so a bare Debian machine
// needs only `npm ci && npm test`. Never downloads a browser of its own.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BROWSERS: ReadonlyArray<readonly [path: string, pkg: string]> = [
  [process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', 'chromium'],
  [process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', 'firefox-esr'],
];

const missing = BROWSERS.filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg);
if (missing.length === 0) {
  process.stdout.write('browsers: chromium and firefox-esr are installed\n');
} else {
  if (process.getuid?.() !== 0) {
    process.stderr.write(`browsers: missing ${missing.join(' ')}; run as root to install them\n`);
    process.exit(1);
  }
  process.stdout.write(`browsers: installing ${missing.join(' ')} with apt-get\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status;
  const install = () => apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  // A fresh machine's package lists may be missing or stale: update once, then try again.
  if (install() !== 0 && (apt(['update', '-qq']) !== 0 || install() !== 0)) {
    process.stderr.write(`browsers: apt-get could not install ${missing.join(' ')}\n`);
    process.exit(1);
  }
}
