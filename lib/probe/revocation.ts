// Revocation through the OCSP responder and the CRLs a certificate names (MECSA checks CRLs).
// OCSP is asked first (small, current); the CRLs are the fallback. Any failure to find out is
// "unknown", never "revoked". The network comes from the injected fetcher.

import { verify, type X509Certificate } from 'node:crypto';
import { crlDistributionUris, normalizeSerial, parseCrl, SIGNATURE_DIGESTS } from './der-fields.ts';
import { buildOcspRequest, certIdSource } from './ocsp-request.ts';
import { judgeOcspResponse } from './ocsp-response.ts';
import type { RevocationStatus } from './types.ts';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** POST this body (an OCSP request) instead of a GET. */
  post?: { body: Uint8Array; contentType: string };
}

/** Fetches a URL's body under a size cap; rejects on any failure. Injected (network side effect). */
export type FetchBytes = (url: string, options: FetchOptions) => Promise<Uint8Array>;

export interface RevocationResult {
  status: RevocationStatus;
  method: 'crl' | 'ocsp' | null;
  detail: string;
}

const CRL_LIMITS = { timeoutMs: 5_000, maxBytes: 2 * 1024 * 1024 };
const OCSP_LIMITS = { timeoutMs: 5_000, maxBytes: 64 * 1024 };

function ocspUri(cert: X509Certificate): string | null {
  const uri = /OCSP - URI:(\S+)/.exec(cert.infoAccess ?? '')?.[1] ?? null;
  return uri && /^https?:\/\//i.test(uri) ? uri : null;
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

async function askOcsp(
  uri: string,
  leaf: X509Certificate,
  issuer: X509Certificate,
  fetchBytes: FetchBytes,
  now: Date,
): Promise<RevocationResult> {
  try {
    const source = certIdSource(leaf, issuer);
    const body = buildOcspRequest(source);
    const post = { body, contentType: 'application/ocsp-request' };
    const answer = judgeOcspResponse(
      await fetchBytes(uri, { ...OCSP_LIMITS, post }),
      source,
      issuer,
      now,
    );
    return { ...answer, method: 'ocsp', detail: `${uri}: ${answer.detail}` };
  } catch (error) {
    return { status: 'unknown', method: 'ocsp', detail: `${uri}: ${(error as Error).message}` };
  }
}

async function askCrls(
  uris: readonly string[],
  leaf: X509Certificate,
  issuer: X509Certificate,
  fetchBytes: FetchBytes,
  now: Date,
): Promise<RevocationResult> {
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

/** Checks the leaf with its OCSP responder, then its CRLs, verifying signatures with the issuer. */
export async function checkRevocation(
  leaf: X509Certificate,
  issuer: X509Certificate | undefined,
  fetchBytes: FetchBytes | undefined,
  now: Date,
): Promise<RevocationResult> {
  const uris = crlDistributionUris(new Uint8Array(leaf.raw));
  const ocsp = ocspUri(leaf);
  if (uris.length === 0 && !ocsp) {
    return {
      status: 'unknown',
      method: null,
      detail: 'the certificate names no CRL or OCSP responder',
    };
  }
  const method = ocsp ? 'ocsp' : 'crl';
  if (!issuer)
    return { status: 'unknown', method, detail: 'issuer not available to verify the answer' };
  if (!fetchBytes) return { status: 'unknown', method, detail: 'revocation fetching disabled' };
  const viaOcsp = ocsp ? await askOcsp(ocsp, leaf, issuer, fetchBytes, now) : null;
  if (viaOcsp && viaOcsp.status !== 'unknown') return viaOcsp;
  if (uris.length === 0) return viaOcsp ?? { status: 'unknown', method, detail: '' };
  const viaCrl = await askCrls(uris, leaf, issuer, fetchBytes, now);
  if (viaCrl.status !== 'unknown' || !viaOcsp) return viaCrl;
  return { ...viaCrl, detail: `${viaOcsp.detail}; ${viaCrl.detail}` };
}
