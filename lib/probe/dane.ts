// DANE for SMTP (RFC 7672, RFC 7671): which TLSA records are usable, and whether one matches.

import { createHash, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { integrityOf } from '../checks/dnssec-judgement.ts';
import { tlsaUnusable } from '../dns/tlsa-record.ts';
import type { DnsAnswer, TlsaRecord } from '../dns/types.ts';
import { isSignedBy, isSignedByKey } from './certificate-chain.ts';
import { matchesPresentedName, presentedNames } from './name-match.ts';
import type { DaneReport, TlsaRecordReport } from './types.ts';

export interface DaneInput {
  tlsa: DnsAnswer<'TLSA'> | null;
  /** Where the TLSA records were looked up or found (RFC 7672 §2.2.2). */
  baseDomain: string;
  /** The MX RRset (or the implicit MX's address records) validated. */
  mxSecure: boolean;
  /** Chain as sent, leaf first; empty when TLS did not complete. */
  chain: readonly X509Certificate[];
  tlsNegotiated: boolean;
  /** Reference identifiers for DANE-TA name checks (RFC 7672 §3.2.2): MX host, TLSA base domain. */
  referenceNames: readonly string[];
  now: Date;
}

/** One judgement of a TLSA record for the probe and the DNS check (lib/dns/tlsa-record.ts). */
function unusableReason(record: TlsaRecord): string | null {
  return tlsaUnusable(record)?.reason ?? null;
}

/** The certificate association data a TLSA record with this selector and matching type describes. */
export function associationData(
  cert: X509Certificate,
  selector: number,
  matchingType: number,
): string {
  const source =
    selector === 0 ? cert.raw : (cert.publicKey.export({ type: 'spki', format: 'der' }) as Buffer);
  if (matchingType === 1) return createHash('sha256').update(source).digest('hex');
  if (matchingType === 2) return createHash('sha512').update(source).digest('hex');
  return Buffer.from(source).toString('hex');
}

function matchesCert(record: TlsaRecordReport, cert: X509Certificate): boolean {
  return associationData(cert, record.selector, record.matchingType) === record.data.toLowerCase();
}

/** A trust anchor given whole in DNS (matching type 0): RFC 7671 §5.2.2, `2 0 0` or `2 1 0`. */
interface DnsAnchor {
  cert: X509Certificate | null;
  key: KeyObject;
}

function anchorFromDns(record: TlsaRecordReport): DnsAnchor | null {
  if (record.matchingType !== 0) return null;
  const der = Buffer.from(record.data, 'hex');
  try {
    if (record.selector === 0) {
      const cert = new X509Certificate(der);
      return { cert, key: cert.publicKey };
    }
    return { cert: null, key: createPublicKey({ key: der, format: 'der', type: 'spki' }) };
  } catch {
    return null; // data that is no certificate or key anchors nothing
  }
}

/**
 * Leaf → … → the certificate the anchor vouches for, through the chain as sent. `reached` says
 * when a certificate is the anchor itself (sent) or is signed by it (anchor from DNS).
 */
function pathTo(
  chain: readonly X509Certificate[],
  reached: (cert: X509Certificate) => boolean,
): X509Certificate[] | null {
  const [leaf, ...rest] = chain;
  if (!leaf) return null;
  const path: X509Certificate[] = [leaf];
  let current = leaf;
  while (!reached(current)) {
    const next = rest.find((cert) => !path.includes(cert) && isSignedBy(current, cert));
    if (!next) return null;
    path.push(next);
    current = next;
  }
  return path;
}

/**
 * DANE-TA(2): the leaf chains to the anchor, every certificate on the way is in date and the
 * issuers are CAs, and the leaf names a reference identifier (RFC 7672 §3.2.2). The anchor is
 * a certificate the server sent, or, when the record carries it whole, the one in DNS: servers
 * may leave it out of the chain (RFC 7671 §5.2.2).
 */
function matchesTrustAnchor(record: TlsaRecordReport, input: DaneInput): boolean {
  const [leaf, ...rest] = input.chain;
  if (!leaf) return false;
  const sent = rest.find((cert) => matchesCert(record, cert));
  const fromDns = sent ? null : anchorFromDns(record);
  let path: X509Certificate[] | null = null;
  if (sent) path = pathTo(input.chain, (cert) => cert === sent);
  else if (fromDns) {
    const { cert: anchor, key } = fromDns;
    const signedByAnchor = (cert: X509Certificate) =>
      anchor ? isSignedBy(cert, anchor) : isSignedByKey(cert, key);
    path = pathTo(input.chain, signedByAnchor);
    if (path && anchor) path.push(anchor);
  }
  if (!path) return false;
  const inDate = path.every(
    (cert) => input.now >= cert.validFromDate && input.now <= cert.validToDate,
  );
  // Everything above the leaf issued a certificate; only a key from DNS has no certificate.
  const issuersAreCas = path.slice(1).every((cert) => cert.ca);
  const names = presentedNames(leaf.subjectAltName, leaf.subject);
  const named = names.some((name) =>
    input.referenceNames.some((ref) => matchesPresentedName(name, ref)),
  );
  return inDate && issuersAreCas && named;
}

/** Digest strength by matching type; Full(0) is no digest and is never set aside. */
const DIGEST_STRENGTH: Record<number, number> = { 1: 1, 2: 2 };

/**
 * RFC 7671 §9 (digest algorithm agility): for each usage and selector, only the strongest
 * digest among the usable records counts. With 3 1 0, 3 1 1 and 3 1 2 published, a key that
 * matches only the 3 1 1 record is not accepted; Full(0) records stay usable.
 */
function applyDigestAgility(records: TlsaRecordReport[]): void {
  for (const record of records) {
    const strength = DIGEST_STRENGTH[record.matchingType];
    if (!record.usable || strength === undefined) continue;
    const stronger = records.some(
      (other) =>
        other.usable &&
        other.usage === record.usage &&
        other.selector === record.selector &&
        (DIGEST_STRENGTH[other.matchingType] ?? 0) > strength,
    );
    if (stronger) {
      record.usable = false;
      record.unusableReason =
        'a stronger digest is published for the same usage and selector (RFC 7671 §9 digest algorithm agility)';
    }
  }
}

export function assessDane(input: DaneInput): DaneReport {
  const answer = input.tlsa;
  const found = answer?.status === 'noerror' ? answer.records : [];
  const secure = input.mxSecure && answer?.authenticData === true;
  const records: TlsaRecordReport[] = found.map((record) => {
    const reason = unusableReason(record);
    return {
      ...record,
      data: record.data.toLowerCase(),
      usable: secure && reason === null,
      unusableReason: reason ?? (secure ? null : 'the MX or TLSA RRset is not DNSSEC-secure'),
      matched: false,
    };
  });
  applyDigestAgility(records);
  if (input.tlsNegotiated) {
    const leaf = input.chain[0];
    for (const record of records) {
      if (!record.usable || !leaf) continue;
      record.matched =
        record.usage === 3 ? matchesCert(record, leaf) : matchesTrustAnchor(record, input);
    }
  }
  const usable = records.some((record) => record.usable);
  const matched = input.tlsNegotiated && usable ? records.some((record) => record.matched) : null;
  const failed = answer && (answer.status === 'servfail' || answer.status === 'temperror');
  return {
    baseDomain: input.baseDomain,
    tlsaPresent: found.length > 0,
    applicable: secure && found.length > 0,
    usable,
    matched,
    pkixIrrelevant: usable && matched === true,
    records,
    lookupError: failed
      ? `TLSA lookup ${answer.status}${answer.error ? `: ${answer.error}` : ''}`
      : null,
    ...(answer ? integrityOf(answer) : {}),
  };
}
