// DANE for SMTP (RFC 7672, RFC 7671): which TLSA records are usable, and whether one matches.

import { createHash, type X509Certificate } from 'node:crypto';
import type { DnsAnswer } from '../dns/types.ts';
import { isSignedBy } from './certificate-chain.ts';
import { matchesHostPattern, presentedNames } from './name-match.ts';
import type { DaneReport, TlsaRecordReport } from './types.ts';

export interface DaneInput {
  tlsa: DnsAnswer<'TLSA'> | null;
  /** The MX RRset (or the implicit MX's address records) validated. */
  mxSecure: boolean;
  /** Chain as sent, leaf first; empty when TLS did not complete. */
  chain: readonly X509Certificate[];
  tlsNegotiated: boolean;
  /** Reference identifiers for DANE-TA name checks (RFC 7672 §3.2.2): MX host, TLSA base domain. */
  referenceNames: readonly string[];
  now: Date;
}

const HASH_HEX_LENGTH: Record<number, number> = { 1: 64, 2: 128 };

function unusableReason(usage: number, selector: number, matchingType: number, data: string) {
  if (usage === 0 || usage === 1)
    return 'PKIX-TA(0)/PKIX-EE(1) are unsuitable for SMTP (RFC 7672 §3.1.3)';
  if (usage !== 2 && usage !== 3) return `unknown certificate usage ${usage}`;
  if (selector !== 0 && selector !== 1) return `unknown selector ${selector}`;
  if (matchingType !== 0 && matchingType !== 1 && matchingType !== 2) {
    return `unknown matching type ${matchingType}`;
  }
  const expected = HASH_HEX_LENGTH[matchingType];
  if (expected !== undefined && data.length !== expected)
    return `digest length ${data.length / 2} bytes is wrong`;
  if (!/^[0-9a-f]*$/i.test(data) || data.length === 0) return 'association data is not hex';
  return null;
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

/** DANE-TA(2): a sent chain certificate is the anchor, the leaf chains to it, dates and names hold. */
function matchesTrustAnchor(record: TlsaRecordReport, input: DaneInput): boolean {
  const [leaf, ...rest] = input.chain;
  if (!leaf) return false;
  const anchorIndex = rest.findIndex((cert) => matchesCert(record, cert));
  if (anchorIndex < 0) return false;
  const anchor = rest[anchorIndex];
  const path: X509Certificate[] = [leaf];
  let current = leaf;
  while (current !== anchor) {
    const next = rest.find((cert) => !path.includes(cert) && isSignedBy(current, cert));
    if (!next) return false;
    path.push(next);
    current = next;
  }
  const inDate = path.every(
    (cert) => input.now >= cert.validFromDate && input.now <= cert.validToDate,
  );
  const names = presentedNames(leaf.subjectAltName, leaf.subject);
  const named = names.some((name) =>
    input.referenceNames.some((ref) => matchesHostPattern(name, ref)),
  );
  return inDate && named;
}

export function assessDane(input: DaneInput): DaneReport {
  const answer = input.tlsa;
  const found = answer?.status === 'noerror' ? answer.records : [];
  const secure = input.mxSecure && answer?.authenticData === true;
  const records: TlsaRecordReport[] = found.map((record) => {
    const reason = unusableReason(record.usage, record.selector, record.matchingType, record.data);
    return {
      ...record,
      data: record.data.toLowerCase(),
      usable: secure && reason === null,
      unusableReason: reason ?? (secure ? null : 'the MX or TLSA RRset is not DNSSEC-secure'),
      matched: false,
    };
  });
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
    tlsaPresent: found.length > 0,
    applicable: secure && found.length > 0,
    usable,
    matched,
    pkixIrrelevant: usable && matched === true,
    records,
    lookupError: failed
      ? `TLSA lookup ${answer.status}${answer.error ? `: ${answer.error}` : ''}`
      : null,
  };
}
