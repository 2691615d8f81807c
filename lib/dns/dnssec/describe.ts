// Sentences for people, naming the zone where the chain broke.
import { algorithmName } from './algorithms.ts';
import { type Name, nameToString } from './names.ts';
import type { Rrsig } from './records.ts';
import { serialToDate } from './rrsig.ts';
import type { DnssecReason } from './types.ts';

const TYPE_NAMES: Record<number, string> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  39: 'DNAME',
  43: 'DS',
  46: 'RRSIG',
  47: 'NSEC',
  48: 'DNSKEY',
  50: 'NSEC3',
  52: 'TLSA',
};

export const typeName = (type: number) => TYPE_NAMES[type] ?? `TYPE${type}`;

export interface FailureFacts {
  reason: DnssecReason;
  zone: Name;
  owner?: Name;
  type?: number;
  rrsig?: Rrsig;
  nowMs: number;
}

export function describeFailure(f: FailureFacts): string {
  const zone = nameToString(f.zone);
  const what =
    f.owner && f.type !== undefined ? ` (${nameToString(f.owner)} ${typeName(f.type)})` : '';
  const date = (serial: number) => serialToDate(serial, f.nowMs).toISOString();
  switch (f.reason) {
    case 'rrsig-expired':
      return `RRSIG expired at ${zone} on ${f.rrsig ? date(f.rrsig.expiration) : '?'}${what}`;
    case 'rrsig-not-yet-valid':
      return `RRSIG not valid before ${f.rrsig ? date(f.rrsig.inception) : '?'} at ${zone}${what}`;
    case 'dnskey-missing':
      return `no DNSKEY at ${zone} for key tag ${f.rrsig?.keyTag ?? '?'}${what}`;
    case 'signature-invalid':
      return `signature does not verify at ${zone}${what}`;
    case 'rrsig-missing':
      return `no RRSIG in signed zone ${zone}${what}`;
    case 'ds-digest-mismatch':
      return `DS digest mismatch at ${zone}: no DNSKEY matches the parent's DS`;
    case 'dnskey-unsigned':
      return `DNSKEY RRset at ${zone} is not signed by a key the DS names`;
    case 'unsupported-algorithm':
      return `${zone} uses only DNSSEC algorithms MailSeal cannot verify${f.rrsig ? ` (${algorithmName(f.rrsig.algorithm)})` : ''}: insecure (RFC 6840 §5.2)`;
    case 'unsigned-delegation':
      return `${zone} is an unsigned delegation: its parent proves there is no DS`;
    case 'nsec3-opt-out':
      return `${zone} lies under an NSEC3 opt-out span: no DS is proven, so it is insecure`;
    case 'nsec3-iterations':
      return `NSEC3 at ${zone} uses more iterations than validators accept (RFC 9276): insecure`;
    case 'denial-missing':
      return `no valid proof of non-existence from ${zone}${what}`;
    case 'signer-not-zone':
      return `RRSIG signer ${zone} is not a zone apex on the chain${what}`;
    case 'budget-exceeded':
      return `validation work limit reached at ${zone}${what}`;
    case 'outside-trust-anchor':
      return `${nameToString(f.owner ?? f.zone)} is outside the trust anchor ${zone}`;
    case 'anchor-unavailable':
      return `the resolver gave no authenticated DNSKEY for the trust anchor ${zone}; it may not support DNSSEC`;
    case 'chain-too-long':
      return `delegation chain below ${zone} is too long to follow`;
    case 'lookup-failed':
      return `lookup failed at ${zone}${what}`;
    case 'malformed-answer':
      return `malformed answer at ${zone}${what}`;
    case 'resolver-ad-flag':
      return `the resolver's AD flag, not validated locally`;
    case 'signed':
      return `validated from the trust anchor through ${zone}`;
    case 'denial-proven':
      return `non-existence proven by ${zone}`;
  }
}
