// The population's MTA-STS policy hosts: one HTTPS server on POLICY_ADDRESS:443 that answers
// for every `mta-sts.<domain>` of the population, as a policy-hosting provider does. Its one
// certificate (from the lab CA) names every policy host except those drawn with a bad
// certificate, so those fail the TLS name check exactly as in the IMC study's TLS errors.
//
//   node test/lab/population/policy-server.ts <population dir>     (runs until SIGTERM)

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { stateDir } from '../lib/state.ts';
import { POLICY_ADDRESS } from './zone-lines.ts';

interface Policies {
  policies: Record<string, string>;
  certificateNames: string[];
}

/** Issues a leaf for all names, signed by the lab intermediate (anew: the CA may be new). */
function certificate(dir: string, names: string[]): { key: string; cert: string } {
  const keyPath = join(dir, 'policy.key');
  const certPath = join(dir, 'policy.chain.pem');
  const ca = join(stateDir(), 'ca');
  const conf = join(dir, 'policy-cert.cnf');
  const sans = names.length > 0 ? names : ['mta-sts.invalid.lab'];
  writeFileSync(
    conf,
    [
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '[ext]',
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature',
      'extendedKeyUsage = serverAuth',
      'subjectAltName = @alt',
      '[alt]',
      ...sans.map((name, i) => `DNS.${i + 1} = ${name}`),
      '',
    ].join('\n'),
  );
  const csr = join(dir, 'policy.csr');
  const leaf = join(dir, 'policy.pem');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  execFileSync('openssl', [
    'req',
    '-new',
    ...ec,
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    csr,
    '-subj',
    '/CN=population policy hosts',
    '-config',
    conf,
  ]);
  execFileSync('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    join(ca, 'intermediate.pem'),
    '-CAkey',
    join(ca, 'intermediate.key'),
    '-CAcreateserial',
    '-days',
    '365',
    '-sha256',
    '-extfile',
    conf,
    '-extensions',
    'ext',
    '-out',
    leaf,
  ]);
  writeFileSync(
    certPath,
    readFileSync(leaf, 'utf8') + readFileSync(join(ca, 'intermediate.pem'), 'utf8'),
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}

export function startPolicyServer(dir: string): Promise<() => Promise<void>> {
  const { policies, certificateNames } = JSON.parse(
    readFileSync(join(dir, 'policies.json'), 'utf8'),
  ) as Policies;
  const server = createServer(certificate(dir, certificateNames), (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const body = request.url === '/.well-known/mta-sts.txt' ? policies[host] : undefined;
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain' }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(443, POLICY_ADDRESS, () =>
      resolve(() => new Promise<void>((done) => server.close(() => done()))),
    );
  });
}

if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: policy-server.ts <population dir>');
  const stop = await startPolicyServer(dir);
  console.log(`population policy server on https://${POLICY_ADDRESS}:443`);
  const quit = () => void stop().then(() => process.exit(0));
  process.once('SIGTERM', quit);
  process.once('SIGINT', quit);
}
