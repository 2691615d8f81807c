// The DNS engine's DomainDnsPosture (lib/checks/domain-dns-posture.ts), reduced to what scoring
// reads. Structural: any object with these fields will do, the real posture included.
import type { CheckStatus } from '../outcome.ts';
import type { DnsFactsInput, RecordState } from './inputs.ts';

type Outcome<T> = { status: CheckStatus; details?: T };
type QuestionState = 'secure' | 'insecure' | 'bogus' | 'indeterminate' | 'not-applicable';

export interface DnsPostureView {
  domain: string;
  spf: Outcome<unknown>;
  dmarc: Outcome<{ effectivePolicy?: 'none' | 'quarantine' | 'reject' }>;
  mtaSts: Outcome<unknown>;
  tlsa: Outcome<unknown>;
  dnssec: Outcome<{
    domainSigned: QuestionState;
    mxSecure: QuestionState;
    mxHostZonesSigned: QuestionState;
    mxAddressesSecure: QuestionState;
    txtSecure: QuestionState;
    tlsaSecure: QuestionState;
  }>;
  dkim: Outcome<unknown>;
}

const tested = (s: CheckStatus): boolean => s !== 'temperror';

/** MECSA's DNSSEC support: all six questions of MECSA §III-A.1 answered "secure". */
function dnssecOf(o: DnsPostureView['dnssec']): boolean | null {
  if (o.status === 'pass') return true;
  if (o.status === 'none' || o.status === 'fail') return false;
  return null;
}

/** The domain's own DNSKEY answer: secure is signed; insecure or bogus is not. */
function zoneSignedOf(o: DnsPostureView['dnssec']): boolean | null {
  const state = o.details?.domainSigned;
  if (state === 'secure') return true;
  if (state === 'insecure' || state === 'bogus') return false;
  return null;
}

export function dnsFactsFromPosture(p: DnsPostureView): DnsFactsInput {
  // SPF counts when the record can fail a forgery (-all or ~all, the checker's `pass`);
  // a ?all or +all record is syntactically fine but protects nothing.
  const spf: RecordState = !tested(p.spf.status)
    ? null
    : p.spf.status === 'pass'
      ? 'valid'
      : p.spf.status === 'none'
        ? 'missing'
        : 'invalid';
  // DMARC counts when a valid record exists (MECSA); p=none is the checker's `fail` but valid.
  const dmarcState: RecordState = !tested(p.dmarc.status)
    ? null
    : p.dmarc.status === 'pass' || p.dmarc.status === 'fail'
      ? 'valid'
      : p.dmarc.status === 'none'
        ? 'missing'
        : 'invalid';
  return {
    domain: p.domain,
    dnssec: dnssecOf(p.dnssec),
    zoneSigned: zoneSignedOf(p.dnssec),
    spf,
    dmarc: { state: dmarcState, policy: p.dmarc.details?.effectivePolicy ?? null },
    dkim: tested(p.dkim.status) ? p.dkim.status === 'pass' : null,
    dane: tested(p.tlsa.status) ? p.tlsa.status === 'pass' : null,
    mtaStsRecord: tested(p.mtaSts.status) ? p.mtaSts.status === 'pass' : null,
  };
}
