// The recipient's authentication milters (Debian packages), both writing Authentication-Results
// under the recipient MX's own authserv-id, mx1.allgood.lab:
//  - OpenDKIM (opendkim) in verify mode: dkim=, keys fetched from the lab resolver (libunbound,
//    validating with the lab trust anchor);
//  - OpenDMARC (opendmarc): spf= (SPFSelfValidate, libspf2) and dmarc=, reading OpenDKIM's
//    result. libspf2 and OpenDMARC resolve through /etc/resolv.conf, so OpenDMARC runs in a
//    private mount namespace whose resolv.conf names the lab resolver; the system's is untouched.
import { join } from 'node:path';
import { writeIfChanged } from '../lib/files.ts';
import { pidFileAlive, stopPidFile, waitFor } from '../lib/process.ts';
import { ADDR } from '../lib/resolve.ts';
import { ensureDir, statePath } from '../lib/state.ts';
import { RECIPIENT_MX_HOST, WEBMAIL_ADDR, WEBMAIL_PORTS } from './addresses.ts';
import { startDaemon } from './daemon.ts';

const dir = () => ensureDir('milters');
const pid = (name: string) => statePath('milters', `${name}.pid`);

function opendkimConf(trustAnchorPath: string): string {
  return `# Written by the MailSeal lab (test/lab/webmail/milters.ts).
Mode v
Socket inet:${WEBMAIL_PORTS.opendkim}@${WEBMAIL_ADDR.opendkim}
AuthservID ${RECIPIENT_MX_HOST}
AlwaysAddARHeader yes
PidFile ${pid('opendkim')}
Background yes
Syslog no
Nameservers ${ADDR.resolver}
TrustAnchorFile ${trustAnchorPath}
`;
}

function opendmarcConf(): string {
  return `# Written by the MailSeal lab (test/lab/webmail/milters.ts).
Socket inet:${WEBMAIL_PORTS.opendmarc}@${WEBMAIL_ADDR.opendmarc}
AuthservID ${RECIPIENT_MX_HOST}
TrustedAuthservIDs ${RECIPIENT_MX_HOST}
PidFile ${pid('opendmarc')}
Background true
Syslog false
SPFSelfValidate true
SPFIgnoreResults true
RejectFailures false
`;
}

/** Runs `cmd` with /etc/resolv.conf naming the lab resolver, in a private mount namespace. */
function withLabResolver(cmd: string, args: readonly string[]): void {
  const resolv = join(dir(), 'resolv.conf');
  writeIfChanged(resolv, `nameserver ${ADDR.resolver}\n`);
  const script = 'mount --bind "$0" /etc/resolv.conf && exec "$@"';
  startDaemon('unshare', ['-m', 'sh', '-c', script, resolv, cmd, ...args], `${cmd} (no log file)`);
}

async function startOne(name: string, conf: string, args: readonly string[]): Promise<void> {
  const path = join(dir(), `${name}.conf`);
  const changed = writeIfChanged(path, conf);
  if (pidFileAlive(pid(name))) {
    if (!changed) return;
    await stopPidFile(pid(name));
  }
  withLabResolver(name, [...args, path]);
  await waitFor(name, () => pidFileAlive(pid(name)));
}

export async function startMilters(trustAnchorPath: string): Promise<void> {
  await startOne('opendkim', opendkimConf(trustAnchorPath), ['-x']);
  await startOne('opendmarc', opendmarcConf(), ['-c']);
}

export async function stopMilters(): Promise<number> {
  let stopped = 0;
  for (const name of ['opendkim', 'opendmarc']) if (await stopPidFile(pid(name))) stopped++;
  return stopped;
}
