// TLSA records (RFC 6698 §2) judged once, for the DNS check and the probe alike: the presentation
// format (§2.2), RFC 7218's acronyms, and whether an SMTP client can use a record (RFC 7672
// §3.1.3 with RFC 6698 §2.1). Wire decoding is dns-packet's, with framing checked in wire.ts.
import { english, type Text, text } from '../score/text.ts';
import type { TlsaRecord } from './types.ts';

/** RFC 7218 §2.1–§2.3 acronyms (IANA "DANE" registries). */
export const TLSA_USAGES: Readonly<Record<number, string>> = {
  0: 'PKIX-TA',
  1: 'PKIX-EE',
  2: 'DANE-TA',
  3: 'DANE-EE',
  255: 'PrivCert',
};
export const TLSA_SELECTORS: Readonly<Record<number, string>> = {
  0: 'Cert',
  1: 'SPKI',
  255: 'PrivSel',
};
export const TLSA_MATCHING_TYPES: Readonly<Record<number, string>> = {
  0: 'Full',
  1: 'SHA2-256',
  2: 'SHA2-512',
  255: 'PrivMatch',
};

/** "DANE-EE SPKI SHA2-256" (RFC 7218); a value without an acronym stays a number. */
export function tlsaAcronyms(r: Pick<TlsaRecord, 'usage' | 'selector' | 'matchingType'>): string {
  return [
    TLSA_USAGES[r.usage] ?? String(r.usage),
    TLSA_SELECTORS[r.selector] ?? String(r.selector),
    TLSA_MATCHING_TYPES[r.matchingType] ?? String(r.matchingType),
  ].join(' ');
}

/** RFC 6698 §2.1.4: SHA-256 and SHA-512 digests are 32 and 64 octets. */
const DIGEST_HEX_LENGTH: Readonly<Record<number, number>> = { 1: 64, 2: 128 };

export type TlsaUnusableKind =
  | 'pkix-usage'
  | 'unknown-parameter'
  | 'bad-digest-length'
  | 'bad-data';

export interface TlsaUnusable {
  kind: TlsaUnusableKind;
  /** The English of `words`. */
  reason: string;
  /** Why, as a message key, so the extension words it in the reader's language. */
  words: Text;
}

const unusable = (kind: TlsaUnusableKind, words: Text): TlsaUnusable => ({
  kind,
  reason: english(words),
  words,
});

/** Why an SMTP client ignores this record, or null when it is usable. */
export function tlsaUnusable(r: TlsaRecord): TlsaUnusable | null {
  if (r.usage === 0 || r.usage === 1) {
    const name = String(TLSA_USAGES[r.usage]);
    return unusable('pkix-usage', text('dns_tlsa_pkix_usage', name, String(r.usage)));
  }
  if (r.usage !== 2 && r.usage !== 3)
    return unusable('unknown-parameter', text('dns_tlsa_unknown_usage', String(r.usage)));
  if (r.selector !== 0 && r.selector !== 1)
    return unusable('unknown-parameter', text('dns_tlsa_unknown_selector', String(r.selector)));
  if (r.matchingType !== 0 && r.matchingType !== 1 && r.matchingType !== 2)
    return unusable('unknown-parameter', text('dns_tlsa_unknown_matching', String(r.matchingType)));
  if (r.data.length === 0 || r.data.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(r.data))
    return unusable('bad-data', text('dns_tlsa_bad_data'));
  const expected = DIGEST_HEX_LENGTH[r.matchingType];
  if (expected !== undefined && r.data.length !== expected) {
    const words = text(
      'dns_tlsa_digest_length',
      String(r.matchingType),
      String(expected / 2),
      String(r.data.length / 2),
    );
    return unusable('bad-digest-length', words);
  }
  // Full (0): a DER certificate or SubjectPublicKeyInfo is a SEQUENCE (tag 0x30).
  if (r.matchingType === 0 && !r.data.toLowerCase().startsWith('30'))
    return unusable('bad-data', text('dns_tlsa_not_der'));
  return null;
}

const OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * RFC 6698 §2.2 presentation format: usage, selector and matching type as unsigned decimal
 * integers, then the association data as hex, where whitespace is allowed (and parentheses from
 * a master file, §2.3's examples). RFC 7218 acronyms are for discussion, not for master files.
 */
export function parseTlsaPresentation(text: string): TlsaRecord | null {
  const tokens = text.replace(/[()]/g, ' ').trim().split(/\s+/);
  const [usage = '', selector = '', matchingType = '', ...hex] = tokens;
  if (![usage, selector, matchingType].every((t) => OCTET.test(t))) return null;
  const data = hex.join('');
  if (!/^(?:[0-9a-f]{2})+$/i.test(data)) return null;
  return {
    usage: Number(usage),
    selector: Number(selector),
    matchingType: Number(matchingType),
    data: data.toLowerCase(),
  };
}
