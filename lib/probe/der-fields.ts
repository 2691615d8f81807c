// Certificate fields Node's X509Certificate does not expose, read from the DER with node-forge's ASN.1.

import forge from 'node-forge';

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

/** Node's crypto digest name for a signature algorithm OID (null for EdDSA and unknown ones). */
export const SIGNATURE_DIGESTS: Record<string, string | null> = {
  '1.2.840.113549.1.1.4': 'md5',
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

// The typings only know `fromDer(bytes, strict)`; the runtime also takes an options object.
const fromDer = forge.asn1.fromDer as unknown as (
  bytes: forge.util.ByteBuffer,
  options: { strict: boolean; decodeBitStrings: boolean },
) => forge.asn1.Asn1;

function parse(der: Uint8Array): forge.asn1.Asn1 {
  // Keep BIT STRINGs opaque: signatures must stay bytes, not be guessed as nested ASN.1.
  const buffer = forge.util.createBuffer(Buffer.from(der).toString('binary'));
  return fromDer(buffer, { strict: true, decodeBitStrings: false });
}

function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return node && Array.isArray(node.value) ? node.value : [];
}

function oidOf(node: forge.asn1.Asn1 | undefined): string | null {
  const first = children(node)[0];
  return first && typeof first.value === 'string' ? forge.asn1.derToOid(first.value) : null;
}

/** The outer signatureAlgorithm of a certificate or CRL: OID and readable name. */
export function signatureAlgorithm(der: Uint8Array): { oid: string; name: string } {
  const oid = oidOf(children(parse(der))[1]) ?? 'unknown';
  return { oid, name: SIGNATURE_ALGORITHMS[oid] ?? oid };
}

const CRL_DISTRIBUTION_POINTS = '2.5.29.31';

/** HTTP(S) URIs from the cRLDistributionPoints extension (RFC 5280 §4.2.1.13). */
export function crlDistributionUris(der: Uint8Array): string[] {
  const tbs = children(parse(der))[0];
  // extensions are [3] EXPLICIT at the end of TBSCertificate
  const extsWrapper = children(tbs).find(
    (node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === 3,
  );
  const uris: string[] = [];
  for (const ext of children(children(extsWrapper)[0])) {
    const parts = children(ext);
    if (oidOf(ext) !== CRL_DISTRIBUTION_POINTS) continue;
    const octets = parts[parts.length - 1]?.value;
    if (typeof octets !== 'string') continue;
    collectUris(parse(bytes(octets)), uris);
  }
  return uris.filter((uri) => /^https?:\/\//i.test(uri));
}

// uniformResourceIdentifier is GeneralName [6] IMPLICIT IA5String; walk the whole structure.
function collectUris(node: forge.asn1.Asn1, out: string[]): void {
  if (node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === 6) {
    if (typeof node.value === 'string') out.push(node.value);
    return;
  }
  for (const child of children(node)) collectUris(child, out);
}

export interface ParsedCrl {
  tbsDer: Uint8Array;
  signatureOid: string;
  signature: Uint8Array;
  issuerDer: Uint8Array;
  thisUpdate: Date | null;
  nextUpdate: Date | null;
  /** Revoked serial numbers, uppercase hex without leading zeros. */
  revokedSerials: Set<string>;
}

function bytes(binary: string): Uint8Array {
  return new Uint8Array(Buffer.from(binary, 'binary'));
}

function asDate(node: forge.asn1.Asn1 | undefined): Date | null {
  if (!node || typeof node.value !== 'string') return null;
  if (node.type === forge.asn1.Type.UTCTIME) return forge.asn1.utcTimeToDate(node.value);
  if (node.type === forge.asn1.Type.GENERALIZEDTIME)
    return forge.asn1.generalizedTimeToDate(node.value);
  return null;
}

export function normalizeSerial(hex: string): string {
  return hex.toUpperCase().replace(/^0+(?=.)/, '');
}

/** Parses a DER CertificateList (RFC 5280 §5.1). Throws on malformed input. */
export function parseCrl(der: Uint8Array): ParsedCrl {
  const [tbs, algorithm, signatureBits] = children(parse(der));
  if (!tbs || !algorithm || !signatureBits || typeof signatureBits.value !== 'string') {
    throw new Error('not a CRL');
  }
  const fields = children(tbs);
  // version is optional: skip it when the first field is an INTEGER
  const offset = fields[0]?.type === forge.asn1.Type.INTEGER ? 1 : 0;
  const issuer = fields[offset + 1];
  const thisUpdate = asDate(fields[offset + 2]);
  let index = offset + 3;
  const maybeNext = fields[index];
  const nextUpdate =
    maybeNext &&
    maybeNext.tagClass === forge.asn1.Class.UNIVERSAL &&
    maybeNext.type !== forge.asn1.Type.SEQUENCE
      ? asDate(maybeNext)
      : null;
  if (nextUpdate) index += 1;
  const revokedSerials = new Set<string>();
  const revoked = fields[index];
  if (
    revoked &&
    revoked.tagClass === forge.asn1.Class.UNIVERSAL &&
    revoked.type === forge.asn1.Type.SEQUENCE
  ) {
    for (const entry of children(revoked)) {
      const serial = children(entry)[0]?.value;
      if (typeof serial === 'string')
        revokedSerials.add(normalizeSerial(forge.util.bytesToHex(serial)));
    }
  }
  return {
    tbsDer: bytes(forge.asn1.toDer(tbs).getBytes()),
    signatureOid: oidOf(algorithm) ?? 'unknown',
    // BIT STRING: the first byte counts unused bits
    signature: bytes(signatureBits.value.slice(1)),
    issuerDer: issuer ? bytes(forge.asn1.toDer(issuer).getBytes()) : new Uint8Array(),
    thisUpdate,
    nextUpdate,
    revokedSerials,
  };
}
