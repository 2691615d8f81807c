// Test certificates made at test time: RSA keys from node:crypto, certificates signed by node-forge.

import { generateKeyPairSync, sign } from 'node:crypto';
import forge from 'node-forge';

export interface Issued {
  certPem: string;
  keyPem: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

export interface CertSpec {
  cn: string;
  sans?: string[];
  issuer?: Issued;
  ca?: boolean;
  bits?: number;
  hash?: 'sha1' | 'sha256';
  notBefore?: Date;
  notAfter?: Date;
  crlUrl?: string;
  serial?: string;
}

const DAY = 86_400_000;
let serialCounter = 0x1000;

export function issue(spec: CertSpec): Issued {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: spec.bits ?? 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  serialCounter += 1;
  cert.serialNumber = spec.serial ?? serialCounter.toString(16);
  cert.validity.notBefore = spec.notBefore ?? new Date(Date.now() - DAY);
  cert.validity.notAfter = spec.notAfter ?? new Date(Date.now() + 90 * DAY);
  const subject = [{ name: 'commonName', value: spec.cn }];
  cert.setSubject(subject);
  cert.setIssuer(spec.issuer ? spec.issuer.cert.subject.attributes : subject);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: spec.ca === true, critical: true },
    spec.ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (spec.issuer) {
    extensions.push({
      name: 'authorityKeyIdentifier',
      keyIdentifier: spec.issuer.cert.generateSubjectKeyIdentifier().getBytes(),
    });
  }
  if (spec.sans) {
    extensions.push({
      name: 'subjectAltName',
      altNames: spec.sans.map((value) => ({ type: 2, value })),
    });
  }
  if (spec.crlUrl) {
    extensions.push({ name: 'cRLDistributionPoints', altNames: [{ type: 6, value: spec.crlUrl }] });
  }
  cert.setExtensions(extensions);
  const signer = spec.issuer?.key ?? key;
  cert.sign(signer, spec.hash === 'sha1' ? forge.md.sha1.create() : forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem, cert, key };
}

export function derOf(issued: Issued): Uint8Array {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(issued.cert)).getBytes();
  return new Uint8Array(Buffer.from(der, 'binary'));
}

/** A minimal v2 CRL (RFC 5280 §5.1) signed with sha256WithRSA by `issuer`. */
export function makeCrl(issuer: Issued, revokedSerials: string[], nextUpdate: Date): Uint8Array {
  const { asn1 } = forge;
  const seq = (items: forge.asn1.Asn1[]) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
  const algorithm = seq([
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.OID,
      false,
      asn1.oidToDer('1.2.840.113549.1.1.11').getBytes(),
    ),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
  ]);
  const time = (date: Date) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date));
  const entries = revokedSerials.map((serial) =>
    seq([
      asn1.create(
        asn1.Class.UNIVERSAL,
        asn1.Type.INTEGER,
        false,
        forge.util.hexToBytes(serial.length % 2 ? `0${serial}` : serial),
      ),
      time(new Date()),
    ]),
  );
  const tbsItems = [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(1).getBytes()),
    algorithm,
    forge.pki.distinguishedNameToAsn1(issuer.cert.subject),
    time(new Date(Date.now() - DAY)),
    time(nextUpdate),
  ];
  if (entries.length > 0) tbsItems.push(seq(entries));
  const tbs = seq(tbsItems);
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign('sha256', tbsDer, issuer.keyPem);
  const crl = seq([
    tbs,
    algorithm,
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.BITSTRING,
      false,
      `\u0000${signature.toString('binary')}`,
    ),
  ]);
  return new Uint8Array(Buffer.from(asn1.toDer(crl).getBytes(), 'binary'));
}

/** A CA, an intermediate and helpers to issue leaves under it. */
export function createTestPki() {
  const root = issue({ cn: 'MailSeal Test Root', ca: true });
  const intermediate = issue({ cn: 'MailSeal Test Intermediate', ca: true, issuer: root });
  const leaf = (spec: Omit<CertSpec, 'issuer'> & { issuer?: Issued }) =>
    issue({ issuer: intermediate, ...spec });
  return { root, intermediate, leaf };
}
