// Public surface of lib/checks (platform-neutral).

export { type BimiDetails, checkBimi } from './bimi.ts';
export { checkDkim, type DkimDetails } from './dkim.ts';
export {
  type DkimSelectorFacts,
  dkimSelectorsFromFacts,
  MAX_DKIM_SELECTORS,
} from './dkim-selectors.ts';
export { checkDmarc, type DmarcDetails, organizationalDomain } from './dmarc/dmarc-check.ts';
export { checkDnssec, type DnssecDetails } from './dnssec.ts';
export { type DnssecState, dnssecState } from './dnssec-state.ts';
export {
  type AssessOptions,
  assessDomainDns,
  type DomainDnsPosture,
  normaliseDomain,
} from './domain-dns-posture.ts';
export { FINDING_CODES, type FindingCode } from './finding-codes.ts';
export { checkMtaStsRecord, type MtaStsRecordDetails } from './mta-sts-record.ts';
export { checkMx, type MxDetails, resolveMxHosts } from './mx.ts';
export { checkSpf, type SpfDetails } from './spf/spf-check.ts';
export { checkTlsRpt, type TlsRptDetails } from './tls-rpt.ts';
export { checkTlsa, type TlsaDetails } from './tlsa.ts';
