// A throw-away CA made with the openssl CLI at test time, with a real OCSP responder (OpenSSL's
// `openssl ocsp -index` answering each request from an index file; OpenSSL 3.0's `-port` cannot
// bind to loopback only, so a loopback HTTP server hands it each request via -reqin/-respout)
// and a CRL made by `openssl ca -gencrl` from the same index, served over HTTP on loopback.
// Leaves name the responder and/or the CRL; the index says which are good and which revoked.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../server-support/redis-server.ts';

export type LeafName = 'good' | 'revoked' | 'unlisted' | 'crlgood' | 'crlrevoked' | 'deadocsp';

export interface RevocationPki {
  caPem: string;
  leaves: Record<LeafName, { certPem: string; keyPem: string; serial: string }>;
  crlUrl: string;
  /** Requests the CRL server received. */
  crlRequests: () => number;
  /** Requests the OCSP responder received. */
  ocspRequests: () => number;
  stop(): Promise<void>;
}

// Which extensions each leaf carries, and what the index says about it.
const LEAVES: Record<LeafName, { section: string; index: 'V' | 'R' | null; serial: string }> = {
  good: { section: 'ocsp', index: 'V', serial: '1A01' },
  revoked: { section: 'ocsp', index: 'R', serial: '1A02' },
  unlisted: { section: 'ocsp', index: null, serial: '1A03' },
  crlgood: { section: 'crl', index: 'V', serial: '1A04' },
  crlrevoked: { section: 'crl', index: 'R', serial: '1A05' },
  deadocsp: { section: 'dead', index: null, serial: '1A06' },
};

const run = promisify(execFile);
const openssl = (dir: string, args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

function opensslTime(date: Date): string {
  return `${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`; // YYMMDDHHMMSSZ
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => server.close(() => resolve()));

function extensions(ocspPort: number, deadPort: number, crlUrl: string): string {
  const base = ['basicConstraints=CA:FALSE', 'subjectAltName=DNS:mx.revocation.test'];
  return [
    '[ocsp]',
    ...base,
    `authorityInfoAccess=OCSP;URI:http://127.0.0.1:${ocspPort}`,
    '[crl]',
    ...base,
    `crlDistributionPoints=URI:${crlUrl}`,
    '[dead]',
    ...base,
    `authorityInfoAccess=OCSP;URI:http://127.0.0.1:${deadPort}`,
    '',
  ].join('\n');
}

export async function startRevocationPki(): Promise<RevocationPki> {
  const dir = mkdtempSync(join(tmpdir(), 'mailseal-ocsp-'));
  const deadPort = await freePort();
  let crlBytes = Buffer.alloc(0);
  let crlRequests = 0;
  let ocspRequests = 0;
  let sequence = 0;
  const crlServer = createServer((req, res) => {
    crlRequests += 1;
    if (req.url !== '/ca.crl') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(crlBytes);
  });
  const ocspServer = createServer((req, res) => {
    ocspRequests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      sequence += 1;
      const [reqFile, respFile] = [`req-${sequence}.der`, `resp-${sequence}.der`];
      writeFileSync(join(dir, reqFile), Buffer.concat(chunks));
      const args = ['ocsp', '-index', 'index.txt', '-rsigner', 'ca.pem', '-rkey', 'ca.key'];
      args.push('-CA', 'ca.pem', '-ndays', '1', '-reqin', reqFile, '-respout', respFile);
      run('openssl', args, { cwd: dir }).then(
        () =>
          res
            .writeHead(200, { 'content-type': 'application/ocsp-response' })
            .end(readFileSync(join(dir, respFile))),
        () => res.writeHead(500).end(),
      );
    });
  });
  const crlUrl = `http://127.0.0.1:${await listen(crlServer)}/ca.crl`;
  const ocspPort = await listen(ocspServer);
  writeFileSync(join(dir, 'ext.cnf'), extensions(ocspPort, deadPort, crlUrl));
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]\ndefault_ca=test\n[test]\ndatabase=${dir}/index.txt\ncrlnumber=${dir}/crlnumber\ndefault_md=sha256\ndefault_crl_days=1\n`,
  );
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  writeFileSync(join(dir, 'index.txt.attr'), 'unique_subject = no\n');
  const ca = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-days', '2'];
  ca.push('-out', 'ca.pem', '-subj', '/CN=MailSeal Revocation Test CA');
  ca.push('-addext', 'basicConstraints=critical,CA:TRUE');
  openssl(dir, [...ca, '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature']);
  const notAfter = opensslTime(new Date(Date.now() + 86_400_000));
  const revokedAt = opensslTime(new Date(Date.now() - 3_600_000));
  const index: string[] = [];
  const leaves = {} as RevocationPki['leaves'];
  for (const [name, spec] of Object.entries(LEAVES) as [LeafName, (typeof LEAVES)[LeafName]][]) {
    const csr = ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`];
    openssl(dir, [...csr, '-out', `${name}.csr`, '-subj', '/CN=mx.revocation.test']);
    const sign = ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key'];
    sign.push('-set_serial', `0x${spec.serial}`, '-days', '1', '-sha256', '-extfile', 'ext.cnf');
    openssl(dir, [...sign, '-extensions', spec.section, '-out', `${name}.pem`]);
    if (spec.index) {
      const when = spec.index === 'R' ? revokedAt : '';
      const subject = '/CN=mx.revocation.test';
      index.push([spec.index, notAfter, when, spec.serial, 'unknown', subject].join('\t'));
    }
    leaves[name] = {
      certPem: readFileSync(join(dir, `${name}.pem`), 'utf8'),
      keyPem: readFileSync(join(dir, `${name}.key`), 'utf8'),
      serial: spec.serial,
    };
  }
  writeFileSync(join(dir, 'index.txt'), `${index.join('\n')}\n`);
  const gencrl = ['ca', '-config', 'ca.cnf', '-gencrl', '-keyfile', 'ca.key', '-cert', 'ca.pem'];
  openssl(dir, [...gencrl, '-out', 'crl.pem']);
  openssl(dir, ['crl', '-in', 'crl.pem', '-outform', 'DER', '-out', 'ca.crl']);
  crlBytes = readFileSync(join(dir, 'ca.crl'));
  return {
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    leaves,
    crlUrl,
    crlRequests: () => crlRequests,
    ocspRequests: () => ocspRequests,
    async stop() {
      await closeServer(ocspServer);
      await closeServer(crlServer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
