// DKIM key presence (RFC 6376 §3.6.1). With selectors seen in messages: fetch and judge each
// key (type, size, revoked). Without: MECSA's estimate, NOERROR vs NXDOMAIN at _domainkey.<domain>.
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome, CheckStatus, Finding } from '../outcome.ts';
import { text } from '../score/text.ts';
import { type DkimKeyProblemKind, parseDkimKeyRecord } from './dkim-key-record.ts';
import {
  type DnssecJudgement,
  type DnssecTrust,
  fallbacksOf,
  judgeDnssec,
  trustOf,
  weakestJudgement,
} from './dnssec-judgement.ts';
import { type FindingCode, issue } from './finding-codes.ts';
import { didNotResolve, lookupFailedFinding } from './lookup.ts';

export interface DkimKeyDetails {
  selector: string;
  keyType?: string;
  bits?: number;
  revoked: boolean;
  testing: boolean;
}

/**
 * Whether an attacker on the verifier's DNS path could swap the key: the DNSSEC verdict of the
 * key answers at <selector>._domainkey.<signer>, judged from the signer zone's chain (the weakest
 * of the selectors), with its reason, the zone where the chain ended and who vouched for it.
 */
export interface DkimKeyProtection extends DnssecJudgement {
  /** The signing domain d= whose zone holds the keys. */
  signer: string;
  trust: DnssecTrust;
  /** Why local validation did not complete for some key answers (the resolver's word stood in). */
  fallbacks: string[];
}

export interface DkimDetails {
  /** True when no selector was known and the verdict is MECSA's NOERROR/NXDOMAIN estimate. */
  estimate: boolean;
  keys: DkimKeyDetails[];
  /** With selectors: the keys' DNSSEC protection. */
  protection?: DkimKeyProtection;
}

export function keyProtectionOf(
  signer: string,
  judgements: readonly DnssecJudgement[],
): DkimKeyProtection {
  const worst = weakestJudgement(judgements) ?? {
    state: 'indeterminate',
    reason: 'lookup-failed',
    detail: 'no key was looked up',
    source: 'validated-locally',
  };
  return {
    ...worst,
    signer,
    trust: trustOf(judgements.map((j) => j.source)),
    fallbacks: fallbacksOf(judgements),
  };
}

