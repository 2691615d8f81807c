// Small node-forge ASN.1 helpers shared by the CRL and OCSP code: parse DER keeping BIT STRINGs
// opaque, walk children, read OIDs and times, and build DER nodes.

import forge from 'node-forge';

const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;

// The typings only know `fromDer(bytes, strict)`; the runtime also takes an options object.
const fromDer = asn1.fromDer as unknown as (
  bytes: forge.util.ByteBuffer,
  options: { strict: boolean; decodeBitStrings: boolean },
) => Asn1;

export function parseDer(der: Uint8Array): Asn1 {
  // Keep BIT STRINGs opaque: signatures must stay bytes, not be guessed as nested ASN.1.
  const buffer = forge.util.createBuffer(Buffer.from(der).toString('binary'));
  return fromDer(buffer, { strict: true, decodeBitStrings: false });
}

export function children(node: Asn1 | undefined): Asn1[] {
  return node && Array.isArray(node.value) ? node.value : [];
}

/** forge keeps primitive contents as a binary string. */
export function binaryOf(node: Asn1 | undefined): string | null {
  return node && typeof node.value === 'string' ? node.value : null;
}

export function bytesOf(binary: string): Uint8Array {
  return new Uint8Array(Buffer.from(binary, 'binary'));
}

export function toBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('binary');
}

export function derOf(node: Asn1): Uint8Array {
  return bytesOf(asn1.toDer(node).getBytes());
}

export function oidValue(node: Asn1 | undefined): string | null {
  const value = binaryOf(node);
  return value !== null && node?.type === asn1.Type.OID ? asn1.derToOid(value) : null;
}

export function isContext(node: Asn1 | undefined, tag: number): boolean {
  return node?.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === tag;
}

export function timeOf(node: Asn1 | undefined): Date | null {
  const value = binaryOf(node);
  if (value === null) return null;
  if (node?.type === asn1.Type.UTCTIME) return asn1.utcTimeToDate(value);
  if (node?.type === asn1.Type.GENERALIZEDTIME) return asn1.generalizedTimeToDate(value);
  return null;
}

export const sequence = (items: Asn1[]): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);

export const primitive = (type: number, binary: string): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, type, false, binary);

export const oidNode = (oid: string): Asn1 =>
  primitive(asn1.Type.OID, asn1.oidToDer(oid).getBytes());

export const ASN1_TYPE = asn1.Type;
