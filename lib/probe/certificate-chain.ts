// PKIX path building from the chain as sent to an injected trust store, with named failures.
// Signatures are checked by the platform (node:crypto X509Certificate, i.e. OpenSSL).

import { type KeyObject, X509Certificate } from 'node:crypto';

/** Shared by every probe that uses the same roots: read-only. */
export interface TrustStore {
  readonly anchors: readonly X509Certificate[];
  readonly fingerprints: ReadonlySet<string>;
}

/**
 * Stores already parsed, by roots list. The engine builds its list once and every domain's probe
 * asks for a store: parsing ~150 roots each time was a third of a bulk scan's CPU.
 */
const parsedStores = new WeakMap<readonly string[], TrustStore>();

/** Parses PEM roots once per list (e.g. `tls.rootCertificates`, or the lab CA in lab mode). */
export function createTrustStore(pems: readonly string[]): TrustStore {
  const known = parsedStores.get(pems);
  if (known) return known;
  const store = parseTrustStore(pems);
  parsedStores.set(pems, store);
  return store;
}

function parseTrustStore(pems: readonly string[]): TrustStore {
  const anchors: X509Certificate[] = [];
  for (const pem of pems) {
    try {
      anchors.push(new X509Certificate(pem));
    } catch {
      // an unparsable root cannot anchor anything
    }
  }
  return { anchors, fingerprints: new Set(anchors.map((a) => a.fingerprint256)) };
}

export type ChainError =
  | 'self-signed'
  | 'missing-intermediate'
  | 'untrusted-root'
  | 'unknown-issuer'
  | 'expired'
  | 'not-yet-valid'
  | 'chain-expired'
  | 'issuer-not-ca'
  | 'empty-chain';

export interface ChainVerdict {
  trusted: boolean;
  pkixValid: boolean;
  /** Leaf first, ending at the trust anchor when one was reached. */
  path: X509Certificate[];
  selfSigned: boolean;
  errors: ChainError[];
}

export function isSignedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Signed by a bare public key: a DANE-TA(2) anchor published as `2 1 0` (RFC 7671 §5.2.2). */
export function isSignedByKey(child: X509Certificate, key: KeyObject): boolean {
  try {
    return child.verify(key);
  } catch {
    return false;
  }
}

/** Self-issued and verifiable with its own key; key usage is not required (snakeoil certs lack it). */
export function isSelfSigned(cert: X509Certificate): boolean {
  if (cert.subject !== cert.issuer) return false;
  try {
    return cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

function validAt(cert: X509Certificate, now: Date): 'ok' | 'expired' | 'not-yet-valid' {
  if (now < cert.validFromDate) return 'not-yet-valid';
  if (now > cert.validToDate) return 'expired';
  return 'ok';
}

/** Builds leaf → … → anchor, preferring a store anchor at each step (handles cross-signs). */
export function verifyChain(
  sent: readonly X509Certificate[],
  store: TrustStore,
  now: Date,
): ChainVerdict {
  const leaf = sent[0];
  if (!leaf) {
    return {
      trusted: false,
      pkixValid: false,
      path: [],
      selfSigned: false,
      errors: ['empty-chain'],
    };
  }
  const selfSigned = isSelfSigned(leaf);
  const path: X509Certificate[] = [leaf];
  const errors: ChainError[] = [];
  let trusted = store.fingerprints.has(leaf.fingerprint256);
  let current = leaf;
  while (!trusted && path.length <= sent.length + 1) {
    const anchor = store.anchors.find((candidate) => isSignedBy(current, candidate));
    if (anchor) {
      if (anchor.fingerprint256 !== current.fingerprint256) path.push(anchor);
      trusted = true;
      break;
    }
    const next = sent.find(
      (candidate) => !path.includes(candidate) && isSignedBy(current, candidate),
    );
    if (!next) break;
    path.push(next);
    current = next;
    if (store.fingerprints.has(current.fingerprint256)) trusted = true;
  }
  if (!trusted) {
    const top = path[path.length - 1] ?? leaf;
    if (selfSigned && path.length === 1) errors.push('self-signed');
    else if (isSelfSigned(top)) errors.push('untrusted-root');
    else if (top === leaf) errors.push('missing-intermediate');
    else errors.push('unknown-issuer');
  }
  const leafDates = validAt(leaf, now);
  if (leafDates !== 'ok') errors.push(leafDates);
  if (path.slice(1).some((cert) => validAt(cert, now) !== 'ok')) errors.push('chain-expired');
  // Anchors may be old v1 roots without basicConstraints; intermediates must say CA:TRUE.
  const intermediates = path.slice(1).filter((c) => !store.fingerprints.has(c.fingerprint256));
  if (intermediates.some((cert) => !cert.ca)) errors.push('issuer-not-ca');
  return { trusted, pkixValid: trusted && errors.length === 0, path, selfSigned, errors };
}
