// DANE for SMTP (RFC 7672): TLSA records at _25._tcp.<mx> (or at its CNAME target, §2.2.2) for
// every MX host. Only usages 2 (DANE-TA) and 3 (DANE-EE) are meaningful for SMTP; TLSA without
// DNSSEC is unusable.
import { type TlsaUnusableKind, tlsaAcronyms, tlsaUnusable } from '../dns/tlsa-record.ts';
import type { DnsClient, TlsaRecord } from '../dns/types.ts';
import type { CheckOutcome, CheckStatus, Finding } from '../outcome.ts';
import { text } from '../score/text.ts';
import {
  type DnssecJudgement,
  type DnssecTrust,
  fallbacksOf,
  judgeDnssec,
  trustOf,
} from './dnssec-judgement.ts';
import type { DnssecState } from './dnssec-state.ts';
import { type FindingCode, issue } from './finding-codes.ts';
import { didNotResolve, lookupFailedFinding } from './lookup.ts';
import { resolveHostAddresses, resolveMxHosts } from './mx-lookup.ts';
import { lookupTlsa, tlsaName } from './tlsa-lookup.ts';

export interface TlsaHostDetails {
  host: string;
  /** Where the TLSA records were found (RFC 7672 §2.2.2): the host or its CNAME target. */
  baseDomain: string;
  records: TlsaRecord[];
  dnssec: DnssecState;
  /** At least one record with usage 2/3, known selector/matching type, DNSSEC-secure. */
  usable: boolean;
}

export interface TlsaDetails {
  hosts: TlsaHostDetails[];
  /** Who vouched for the MX and TLSA DNSSEC states DANE's usability rests on. */
  trust?: DnssecTrust;
  /** Why local validation did not complete where the resolver's word stood in. */
  fallbacks?: string[];
}

const UNUSABLE_CODES: Record<TlsaUnusableKind, FindingCode> = {
  'pkix-usage': 'tlsa.pkix-usage',
  'unknown-parameter': 'tlsa.unknown-parameter',
  'bad-digest-length': 'tlsa.bad-digest-length',
  'bad-data': 'tlsa.bad-digest-length',
};

/** The record judged by lib/dns/tlsa-record.ts, the same judgement the probe uses. */
function recordFindings(host: string, r: TlsaRecord): { findings: Finding[]; usable: boolean } {
  const evidence = `_25._tcp.${host} TLSA ${r.usage} ${r.selector} ${r.matchingType} ${r.data.slice(0, 16)}…`;
  const unusable = tlsaUnusable(r);
  if (!unusable) return { findings: [], usable: true };
  const fix = unusable.kind === 'pkix-usage' ? { fix: text('chk_tlsa_fix_usage') } : {};
  const ignored = unusable.kind === 'pkix-usage' || unusable.kind === 'unknown-parameter';
  const words = text(
    ignored ? 'chk_tlsa_record_ignored' : 'chk_tlsa_record_bad',
    tlsaAcronyms(r),
    unusable.words,
  );
  return {
    findings: [issue(UNUSABLE_CODES[unusable.kind], words, { evidence, ...fix })],
    usable: false,
  };
}

/** What the MX hosts' lookups found, shared by the lookups running together. */
interface TlsaTally {
  dns: DnsClient;
  signal: AbortSignal | undefined;
  findings: Finding[];
  records: string[];
  /** In the order the judgements complete. */
  judgements: DnssecJudgement[];
  couldNotTell: boolean;
}

async function judge(tally: TlsaTally, answer: Parameters<typeof judgeDnssec>[1]) {
  const judgement = await judgeDnssec(tally.dns, answer, tally.signal);
  tally.judgements.push(judgement);
  return judgement.state;
}

