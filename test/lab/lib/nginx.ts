import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedPolicy } from '../lab-info.ts';
import type { IssuedCert } from './ca.ts';
import { writeIfChanged } from './files.ts';
import { pidFileAlive, readPid, waitFor } from './process.ts';
import { ADDR } from './resolve.ts';
import { runOrThrow, withSbinPath } from './run.ts';
import { ensureDir } from './state.ts';

const dir = () => ensureDir('nginx');
const pidPath = () => join(dir(), 'nginx.pid');

/** The policy body a scenario declares: CRLF lines, padded with extension lines when asked. */
export function policyBody(policy: ResolvedPolicy): string {
  let body = (policy.body ?? []).map((l) => `${l}\r\n`).join('');
  const target = policy.padToBytes ?? 0;
  for (let i = 0; body.length < target; i++) {
    body += `x-lab-padding-${i}: ${'p'.repeat(100)}\r\n`;
  }
  return body;
}

function serverBlock(policy: ResolvedPolicy, cert: IssuedCert, root: string): string {
  const status = policy.status ?? 200;
  const answer = policy.redirect
    ? `return 301 ${policy.redirect};`
    : status === 200
      ? `root ${root};`
      : `return ${status};`;
  return `  server {
    listen ${policy.address}:443 ssl;
    server_name ${policy.hostname};
    ssl_certificate ${cert.chainPath};
    ssl_certificate_key ${cert.keyPath};
    location = /.well-known/mta-sts.txt {
      default_type ${policy.contentType ?? 'text/plain'};
      ${answer}
    }
    location / { return 404; }
  }
`;
}

/**
 * Writes one server block per policy host (SNI), then `extraServers` (the webmail), and starts
 * or reloads nginx.
 */
export async function startNginx(
  policies: ReadonlyArray<{ policy: ResolvedPolicy; cert: IssuedCert }>,
  fallback: IssuedCert,
  extraServers: readonly string[] = [],
): Promise<void> {
  const d = dir();
  const www = ensureDir('nginx', 'www');
  let contentChanged = false;
  const blocks = policies.map(({ policy, cert }) => {
    const root = join(www, policy.hostname);
    mkdirSync(join(root, '.well-known'), { recursive: true });
    contentChanged =
      writeIfChanged(join(root, '.well-known', 'mta-sts.txt'), policyBody(policy)) ||
      contentChanged;
    return serverBlock(policy, cert, root);
  });
  const addresses = [...new Set([ADDR.policyNginx, ...policies.map((p) => p.policy.address)])];
  const defaults = addresses.map(
    (a) => `  server {
    listen ${a}:443 ssl default_server;
    ssl_certificate ${fallback.chainPath};
    ssl_certificate_key ${fallback.keyPath};
    return 421;
  }
`,
  );
  const conf = `# Written by the MailSeal lab (test/lab).
user root;
worker_processes 1;
pid ${pidPath()};
error_log ${join(d, 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log ${join(d, 'access.log')};
  client_body_temp_path ${ensureDir('nginx', 'tmp')};
  proxy_temp_path ${ensureDir('nginx', 'tmp')};
  fastcgi_temp_path ${ensureDir('nginx', 'tmp')};
  uwsgi_temp_path ${ensureDir('nginx', 'tmp')};
  scgi_temp_path ${ensureDir('nginx', 'tmp')};
  server_tokens off;
${defaults.join('')}${blocks.join('')}${extraServers.join('')}}
`;
  const confPath = join(d, 'nginx.conf');
  const changed = writeIfChanged(confPath, conf);
  const opensslConf = join(d, 'openssl-seclevel0.cnf');
  // SHA-1 and RSA-1024 certificates only load below OpenSSL's default security level.
  writeIfChanged(
    opensslConf,
    'openssl_conf = lab\n[lab]\nssl_conf = ssl\n[ssl]\nsystem_default = sys\n[sys]\nCipherString = DEFAULT:@SECLEVEL=0\n',
  );
  const env = { ...withSbinPath(), OPENSSL_CONF: opensslConf };
  const args = ['-c', confPath, '-p', d, '-e', join(d, 'error.log')];
  if (!pidFileAlive(pidPath())) {
    runOrThrow('nginx', ['-t', '-q', ...args], { env });
    runOrThrow('nginx', args, { env });
    await waitFor('nginx', () => pidFileAlive(pidPath()));
  } else if (changed || contentChanged) {
    runOrThrow('nginx', ['-t', '-q', ...args], { env });
    process.kill(readPid(pidPath()) ?? 0, 'SIGHUP');
  }
}

export const nginxPidFile = pidPath;
