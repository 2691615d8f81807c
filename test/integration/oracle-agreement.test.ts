// Outside oracles: where a Debian reference tool decides the same point as MailSeal, both are
// run on the same lab scenario and must agree. pyspf (python3-spf) for the SPF result,
// OpenDMARC's opendmarc-check for DMARC record validity and policy, kdig (knot-dnsutils) for the
// DNSSEC state of the domain's keys. posttls-finger, ldns-dane and mta-sts-query are in
// probe-reference.test.ts. Scenarios are chosen from their records, so new ones need no code.
// Intended differences are listed in INTENDED with the RFC section that decides them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessDomainDns, checkDnssec, type DomainDnsPosture } from '../../lib/checks/index.ts';
import { createDohClient } from '../../lib/dns/index.ts';
import { createUndiciTransport } from '../../lib/dns/node/undici-transport.ts';
import { loadCatalogue, type Scenario } from '../lab/catalogue.ts';
import { requireLab } from '../lab/lab-info.ts';
import { kdig } from '../lab/reference/kdig.ts';
import { opendmarcCheck } from '../lab/reference/opendmarc.ts';
import { pyspfCheck } from '../lab/reference/pyspf.ts';

const lab = requireLab();
const undici = createUndiciTransport({ ca: lab.caCertPem });
const dns = createDohClient({ resolvers: [lab.dohUrl], transport: undici.transport });
const postures = new Map<string, DomainDnsPosture>();
afterAll(() => undici.close());

/** Where MailSeal is right to differ from a reference tool, and why. */
const INTENDED: Record<string, string> = {
  'dmarcmixedcase:opendmarc':
    'OpenDMARC 1.4.2 matches the tag name "v" case-sensitively and finds no record in "V=DMARC1; P=reject". RFC 7489 §6.4 writes the tag in ABNF quotes, which RFC 5234 §2.3 makes case-insensitive; only the value DMARC1 is exact, so MailSeal reads a reject policy (asserted below).',
  'dmarcduplicatetag:opendmarc':
    'RFC 7489 does not say what a tag given twice means: receivers differ. OpenDMARC keeps the last value (p=none); MailSeal reports the record as broken rather than guess which policy the owner meant.',
};

const hasRecord = (s: Scenario, owner: string, pattern: RegExp) =>
  s.records.some((line) => line.startsWith(`${owner} `) && pattern.test(line));
const catalogue = loadCatalogue();
const spfScenarios = catalogue.filter((s) => hasRecord(s, '@', /TXT\s+"v=spf1/i));
const dmarcScenarios = catalogue.filter((s) => hasRecord(s, '_dmarc', /TXT/));
// Scenarios with a DoH endpoint of their own answer garbage on purpose; the rest use the lab's.
const dnssecScenarios = catalogue.filter((s) => s.doh === undefined);

beforeAll(async () => {
  const names = new Set([...spfScenarios, ...dmarcScenarios].map((s) => s.domain));
  for (const domain of names) postures.set(domain, await assessDomainDns(domain, { dns }));
}, 240_000);

function posture(domain: string): DomainDnsPosture {
  const found = postures.get(domain);
  if (!found) throw new Error(`${domain} was not assessed`);
  return found;
}

// A client address no lab SPF record authorises: the result is then decided by the record's
// syntax, limits and "all", which is what the DNS check judges.
const STRANGER = '192.0.2.99';

describe('pyspf agrees on SPF (RFC 7208: permerror iff the record is broken)', () => {
  it.each(spfScenarios.map((s) => [s.name, s.domain] as const))('%s', async (name, domain) => {
    const reference = await pyspfCheck(lab, domain, STRANGER);
    expect(reference.result, reference.transcript).not.toBe('tool-error');
    if (INTENDED[`${name}:pyspf`]) return;
    const spf = posture(domain).spf;
    const detail = `${reference.result}: ${reference.explanation}\nMailSeal: ${spf.status} ${spf.findings.map((f) => f.code).join(' ')}`;
    expect(spf.status === 'permerror', detail).toBe(reference.result === 'permerror');
    expect(spf.status === 'temperror', detail).toBe(reference.result === 'temperror');
    // With a usable record and nothing matching, the result is what "all" says (§5.1).
    const all = spf.details?.allPolicy;
    if (reference.result !== 'permerror' && all && all !== 'none')
      expect(all, detail).toBe(reference.result);
  });
});

describe('OpenDMARC agrees on DMARC records (RFC 7489 §6.3, §6.6.3)', () => {
  it.each(dmarcScenarios.map((s) => [s.name, s.domain] as const))('%s', async (name, domain) => {
    const reference = await opendmarcCheck(lab, domain);
    const dmarc = posture(domain).dmarc;
    const inForce = dmarc.status === 'pass' || dmarc.status === 'fail';
    const detail = `${reference.transcript}\nMailSeal: ${dmarc.status} ${dmarc.findings.map((f) => f.code).join(' ')}`;
    if (INTENDED[`${name}:opendmarc`]) return;
    expect(inForce, detail).toBe(reference.found);
    if (!reference.found || !dmarc.details?.record) return;
    expect(dmarc.details.record.p ?? 'none', detail).toBe(reference.policy);
    expect(dmarc.details.record.pct, detail).toBe(reference.pct);
  });
});

describe('DMARC tag names are case-insensitive (RFC 7489 §6.4, RFC 5234 §2.3)', () => {
  it('reads "V=DMARC1; P=reject" as a reject policy, where OpenDMARC sees no record', async () => {
    const domain = 'dmarcmixedcase.lab';
    const dmarc = posture(domain).dmarc;
    expect(dmarc.status).toBe('pass');
    expect(dmarc.details?.effectivePolicy).toBe('reject');
    expect((await opendmarcCheck(lab, domain)).found).toBe(false);
  });
});

describe('kdig agrees on whether the domain is DNSSEC-signed (RFC 4035 §3.2.3 AD bit)', () => {
  it.each(dnssecScenarios.map((s) => [s.name, s.domain] as const))('%s', async (_n, domain) => {
    const [reference, ours] = await Promise.all([
      kdig(lab, domain, 'DNSKEY'),
      checkDnssec(dns, domain).then((outcome) => outcome.details?.domainSigned),
    ]);
    const expected =
      reference.rcode === 'SERVFAIL' ? 'bogus' : reference.ad ? 'secure' : 'insecure';
    expect(ours, JSON.stringify(reference)).toBe(expected);
  });
});
