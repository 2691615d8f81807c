import { join } from 'node:path';
import type { IssuedCert } from './ca.ts';
import { writeIfChanged } from './files.ts';
import { pidFileAlive, stopPidFile, waitFor } from './process.ts';
import { ADDR } from './resolve.ts';
import { run, runOrThrow, withSbinPath } from './run.ts';
import { ensureDir } from './state.ts';

const env = withSbinPath();
const dir = () => ensureDir('unbound');
const pidPath = () => join(dir(), 'unbound.pid');

function unboundConf(cert: IssuedCert): string {
  const d = dir();
  return `server:
    verbosity: 1
    interface: ${ADDR.resolver}@53
    interface: ${ADDR.resolver}@${ADDR.dohPort}
    https-port: ${ADDR.dohPort}
    http-notls-downstream: no
    tls-service-key: "${cert.keyPath}"
    tls-service-pem: "${cert.chainPath}"
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
    do-ip6: no
    username: ""
    chroot: ""
    directory: "${d}"
    pidfile: "${pidPath()}"
    use-syslog: no
    logfile: "${join(d, 'unbound.log')}"
    val-log-level: 2
    trust-anchor-file: "${join(d, 'ta.key')}"
    cache-max-ttl: 60
    cache-max-negative-ttl: 5
    minimal-responses: no
stub-zone:
    name: "lab"
    stub-addr: ${ADDR.authoritative}
`;
}

/** Starts (or restarts when its configuration, trust anchor or zones changed) the resolver. */
export async function startUnbound(
  cert: IssuedCert,
  trustAnchor: string,
  zonesChanged: boolean,
): Promise<void> {
  const conf = join(dir(), 'unbound.conf');
  const anchorChanged = writeIfChanged(join(dir(), 'ta.key'), trustAnchor);
  const confChanged = writeIfChanged(conf, unboundConf(cert));
  const changed = anchorChanged || confChanged || zonesChanged;
  if (pidFileAlive(pidPath())) {
    if (!changed) return;
    await stopPidFile(pidPath()); // a restart also empties the cache of old zone data
  }
  runOrThrow('unbound-checkconf', [conf], { env });
  runOrThrow('unbound', ['-c', conf], { env });
  await waitFor('unbound', () => {
    if (!pidFileAlive(pidPath())) return false;
    return (
      run('kdig', [`@${ADDR.resolver}`, 'lab.', 'SOA', '+short', '+timeout=1'], { env }).status ===
      0
    );
  });
}

export const trustAnchorPath = () => join(dir(), 'ta.key');

export async function stopUnbound(): Promise<boolean> {
  return stopPidFile(pidPath());
}
