import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertProfile } from '../catalogue-types.ts';
import { hostileRevocationExtensions } from './hostile-revocation.ts';
import { runOrThrow } from './run.ts';
import { statePath } from './state.ts';

/** A certificate the lab issued: the key, the leaf, and the chain a server presents. */
export interface IssuedCert {
  readonly keyPath: string;
  readonly certPath: string;
  /** What servers send: leaf + intermediate, or the leaf alone (missing-intermediate, self-signed). */
  readonly chainPath: string;
}

const caDir = () => statePath('ca');
export const rootCertPath = () => join(caDir(), 'root.pem');
const interCertPath = () => join(caDir(), 'intermediate.pem');

const DAY_MS = 86_400_000;
/** openssl ca -startdate/-enddate format: YYYYMMDDHHMMSSZ. */
const asn1Time = (offsetDays: number) =>
  `${new Date(Date.now() + offsetDays * DAY_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];

/** Creates the root and intermediate once; later starts reuse them so pins and TLSA stay put. */
export function ensureCa(): void {
  const dir = caDir();
  mkdirSync(join(dir, 'issued'), { recursive: true });
  if (existsSync(rootCertPath()) && existsSync(interCertPath())) return;
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'ca.cnf'), caConfig(dir));
  runOrThrow('openssl', [
    'req',
    '-x509',
    ...EC_KEY,
    '-nodes',
    '-keyout',
    join(dir, 'root.key'),
    '-out',
    rootCertPath(),
    '-days',
    '3650',
    '-subj',
    '/O=MailSeal Lab/CN=MailSeal Lab Root CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  runOrThrow('openssl', [
    'req',
    '-new',
    ...EC_KEY,
    '-nodes',
    '-keyout',
    join(dir, 'intermediate.key'),
    '-out',
    join(dir, 'intermediate.csr'),
    '-subj',
    '/O=MailSeal Lab/CN=MailSeal Lab Issuing CA',
  ]);
  runOrThrow('openssl', [
    'x509',
    '-req',
    '-in',
    join(dir, 'intermediate.csr'),
    '-CA',
    rootCertPath(),
    '-CAkey',
    join(dir, 'root.key'),
    '-CAcreateserial',
    '-days',
    '3650',
    '-extfile',
    join(dir, 'ca.cnf'),
    '-extensions',
    'intermediate',
    '-out',
    interCertPath(),
  ]);
}

function caConfig(dir: string): string {
  return `[ ca ]
default_ca = lab
[ lab ]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir/issued
serial = $dir/serial
certificate = $dir/intermediate.pem
private_key = $dir/intermediate.key
default_md = sha256
policy = anything
copy_extensions = copy
unique_subject = no
default_days = 365
[ anything ]
commonName = supplied
[ leaf ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ intermediate ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;
}

/** Issues (once) a certificate of the given profile for a host name and optional IP SANs. */
export function issueCert(
  hostname: string,
  profile: CertProfile,
  ips: readonly string[] = [],
): IssuedCert {
  const base = join(statePath('certs'), `${hostname}--${profile}`);
  mkdirSync(statePath('certs'), { recursive: true });
  const cert: IssuedCert = {
    keyPath: `${base}.key`,
    certPath: `${base}.crt`,
    chainPath: `${base}.chain.pem`,
  };
  if (existsSync(cert.chainPath)) return cert;
  const name = profile === 'wrong-name' ? 'unrelated-host.lab' : hostname;
  const san = [`DNS:${name}`, ...ips.map((ip) => `IP:${ip}`)].join(',');
  const key =
    profile === 'rsa1024' || profile === 'sha1'
      ? ['-newkey', `rsa:${profile === 'rsa1024' ? 1024 : 2048}`]
      : EC_KEY;
  const subject = [
    '-subj',
    `/CN=${name}`,
    '-addext',
    `subjectAltName=${san}`,
    ...(profile === 'hostile-revocation' ? hostileRevocationExtensions() : []),
  ];
  if (profile === 'self-signed') {
    runOrThrow('openssl', [
      'req',
      '-x509',
      ...key,
      '-nodes',
      '-keyout',
      cert.keyPath,
      '-out',
      cert.certPath,
      '-days',
      '365',
      ...subject,
      '-addext',
      'extendedKeyUsage=serverAuth',
    ]);
    writeFileSync(cert.chainPath, readFileSync(cert.certPath));
    return cert;
  }
  const csr = `${base}.csr`;
  runOrThrow('openssl', [
    'req',
    '-new',
    ...key,
    '-nodes',
    '-keyout',
    cert.keyPath,
    '-out',
    csr,
    ...subject,
  ]);
  const [start, end] =
    profile === 'expired' ? [-400, -30] : profile === 'not-yet-valid' ? [30, 400] : [-1, 365];
  runOrThrow('openssl', [
    'ca',
    '-batch',
    '-notext',
    '-config',
    join(caDir(), 'ca.cnf'),
    '-extensions',
    'leaf',
    '-md',
    profile === 'sha1' ? 'sha1' : 'sha256',
    '-startdate',
    asn1Time(start ?? -1),
    '-enddate',
    asn1Time(end ?? 365),
    '-in',
    csr,
    '-out',
    cert.certPath,
  ]);
  const leaf = readFileSync(cert.certPath, 'utf8');
  const chain =
    profile === 'missing-intermediate' ? leaf : leaf + readFileSync(interCertPath(), 'utf8');
  writeFileSync(cert.chainPath, chain);
  return cert;
}

/**
 * TLSA record data (usage selector type hex) for a certificate: usage 2 uses its issuer, or the
 * lab root when `anchor` is 'root' (servers send leaf + intermediate, never the root).
 */
export function tlsaData(
  cert: IssuedCert,
  usage: number,
  selector: number,
  type: number,
  anchor: 'issuer' | 'root' = 'issuer',
): string {
  const issuer = anchor === 'root' ? rootCertPath() : interCertPath();
  const path = usage === 2 ? issuer : cert.certPath;
  const x509 = new X509Certificate(readFileSync(path));
  const data = selector === 0 ? x509.raw : x509.publicKey.export({ type: 'spki', format: 'der' });
  const hash =
    type === 0
      ? data.toString('hex')
      : createHash(type === 1 ? 'sha256' : 'sha512')
          .update(data)
          .digest('hex');
  return `${usage} ${selector} ${type} ${hash}`;
}

/** Base64 SHA-256 of the root's SubjectPublicKeyInfo, for Chromium's --ignore-certificate-errors-spki-list. */
export function rootSpkiSha256Base64(): string {
  const x509 = new X509Certificate(readFileSync(rootCertPath()));
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
