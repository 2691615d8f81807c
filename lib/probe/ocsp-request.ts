// Builds an OCSP request (RFC 6960 §4.1) for one certificate, from the leaf and its issuer: the
// CertID is SHA-1(issuer name as written in the leaf), SHA-1(issuer public key bits) and the
// leaf's serial number exactly as encoded. No nonce: many responders serve cached answers.

import { createHash, type X509Certificate } from 'node:crypto';
import {
  ASN1_TYPE,
  type Asn1,
  binaryOf,
  bytesOf,
  children,
  derOf,
  oidNode,
  parseDer,
  primitive,
  sequence,
  toBinary,
} from './asn1.ts';

export const HASH_OIDS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** The parts of a CertID that do not depend on the hash algorithm. */
export interface CertIdSource {
  issuerNameDer: Uint8Array;
  issuerKeyBits: Uint8Array;
  /** The serial INTEGER's content octets, as in the certificate. */
  serial: string;
}

export function certIdSource(leaf: X509Certificate, issuer: X509Certificate): CertIdSource {
  const tbs = children(children(parseDer(new Uint8Array(leaf.raw)))[0]);
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, …
  const offset = tbs[0]?.type === ASN1_TYPE.INTEGER ? 0 : 1;
  const serial = binaryOf(tbs[offset]);
  const issuerName = tbs[offset + 2];
  if (serial === null || !issuerName) throw new Error('certificate without serial or issuer');
  const spki = parseDer(issuer.publicKey.export({ type: 'spki', format: 'der' }));
  const bits = binaryOf(children(spki)[1]);
  if (bits === null) throw new Error('issuer key without subjectPublicKey');
  // BIT STRING: the first octet counts unused bits and is not part of the key.
  return { issuerNameDer: derOf(issuerName), issuerKeyBits: bytesOf(bits.slice(1)), serial };
}

export function hashOf(algorithm: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(data).digest());
}

function certId(source: CertIdSource, hashOid = '1.3.14.3.2.26'): Asn1 {
  const hash = HASH_OIDS[hashOid] ?? 'sha1';
  return sequence([
    sequence([oidNode(hashOid), primitive(ASN1_TYPE.NULL, '')]),
    primitive(ASN1_TYPE.OCTETSTRING, toBinary(hashOf(hash, source.issuerNameDer))),
    primitive(ASN1_TYPE.OCTETSTRING, toBinary(hashOf(hash, source.issuerKeyBits))),
    primitive(ASN1_TYPE.INTEGER, source.serial),
  ]);
}

/** DER OCSPRequest { tbsRequest { requestList { Request { reqCert } } } }. */
export function buildOcspRequest(source: CertIdSource): Uint8Array {
  return derOf(sequence([sequence([sequence([sequence([certId(source)])])])]));
}
