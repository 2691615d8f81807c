// npm run lab:stop: stops every lab process and puts Postfix's /etc/postfix files back.
// The CA, keys and zones stay in the state dir so the next start is quick and keeps its pins;
// `npm run lab:stop -- --purge` removes the state dir too.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stopAdversarial } from './lib/adversarial.ts';
import { stopKnot } from './lib/knot.ts';
import { nginxPidFile } from './lib/nginx.ts';
import { restoreSystemConfig, stopPostfix } from './lib/postfix.ts';
import { stopPidFile } from './lib/process.ts';
import { stateDir } from './lib/state.ts';
import { stopUnbound } from './lib/unbound.ts';
import { stopDovecot } from './webmail/dovecot.ts';
import { removeOutboundAddresses } from './webmail/loopback-aliases.ts';
import { stopMilters } from './webmail/milters.ts';
import { stopRoundcube } from './webmail/roundcube.ts';

async function main(): Promise<void> {
  const dir = stateDir();
  if (!existsSync(dir)) {
    console.log(`lab: nothing to stop (no ${dir})`);
    return;
  }
  rmSync(join(dir, 'lab.json'), { force: true });
  rmSync(join(dir, 'lab.fingerprint.json'), { force: true });
  const report = (what: string, stopped: boolean | number) =>
    console.log(`lab: ${what}: ${stopped ? 'stopped' : 'was not running'}`);
  report('adversarial servers', await stopAdversarial());
  report('nginx', await stopPidFile(nginxPidFile()));
  report('php-fpm (Roundcube)', await stopRoundcube());
  report('dovecot', await stopDovecot());
  report('opendkim and opendmarc', await stopMilters());
  report('postfix', stopPostfix());
  const removed = removeOutboundAddresses();
  if (removed > 0) console.log(`lab: ${removed} mail-flow source addresses removed from lo`);
  if (restoreSystemConfig()) console.log('lab: /etc/postfix/main.cf and master.cf restored');
  report('unbound', await stopUnbound());
  report('knot', await stopKnot());
  if (process.argv.includes('--purge')) {
    rmSync(dir, { recursive: true, force: true });
    console.log(`lab: removed ${dir}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
