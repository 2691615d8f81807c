// Reads an OCSP response (RFC 6960 §4.2) for the certificate we asked about. Only an answer
// signed by the issuer, or by a responder certificate the issuer delegated (id-kp-OCSPSigning),
// and current in time counts; anything else is "unknown", never "revoked".

import { verify, X509Certificate } from 'node:crypto';
import {
  type Asn1,
  binaryOf,
  bytesOf,
  children,
  derOf,
  isContext,
  oidValue,
  parseDer,
  timeOf,
  toBinary,
} from './asn1.ts';
import { SIGNATURE_DIGESTS } from './der-fields.ts';
import { type CertIdSource, HASH_OIDS, hashOf } from './ocsp-request.ts';
import type { RevocationStatus } from './types.ts';

export interface OcspAnswer {
  status: RevocationStatus;
  detail: string;
}

const BASIC_RESPONSE = '1.3.6.1.5.5.7.48.1.1';
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
const SKEW_MS = 5 * 60_000;
const STATUS_NAMES = [
  'successful',
  'malformedRequest',
  'internalError',
  'tryLater',
  '4',
  'sigRequired',
  'unauthorized',
];

const unknown = (detail: string): OcspAnswer => ({ status: 'unknown', detail });

function signedBy(
  tbs: Asn1,
  algorithm: Asn1 | undefined,
  bits: string,
  key: X509Certificate['publicKey'],
) {
  const digest = SIGNATURE_DIGESTS[oidValue(children(algorithm)[0]) ?? ''];
  if (digest === undefined) return false;
  try {
    return verify(digest, derOf(tbs), key, bytesOf(bits.slice(1)));
  } catch {
    return false;
  }
}

/** Responder certificates in the response that the issuer signed for OCSP signing. */
function delegatedSigners(wrapper: Asn1 | undefined, issuer: X509Certificate, now: Date) {
  const signers: X509Certificate[] = [];
  for (const node of children(children(wrapper)[0])) {
    try {
      const cert = new X509Certificate(derOf(node));
      const usages = (cert as { keyUsage?: string[] }).keyUsage ?? [];
      const current = cert.validFromDate <= now && now <= cert.validToDate;
      if (
        current &&
        usages.includes(OCSP_SIGNING) &&
        cert.checkIssued(issuer) &&
        cert.verify(issuer.publicKey)
      ) {
        signers.push(cert);
      }
    } catch {
      // an unparsable certificate signs nothing
    }
  }
  return signers;
}

function sameCert(certId: Asn1 | undefined, source: CertIdSource): boolean {
  const [algorithm, nameHash, keyHash, serial] = children(certId);
  const hash = HASH_OIDS[oidValue(children(algorithm)[0]) ?? ''];
  if (!hash) return false;
  return (
    binaryOf(serial) === source.serial &&
    binaryOf(nameHash) === toBinary(hashOf(hash, source.issuerNameDer)) &&
    binaryOf(keyHash) === toBinary(hashOf(hash, source.issuerKeyBits))
  );
}

function readSingle(single: Asn1, now: Date): OcspAnswer {
  const [, certStatus, thisUpdateNode, ...rest] = children(single);
  const thisUpdate = timeOf(thisUpdateNode);
  const nextUpdate = timeOf(children(rest.find((node) => isContext(node, 0)))[0]);
  if (!thisUpdate || thisUpdate.getTime() > now.getTime() + SKEW_MS)
    return unknown('OCSP response thisUpdate is missing or in the future');
  if (nextUpdate && nextUpdate.getTime() < now.getTime() - SKEW_MS)
    return unknown(`OCSP response is stale (nextUpdate ${nextUpdate.toISOString()})`);
  if (isContext(certStatus, 0)) return { status: 'good', detail: 'OCSP: good' };
  if (isContext(certStatus, 1)) {
    const when = timeOf(children(certStatus)[0]);
    return { status: 'revoked', detail: `OCSP: revoked${when ? ` at ${when.toISOString()}` : ''}` };
  }
  return unknown('OCSP: the responder does not know this certificate');
}

/** Judges a DER OCSPResponse. Throws only on DER that is not an OCSP response at all. */
export function judgeOcspResponse(
  der: Uint8Array,
  source: CertIdSource,
  issuer: X509Certificate,
  now: Date,
): OcspAnswer {
  const [statusNode, bytesWrapper] = children(parseDer(der));
  const code = binaryOf(statusNode)?.charCodeAt(0) ?? -1;
  if (code !== 0)
    return unknown(`OCSP responder answered ${STATUS_NAMES[code] ?? `status ${code}`}`);
  const [typeNode, octets] = children(children(bytesWrapper)[0]);
  const inner = binaryOf(octets);
  if (oidValue(typeNode) !== BASIC_RESPONSE || inner === null)
    return unknown('OCSP response is not a basic response');
  const [tbs, algorithm, signature, certs] = children(parseDer(bytesOf(inner)));
  const bits = binaryOf(signature);
  if (!tbs || bits === null) return unknown('OCSP response lacks data or signature');
  const keys = [issuer, ...delegatedSigners(certs, issuer, now)].map((cert) => cert.publicKey);
  if (!keys.some((key) => signedBy(tbs, algorithm, bits, key)))
    return unknown('OCSP response is not signed by the issuer or a delegated responder');
  // ResponseData: [0] version (optional), responderID, producedAt, responses, …
  const fields = children(tbs);
  const offset = isContext(fields[0], 0) ? 1 : 0;
  const responses = children(fields[offset + 2]);
  const single = responses.find((entry) => sameCert(children(entry)[0], source));
  if (!single) return unknown('OCSP response does not cover this certificate');
  return readSingle(single, now);
}
