// The six DNSSEC questions of MECSA (IEEE Access 2020, §III-A.1): is the domain signed, are its
// MX records secure, are the MX hosts' zones signed, are their A/AAAA secure, are the TXT
// records secure, are the TLSA records secure. The answers are validated locally when the DNS
// client is the validating one (the default); otherwise they trust the resolver's AD flag.
import { getDomain } from 'tldts';
import type { DnsAnswer, DnsClient } from '../dns/types.ts';
import type { CheckOutcome, CheckStatus, Finding } from '../outcome.ts';
import { type Param, type Text, text } from '../score/text.ts';
import {
  type DnssecJudgement,
  type DnssecTrust,
  fallbacksOf,
  judgeDnssec,
  trustOf,
} from './dnssec-judgement.ts';
import { type DnssecState, weakest } from './dnssec-state.ts';
import { issue } from './finding-codes.ts';
import { resolveHostAddresses, resolveMxHosts } from './mx-lookup.ts';
import { lookupTlsa } from './tlsa-lookup.ts';

export type QuestionState = DnssecState | 'not-applicable';

export interface DnssecDetails {
  domainSigned: QuestionState;
  mxSecure: QuestionState;
  mxHostZonesSigned: QuestionState;
  mxAddressesSecure: QuestionState;
  txtSecure: QuestionState;
  tlsaSecure: QuestionState;
  /** Per MX host: zone, address and TLSA states. */
  hosts: {
    host: string;
    zone: string;
    zoneSigned: DnssecState;
    addresses: DnssecState;
    tlsa: QuestionState;
  }[];
  /**
   * Who vouched: MailSeal's own validation from the trust anchor, the resolver's AD flag (the
   * fallback setting, or where local validation could not complete), or some of each.
   */
  trust: DnssecTrust;
  /** Why local validation did not complete where the resolver's word stood in (the fallback). */
  fallbacks: string[];
  resolvers: string[];
  /** Locally validated answers that were not secure, with the zone where the chain ended. */
  reasons: { name: string; type: string; state: DnssecState; detail: string }[];
}

export type { DnssecTrust };

function reasonsOf(answers: readonly DnsAnswer[]): DnssecDetails['reasons'] {
  const out: DnssecDetails['reasons'] = [];
  for (const a of answers) {
    const v = a.dnssec;
    if (v?.source !== 'validated-locally' || v.state === 'secure') continue;
    if (out.some((r) => r.name === a.name && r.type === a.type)) continue;
    out.push({ name: a.name, type: a.type, state: v.state, detail: v.detail });
  }
  return out;
}

const orNa = (s: DnssecState | undefined): QuestionState => s ?? 'not-applicable';

export async function checkDnssec(
  dns: DnsClient,
  domain: string,
  signal?: AbortSignal,
): Promise<CheckOutcome<DnssecDetails>> {
  const opts = signal ? { signal } : {};
  const answers: DnsAnswer[] = [];
  const judgements: DnssecJudgement[] = [];
  const state = async (answer: DnsAnswer): Promise<DnssecState> => {
    answers.push(answer);
    const judgement = await judgeDnssec(dns, answer, signal);
    judgements.push(judgement);
    return judgement.state;
  };
  const [domainKey, set, txt, dmarcTxt] = await Promise.all([
    dns.query(domain, 'DNSKEY', opts),
    resolveMxHosts(dns, domain, signal),
    dns.query(domain, 'TXT', opts),
    dns.query(`_dmarc.${domain}`, 'TXT', opts),
  ]);
  const [domainSigned, mxSecure] = await Promise.all([state(domainKey), state(set.answer)]);
  const authTxt = [txt, dmarcTxt].filter(
    (a) => a.status === 'servfail' || a.records.some((r) => /^v=(spf1|DMARC1)/i.test(r)),
  );
  const txtStates = await Promise.all(authTxt.map(state));
  const hosts = await Promise.all(
    set.hosts.map(async ({ exchange }) => {
      const zone = getDomain(exchange) ?? exchange;
      const addresses = resolveHostAddresses(dns, exchange, signal);
      // The TLSA the DANE check and the probe use: at a CNAME'd host's target first (RFC 7672 §2.2.2).
      const [key, { a, aaaa }, { answer: tlsa }] = await Promise.all([
        dns.query(zone, 'DNSKEY', opts),
        addresses,
        lookupTlsa(dns, exchange, addresses, signal),
      ]);
      const hasTlsa = tlsa.records.length > 0 || tlsa.status === 'servfail';
      const [zoneSigned, aState, aaaaState, tlsaState] = await Promise.all([
        state(key),
        state(a),
        state(aaaa),
        hasTlsa ? state(tlsa) : undefined,
      ]);
      return {
        host: exchange,
        zone,
        zoneSigned,
        addresses: weakest([aState, aaaaState]) ?? 'indeterminate',
        tlsa: orNa(tlsaState),
      };
    }),
  );
  const details: DnssecDetails = {
    domainSigned,
    mxSecure:
      set.answer.status === 'nodata' || set.answer.status === 'nxdomain'
        ? 'not-applicable'
        : mxSecure,
    mxHostZonesSigned: orNa(weakest(hosts.map((h) => h.zoneSigned))),
    mxAddressesSecure: orNa(weakest(hosts.map((h) => h.addresses))),
    txtSecure: orNa(weakest(txtStates)),
    tlsaSecure: orNa(weakest(hosts.flatMap((h) => (h.tlsa === 'not-applicable' ? [] : [h.tlsa])))),
    hosts,
    trust: trustOf(judgements.map((j) => j.source)),
    fallbacks: fallbacksOf(judgements),
    resolvers: [...new Set(answers.map((a) => a.resolver).filter((r) => r !== ''))],
    reasons: reasonsOf(answers),
  };
  return { check: 'dnssec', ...verdict(domain, details), records: [], details };
}

