// The population's MTA-STS policy hosts: one HTTPS server on POLICY_ADDRESS:443 that answers
// for every `mta-sts.<domain>` of the population, as a policy-hosting provider does. Its
// certificates (from the lab CA) name every policy host except those drawn with a bad
// certificate, so those fail the TLS name check exactly as in the IMC study's TLS errors.
// A certificate names at most CERTIFICATE_NAMES hosts and is chosen by SNI: one certificate for
// the 4,751 policy hosts of 100,000 domains is 124 KB, over OpenSSL's 100 KB limit on a
// peer's certificate list (SSL_CTX_set_max_cert_list), so every client refused it.
//
//   node test/lab/population/policy-server.ts <population dir>     (runs until SIGTERM)

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import { stateDir } from '../lib/state.ts';
import { POLICY_ADDRESS } from './zone-lines.ts';

interface Policies {
  policies: Record<string, string>;
  certificateNames: string[];
}

/** Names per certificate: about 26 KB of DER per thousand, well under OpenSSL's 100 KB. */
const CERTIFICATE_NAMES = 2_000;

/** Issues a leaf for `names`, signed by the lab intermediate (anew: the CA may be new). */
function certificate(dir: string, names: string[], part: number): { key: string; cert: string } {
  const file = (suffix: string) => join(dir, `policy-${part}${suffix}`);
  const keyPath = file('.key');
  const certPath = file('.chain.pem');
  const ca = join(stateDir(), 'ca');
  const conf = file('-cert.cnf');
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
  const csr = file('.csr');
  const leaf = file('.pem');
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
  const parts: string[][] = [];
  for (let i = 0; i < Math.max(1, certificateNames.length); i += CERTIFICATE_NAMES)
    parts.push(certificateNames.slice(i, i + CERTIFICATE_NAMES));
  const issued = parts.map((names, i) => certificate(dir, names, i));
  const contexts: SecureContext[] = issued.map((pair) => createSecureContext(pair));
  const partOf = new Map(parts.flatMap((names, i) => names.map((name) => [name, i] as const)));
  const options = {
    ...issued[0],
    // A name no certificate holds (drawn with a bad certificate) gets the first: a mismatch.
    SNICallback: (name: string, done: (error: Error | null, context: SecureContext) => void) =>
      done(null, contexts[partOf.get(name.toLowerCase()) ?? 0] as SecureContext),
  };
  const server = createServer(options, (request, response) => {
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
