// DNSSEC of the domain's mail records (RFC 4033-4035): MECSA's six questions.
import { checkDnssec, type DnssecDetails } from '../dnssec.ts';
import { defineCheck, type ScoreOutcome } from './check-entry.ts';

/** MECSA §III-A.1's six questions, which the score's DNSSEC support sums up. */
type DnssecQuestions = Pick<
  DnssecDetails,
  | 'domainSigned'
  | 'mxSecure'
  | 'mxHostZonesSigned'
  | 'mxAddressesSecure'
  | 'txtSecure'
  | 'tlsaSecure'
>;

export const dnssecCheck = defineCheck({
  key: 'dnssec',
  run: ({ dns, domain, signal }) => checkDnssec(dns, domain, signal),
  summary: (outcome) => {
    const d = outcome.details;
    if (!d) return '';
    return `domain ${d.domainSigned}, MX ${d.mxSecure}, MX zones ${d.mxHostZonesSigned}, MX addresses ${d.mxAddressesSecure}, TXT ${d.txtSecure}, TLSA ${d.tlsaSecure}`;
  },
  score: (outcome: ScoreOutcome<DnssecQuestions>) => {
    // MECSA's DNSSEC support: all six questions of MECSA §III-A.1 answered "secure".
    const dnssec =
      outcome.status === 'pass'
        ? true
        : outcome.status === 'none' || outcome.status === 'fail'
          ? false
          : null;
    // The domain's own DNSKEY answer: secure is signed; insecure or bogus is not.
    const state = outcome.details?.domainSigned;
    const zoneSigned =
      state === 'secure' ? true : state === 'insecure' || state === 'bogus' ? false : null;
    return { dnssec, zoneSigned };
  },
  report: { standard: 'DNSSEC', row: 5, integrity: true },
  // Adoption is the domain's own zone: signed (secure), unsigned (insecure) or broken (bogus).
  adoption: (outcome) => {
    const state = outcome.details?.domainSigned;
    if (state === 'secure') return 'supported';
    if (state === 'bogus') return 'errors';
    if (state === 'insecure') return 'absent';
    return 'untested';
  },
  scanRow: { label: 'DNSSEC (domain signed)', order: 5 },
});
