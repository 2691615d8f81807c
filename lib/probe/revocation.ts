// Revocation via the CRLs a certificate names (MECSA checks CRLs). Any failure to find out is
// "unknown", never "revoked". OCSP is not queried; a named OCSP responder is reported as such.

import { verify, type X509Certificate } from 'node:crypto';
import { crlDistributionUris, normalizeSerial, parseCrl, SIGNATURE_DIGESTS } from './der-fields.ts';
import type { RevocationStatus } from './types.ts';

/** Fetches a URL's body under a size cap; rejects on any failure. Injected (network side effect). */
export type FetchBytes = (
  url: string,
  options: { timeoutMs: number; maxBytes: number },
) => Promise<Uint8Array>;

export interface RevocationResult {
  status: RevocationStatus;
  method: 'crl' | 'ocsp' | null;
  detail: string;
}

const CRL_LIMITS = { timeoutMs: 5_000, maxBytes: 2 * 1024 * 1024 };

function ocspUri(cert: X509Certificate): string | null {
  return /OCSP - URI:(\S+)/.exec(cert.infoAccess ?? '')?.[1] ?? null;
}

function crlSignedBy(crl: ReturnType<typeof parseCrl>, issuer: X509Certificate): boolean {
  const digest = SIGNATURE_DIGESTS[crl.signatureOid];
  if (digest === undefined) return false;
  try {
    return verify(digest, crl.tbsDer, issuer.publicKey, crl.signature);
  } catch {
    return false;
  }
}

/** Checks the leaf against the CRLs it names, verifying each CRL's signature with the issuer key. */
export async function checkRevocation(
  leaf: X509Certificate,
  issuer: X509Certificate | undefined,
  fetchBytes: FetchBytes | undefined,
  now: Date,
): Promise<RevocationResult> {
  const uris = crlDistributionUris(new Uint8Array(leaf.raw));
  const ocsp = ocspUri(leaf);
  if (uris.length === 0) {
    const detail = ocsp
      ? `no CRL named; OCSP responder ${ocsp} not queried`
      : 'the certificate names no CRL or OCSP responder';
    return { status: 'unknown', method: ocsp ? 'ocsp' : null, detail };
  }
  if (!issuer)
    return { status: 'unknown', method: 'crl', detail: 'issuer not available to verify the CRL' };
  if (!fetchBytes)
    return { status: 'unknown', method: 'crl', detail: 'revocation fetching disabled' };
  const serial = normalizeSerial(leaf.serialNumber);
  const failures: string[] = [];
  for (const uri of uris) {
    try {
      const crl = parseCrl(await fetchBytes(uri, CRL_LIMITS));
      if (!crlSignedBy(crl, issuer)) {
        failures.push(`${uri}: CRL signature does not verify with the issuer key`);
        continue;
      }
      if (crl.nextUpdate && crl.nextUpdate < now) {
        failures.push(`${uri}: CRL is stale (nextUpdate ${crl.nextUpdate.toISOString()})`);
        continue;
      }
      if (crl.revokedSerials.has(serial)) {
        return { status: 'revoked', method: 'crl', detail: `serial ${serial} is listed in ${uri}` };
      }
      return { status: 'good', method: 'crl', detail: `serial ${serial} not listed in ${uri}` };
    } catch (error) {
      failures.push(`${uri}: ${(error as Error).message}`);
    }
  }
  return { status: 'unknown', method: 'crl', detail: failures.join('; ') };
}