/** The records of one host: each judged, and usable only when DNSSEC-validated. */
function judgeRecords(
  tally: TlsaTally,
  exchange: string,
  baseDomain: string,
  records: TlsaRecord[],
  secure: boolean,
): boolean {
  const owner = tlsaName(baseDomain);
  let usable = false;
  for (const r of records) {
    tally.records.push(`${owner} TLSA ${r.usage} ${r.selector} ${r.matchingType} ${r.data}`);
    const checked = recordFindings(baseDomain, r);
    tally.findings.push(...checked.findings);
    usable ||= checked.usable;
  }
  if (records.length > 0 && !secure) {
    tally.findings.push(
      issue('tlsa.insecure', text('chk_tlsa_insecure', exchange), {
        evidence: owner,
        fix: text('chk_tlsa_fix_sign_zone', baseDomain),
      }),
    );
    usable = false;
  }
  if (records.length > 0 && !usable && secure) {
    tally.findings.push(
      issue('tlsa.unusable', text('chk_tlsa_unusable', exchange), {
        evidence: owner,
      }),
    );
  }
  return usable;
}

async function checkHost(tally: TlsaTally, exchange: string): Promise<TlsaHostDetails> {
  const addresses = resolveHostAddresses(tally.dns, exchange, tally.signal);
  const lookup = await lookupTlsa(tally.dns, exchange, addresses, tally.signal);
  const { answer, baseDomain } = lookup;
  const state = await judge(tally, answer);
  const host = { host: exchange, baseDomain, dnssec: state };
  if (state === 'bogus') {
    tally.findings.push(
      issue('tlsa.bogus', text('chk_tlsa_bogus', exchange), { evidence: tlsaName(baseDomain) }),
    );
    return { ...host, records: [], usable: false };
  }
  if (didNotResolve(answer)) {
    tally.couldNotTell = true;
    tally.findings.push(lookupFailedFinding(answer));
    return { ...host, records: [], usable: false };
  }
  const secure = state === 'secure' && lookup.hostSecure;
  const usable = judgeRecords(tally, exchange, baseDomain, answer.records, secure);
  return { ...host, records: answer.records, usable };
}

/** DANE needs validated MX records (RFC 7672 §2.2.1) and TLSA at every MX host. */
function coverageFindings(
  domain: string,
  hosts: TlsaHostDetails[],
  withTlsa: TlsaHostDetails[],
  mxState: DnssecState,
): Finding[] {
  const findings: Finding[] = [];
  if (withTlsa.length > 0 && mxState !== 'secure') {
    findings.push(
      issue('tlsa.mx-insecure', text('chk_tlsa_mx_insecure', domain), {
        fix: text('chk_tlsa_fix_sign', domain),
      }),
    );
  }
  if (withTlsa.length > 0 && withTlsa.length < hosts.length) {
    const without = hosts.filter((h) => !withTlsa.includes(h)).map((h) => h.host);
    findings.push(issue('tlsa.partial', text('chk_tlsa_partial', without.join(', '))));
  }
  return findings;
}

export async function checkTlsa(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<CheckOutcome<TlsaDetails>> {
  const set = await resolveMxHosts(dns, domain, signal);
  if (didNotResolve(set.answer))
    return {
      check: 'tlsa',
      status: 'temperror',
      findings: [lookupFailedFinding(set.answer)],
      records: [],
      details: { hosts: [] },
    };
  const tally: TlsaTally = {
    dns,
    signal,
    findings: [],
    records: [],
    judgements: [],
    couldNotTell: false,
  };
  const mxState = await judge(tally, set.answer);
  const hosts = await Promise.all(set.hosts.map(({ exchange }) => checkHost(tally, exchange)));
  const withTlsa = hosts.filter((h) => h.records.length > 0 || h.dnssec === 'bogus');
  const findings = tally.findings;
  findings.push(...coverageFindings(domain, hosts, withTlsa, mxState));
  let status: CheckStatus;
  if (withTlsa.length === 0) status = tally.couldNotTell ? 'temperror' : 'none';
  else if (hosts.every((h) => h.usable) && mxState === 'secure') status = 'pass';
  else status = 'fail';
  const trust = trustOf(tally.judgements.map((j) => j.source));
  return {
    check: 'tlsa',
    status,
    findings,
    records: tally.records,
    details: { hosts, trust, fallbacks: fallbacksOf(tally.judgements) },
  };
}