/** The labelled downgrade: whose word stands in, and, for a fallback, why local validation did not complete. */
function resolverTrusted(d: DnssecDetails, resolvers: Param): Text {
  const why = d.fallbacks.join('; ');
  if (d.trust === 'mixed')
    return why
      ? text('chk_dnssec_resolver_mixed_why', resolvers, why)
      : text('chk_dnssec_resolver_mixed', resolvers);
  if (why) return text('chk_dnssec_resolver_fallback_why', resolvers, why);
  return text('chk_dnssec_resolver_trusted', resolvers);
}

/** Bogus answers, and whether the domain and its MX and TXT records are signed. */
function signingFindings(domain: string, d: DnssecDetails, questions: QuestionState[]): Finding[] {
  const findings: Finding[] = [];
  if (questions.includes('bogus')) {
    const where = Object.entries(d)
      .filter(([, v]) => v === 'bogus')
      .map(([k]) => k)
      .join(', ');
    const why = d.reasons.find((r) => r.state === 'bogus');
    findings.push(
      issue(
        'dnssec.bogus',
        why ? text('chk_dnssec_bogus_why', where, why.detail) : text('chk_dnssec_bogus', where),
        { fix: text('chk_dnssec_fix_bogus') },
      ),
    );
  }
  if (d.domainSigned === 'insecure')
    findings.push(
      issue('dnssec.unsigned', text('chk_dnssec_unsigned', domain), {
        fix: text('chk_dnssec_fix_unsigned', domain),
      }),
    );
  else if (d.domainSigned === 'secure') {
    if (d.mxSecure === 'insecure')
      findings.push(issue('dnssec.mx-insecure', text('chk_dnssec_mx_insecure')));
    if (d.txtSecure === 'insecure')
      findings.push(issue('dnssec.txt-insecure', text('chk_dnssec_txt_insecure')));
  }
  return findings;
}

/** The MX hosts' zones and addresses, and the TLSA records. */
function mxHostFindings(d: DnssecDetails): Finding[] {
  const findings: Finding[] = [];
  const unsignedHosts = d.hosts.filter((h) => h.zoneSigned === 'insecure').map((h) => h.zone);
  if (unsignedHosts.length > 0)
    findings.push(
      issue(
        'dnssec.mx-host-unsigned',
        text('chk_dnssec_mx_host_unsigned', [...new Set(unsignedHosts)].join(', ')),
      ),
    );
  const insecureAddr = d.hosts
    .filter((h) => h.addresses === 'insecure' && h.zoneSigned !== 'insecure')
    .map((h) => h.host);
  if (insecureAddr.length > 0)
    findings.push(
      issue(
        'dnssec.mx-address-insecure',
        text('chk_dnssec_mx_address_insecure', insecureAddr.join(', ')),
      ),
    );
  if (d.tlsaSecure === 'insecure')
    findings.push(issue('dnssec.tlsa-insecure', text('chk_dnssec_tlsa_insecure')));
  return findings;
}

function verdict(domain: string, d: DnssecDetails): { status: CheckStatus; findings: Finding[] } {
  const questions = [
    d.domainSigned,
    d.mxSecure,
    d.mxHostZonesSigned,
    d.mxAddressesSecure,
    d.txtSecure,
    d.tlsaSecure,
  ];
  const findings = [...signingFindings(domain, d, questions), ...mxHostFindings(d)];
  const resolvers = d.resolvers.join(', ') || text('chk_the_resolver');
  if (d.trust === 'validated-locally')
    findings.push(
      issue('dnssec.validated-locally', text('chk_dnssec_validated_locally', resolvers)),
    );
  else findings.push(issue('dnssec.resolver-trusted', resolverTrusted(d, resolvers)));
  let status: CheckStatus;
  if (questions.includes('bogus')) status = 'fail';
  else if (d.domainSigned === 'insecure') status = 'none';
  else if (questions.includes('insecure')) status = 'fail';
  else if (questions.includes('indeterminate')) status = 'temperror';
  else status = 'pass';
  return { status, findings };
}
