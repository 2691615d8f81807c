// Turns the chain as sent into the certificate report: PKIX, names, dates, key, signature, revocation.

import { X509Certificate } from 'node:crypto';
import { type TrustStore, verifyChain } from './certificate-chain.ts';
import { signatureAlgorithm } from './der-fields.ts';
import { classifyNameMatch, presentedNames } from './name-match.ts';
import { checkRevocation, type FetchBytes } from './revocation.ts';
import type { CertificateReport, ChainCertificate } from './types.ts';

export interface CertificateContext {
  domain: string;
  mxHost: string;
  store: TrustStore;
  now: Date;
  fetchBytes?: FetchBytes;
}

const DAY_MS = 86_400_000;

function keyInfo(cert: X509Certificate): {
  keyType: string;
  keyBits: number | null;
  weakKey: boolean;
} {
  const key = cert.publicKey;
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  if (keyType === 'rsa' || keyType === 'rsa-pss' || keyType === 'dsa') {
    const bits = details.modulusLength ?? null;
    return { keyType, keyBits: bits, weakKey: bits !== null && bits < 2048 };
  }
  if (keyType === 'ec') {
    const curve = details.namedCurve ?? '';
    const bits = Number(/(\d{3})/.exec(curve)?.[1] ?? Number.NaN);
    const keyBits = Number.isNaN(bits) ? null : bits;
    return { keyType: `ec ${curve}`.trim(), keyBits, weakKey: keyBits !== null && keyBits < 224 };
  }
  if (keyType === 'ed25519') return { keyType, keyBits: 256, weakKey: false };
  if (keyType === 'ed448') return { keyType, keyBits: 456, weakKey: false };
  return { keyType, keyBits: null, weakKey: false };
}

function toChainEntry(cert: X509Certificate): ChainCertificate {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    sha256: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
    notBefore: cert.validFromDate.toISOString(),
    notAfter: cert.validToDate.toISOString(),
    pem: cert.toString(),
  };
}

export function parseChain(chainDer: readonly Uint8Array[]): X509Certificate[] {
  const certs: X509Certificate[] = [];
  for (const der of chainDer) {
    try {
      certs.push(new X509Certificate(der));
    } catch {
      break; // keep what parsed; an unparsable link ends the usable chain
    }
  }
  return certs;
}

export async function analyzeCertificate(
  chainDer: readonly Uint8Array[],
  context: CertificateContext,
): Promise<CertificateReport | null> {
  const chain = parseChain(chainDer);
  const leaf = chain[0];
  if (!leaf) return null;
  const verdict = verifyChain(chain, context.store, context.now);
  const names = presentedNames(leaf.subjectAltName, leaf.subject);
  const match = classifyNameMatch(names, context.domain, context.mxHost);
  const signature = signatureAlgorithm(new Uint8Array(leaf.raw));
  // SHA-1 or MD5 anywhere below the anchor weakens the chain; a root's self-signature does not count.
  const signedCerts = verdict.path.length > 1 ? verdict.path.slice(0, -1) : [leaf];
  const weakSignature = signedCerts.some((cert) =>
    /md5|sha1|SHA1/i.test(signatureAlgorithm(new Uint8Array(cert.raw)).name),
  );
  const key = keyInfo(leaf);
  const issuer = verdict.path[1];
  const revocation = await checkRevocation(leaf, issuer, context.fetchBytes, context.now);
  const errors: string[] = [...verdict.errors];
  if (match.hostnameMatch === 'none') errors.push('name-mismatch');
  if (key.weakKey) errors.push('weak-key');
  if (weakSignature) errors.push('weak-signature');
  if (revocation.status === 'revoked') errors.push('revoked');
  return {
    // OpenSSL 3 (and so Postfix, posttls-finger) rejects SHA-1/MD5 signatures below the anchor.
    pkixValid: verdict.pkixValid && !weakSignature && revocation.status !== 'revoked',
    hostnameMatch: match.hostnameMatch,
    matchesMxHost: match.matchesMxHost,
    matchesDomain: match.matchesDomain,
    expired: verdict.errors.includes('expired'),
    notYetValid: verdict.errors.includes('not-yet-valid'),
    selfSigned: verdict.selfSigned,
    missingIntermediate: verdict.errors.includes('missing-intermediate'),
    daysToExpiry: Math.floor((leaf.validToDate.getTime() - context.now.getTime()) / DAY_MS),
    names,
    keyType: key.keyType,
    keyBits: key.keyBits,
    signatureAlgorithm: signature.name,
    weakKey: key.weakKey,
    weakSignature,
    revocation,
    errors,
    chain: chain.map(toChainEntry),
  };
}