function base64Bytes(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
/** RSA modulus size via WebCrypto (present in Node and in the extension's service worker). */
async function rsaBits(der: Uint8Array): Promise<number | undefined> {
  try {
    const key = await crypto.subtle.importKey(
      'spki',
      der as BufferSource,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      true,
      ['verify'],
    );
    return (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
  } catch {
    return undefined;
  }
}

const KEY_PROBLEM_CODES: Record<DkimKeyProblemKind, FindingCode> = {
  syntax: 'dkim.bad-syntax',
  version: 'dkim.bad-syntax',
  'version-not-first': 'dkim.bad-syntax',
  'missing-p': 'dkim.bad-syntax',
  'bad-p': 'dkim.key-unparseable',
  'key-type': 'dkim.bad-key-type',
  hash: 'dkim.key-unusable',
  service: 'dkim.key-unusable',
};

async function judgeKey(
  selector: string,
  domain: string,
  raw: string,
  findings: Finding[],
): Promise<DkimKeyDetails> {
  const where = `${selector}._domainkey.${domain}`;
  const record = parseDkimKeyRecord(raw);
  const keyType = record.keyType;
  const details: DkimKeyDetails = { selector, keyType, revoked: false, testing: record.testing };
  if (details.testing) findings.push(issue('dkim.testing', text('chk_dkim_testing', where)));
  for (const p of record.problems)
    findings.push(
      issue(KEY_PROBLEM_CODES[p.kind], text('chk_dkim_key_problem', where, p.text), {
        evidence: p.evidence,
      }),
    );
  if (!record.usable || record.publicKey === undefined) return details;
  if (record.revoked) {
    details.revoked = true;
    findings.push(issue('dkim.key-revoked', text('chk_dkim_revoked', where)));
    return details;
  }
  const bytes = base64Bytes(record.publicKey);
  if (keyType === 'ed25519') {
    if (bytes?.length === 32) details.bits = 256;
    else findings.push(issue('dkim.key-unparseable', text('chk_dkim_ed25519_unparseable', where)));
    return details;
  }
  const bits = bytes ? await rsaBits(bytes) : undefined;
  if (bits === undefined) {
    findings.push(issue('dkim.key-unparseable', text('chk_dkim_rsa_unparseable', where)));
    return details;
  }
  details.bits = bits;
  if (bits < 1024)
    findings.push(
      issue('dkim.key-weak', text('chk_dkim_weak', where, String(bits)), {
        fix: text('chk_dkim_fix_weak'),
      }),
    );
  else if (bits < 2048)
    findings.push(
      issue('dkim.key-short', text('chk_dkim_short', where, String(bits)), {
        fix: text('chk_dkim_fix_short'),
      }),
    );
  return details;
}

/** Without selectors: only whether `_domainkey.<domain>` exists, an estimate. */
async function estimateDkim(
  dns: DnsClient,
  domain: string,
  opts: { signal?: AbortSignal },
): Promise<CheckOutcome<DkimDetails>> {
  const answer = await dns.query(`_domainkey.${domain}`, 'TXT', opts);
  const details: DkimDetails = { estimate: true, keys: [] };
  if (didNotResolve(answer))
    return {
      check: 'dkim',
      status: 'temperror',
      findings: [lookupFailedFinding(answer)],
      records: [],
      details,
    };
  if (answer.status === 'nxdomain') {
    const f = issue('dkim.estimate-absent', text('chk_dkim_estimate_absent', domain));
    return { check: 'dkim', status: 'none', findings: [f], records: [], details };
  }
  const f = issue('dkim.estimate-present', text('chk_dkim_estimate_present', domain));
  return { check: 'dkim', status: 'pass', findings: [f], records: [], details };
}

/** What the selectors' lookups found, shared by the lookups running together. */
interface SelectorTally {
  findings: Finding[];
  records: string[];
  missing: number;
  untested: number;
  /** In selector order, so the weakest of equal states is always the same one. */
  judgements: DnssecJudgement[];
}

async function lookupSelector(
  dns: DnsClient,
  domain: string,
  selector: string,
  i: number,
  tally: SelectorTally,
  signal?: AbortSignal,
): Promise<DkimKeyDetails | undefined> {
  const name = `${selector}._domainkey.${domain}`;
  const answer = await dns.query(name, 'TXT', signal ? { signal } : {});
  tally.judgements[i] = await judgeDnssec(dns, answer, signal);
  if (didNotResolve(answer)) {
    tally.untested++;
    tally.findings.push(lookupFailedFinding(answer));
    return undefined;
  }
  // Any spelling of p= or v= picks the record, so that a wrong case (tag names are
  // case-sensitive, RFC 6376 §3.2) is reported as such rather than as a missing key.
  const found = answer.records.filter((r) => /(?:^|;)\s*p\s*=/i.test(r) || /^\s*v\s*=/i.test(r));
  if (found.length === 0) {
    tally.missing++;
    tally.findings.push(
      issue('dkim.key-missing', text('chk_dkim_key_missing', name, selector), { evidence: name }),
    );
    return undefined;
  }
  if (found.length > 1)
    tally.findings.push(
      issue('dkim.multiple-records', text('chk_dkim_multiple', name, String(found.length)), {
        evidence: name,
      }),
    );
  tally.records.push(`${name}: ${found[0]}`);
  return judgeKey(selector, domain, found[0] ?? '', tally.findings);
}

const BROKEN_KEY_CODES = [
  'dkim.key-weak',
  'dkim.key-unparseable',
  'dkim.bad-key-type',
  'dkim.bad-syntax',
  'dkim.key-revoked',
  'dkim.key-unusable',
];

function selectorsStatus(present: number, tally: SelectorTally): CheckStatus {
  const findings = tally.findings;
  if (present === 0) return tally.untested > 0 ? 'temperror' : 'none';
  if (findings.some((f) => BROKEN_KEY_CODES.includes(f.code)))
    return findings.some((f) => f.code === 'dkim.key-revoked' || f.code === 'dkim.key-weak')
      ? 'fail'
      : 'permerror';
  return tally.missing > 0 ? 'fail' : 'pass';
}

export async function checkDkim(
  dns: DnsClient,
  domain: string,
  selectors: readonly string[] = [],
  signal?: AbortSignal,
): Promise<CheckOutcome<DkimDetails>> {
  if (selectors.length === 0) return estimateDkim(dns, domain, signal ? { signal } : {});
  const tally: SelectorTally = {
    findings: [],
    records: [],
    missing: 0,
    untested: 0,
    judgements: [],
  };
  const keys = await Promise.all(
    selectors.map((selector, i) => lookupSelector(dns, domain, selector, i, tally, signal)),
  );
  const present = keys.filter((k): k is DkimKeyDetails => k !== undefined);
  return {
    check: 'dkim',
    status: selectorsStatus(present.length, tally),
    findings: tally.findings,
    records: tally.records,
    details: {
      estimate: false,
      keys: present,
      protection: keyProtectionOf(domain, tally.judgements),
    },
  };
}
