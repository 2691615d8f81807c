// One test per lab scenario that declares expect.dns, against the lab's real validating resolver
// (unbound over DoH, lab CA trusted only here). Generated from the catalogue (plus
// MAILSEAL_LAB_EXTRA files), so a new scenario needs no code.
//
// expect.dns: { status: {<check>: CheckStatus}, findings: [codes that must be present],
//               dnssec: {<question>: state}, resolver?: "scenario" (use the scenario's own DoH) }
import { afterAll, describe, expect, it } from 'vitest';
import { assessDomainDns, type DomainDnsPosture } from '../../lib/checks/index.ts';
import { DNS_CHECKS } from '../../lib/checks/registry.ts';
import { createDohClient } from '../../lib/dns/index.ts';
import { createUndiciTransport } from '../../lib/dns/node/undici-transport.ts';
import type { CheckOutcome } from '../../lib/outcome.ts';
import { loadCatalogue } from '../lab/catalogue.ts';
import { findScenario, requireLab } from '../lab/lab-info.ts';

interface DnsExpect {
  status: Record<string, string>;
  findings: string[];
  dnssec?: Record<string, string>;
  resolver?: 'scenario';
}

/** Every check of the registry: a check added there is covered here too. */
const CHECKS = DNS_CHECKS.map((check) => check.key);

const lab = requireLab();
const undici = createUndiciTransport({ ca: lab.caCertPem });
afterAll(() => undici.close());

const scenarios = loadCatalogue().filter((s) => s.expect.dns !== undefined);

function codesOf(posture: DomainDnsPosture): string[] {
  return CHECKS.flatMap((k) => (posture[k] as CheckOutcome<unknown>).findings.map((f) => f.code));
}

describe('DNS posture on lab scenarios (real validating resolver)', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (name, scenario) => {
    const want = scenario.expect.dns as DnsExpect;
    const doh = findScenario(lab, name).doh;
    const resolver = want.resolver === 'scenario' && doh ? doh.url : lab.dohUrl;
    const dns = createDohClient({
      resolvers: [resolver],
      transport: undici.transport,
      timeoutMs: 5_000,
    });
    const posture = await assessDomainDns(scenario.domain, { dns });
    expect(
      Object.fromEntries(
        Object.keys(want.status).map((k) => [
          k,
          (posture[k as (typeof CHECKS)[number]] as CheckOutcome<unknown>).status,
        ]),
      ),
    ).toEqual(want.status);
    expect(codesOf(posture)).toEqual(expect.arrayContaining(want.findings));
    if (want.dnssec) {
      const details = posture.dnssec.details as unknown as Record<string, string>;
      expect(Object.fromEntries(Object.keys(want.dnssec).map((k) => [k, details[k]]))).toEqual(
        want.dnssec,
      );
    }
    // Every answer names the resolver that gave it, and "could not test" never reads as insecure.
    for (const k of CHECKS) {
      const outcome = posture[k] as CheckOutcome<unknown>;
      if (outcome.status === 'temperror')
        expect(
          outcome.findings.some((f) => f.severity === 'critical' && f.code !== 'dnssec.bogus'),
        ).toBe(false);
    }
    if (want.resolver !== 'scenario')
      expect(posture.dnssec.details?.resolvers).toEqual([lab.dohUrl]);
  });

  it('tells the three DNSSEC states apart: secure, insecure (unsigned) and bogus', async () => {
    const dns = createDohClient({ resolvers: [lab.dohUrl], transport: undici.transport });
    const [secure, insecure, bogus] = await Promise.all(
      ['allgood', 'tlsanodnssec', 'danebogusds'].map((n) =>
        dns.query(findScenario(lab, n).domain, 'MX'),
      ),
    );
    expect(secure).toMatchObject({ status: 'noerror', authenticData: true, resolver: lab.dohUrl });
    expect(insecure).toMatchObject({ status: 'noerror', authenticData: false });
    expect(bogus?.status).toBe('servfail');
    const unchecked = await dns.query(findScenario(lab, 'danebogusds').domain, 'MX', {
      checkingDisabled: true,
    });
    expect(unchecked).toMatchObject({ status: 'noerror', authenticData: false });
  });

  it('speaks GET and POST to the real resolver, NXDOMAIN vs NODATA', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const dns = createDohClient({ resolvers: [lab.dohUrl], transport: undici.transport, method });
      const domain = findScenario(lab, 'allgood').domain;
      expect((await dns.query(domain, 'MX')).records[0]?.exchange).toBe(`mx1.${domain}`);
      expect((await dns.query(`nothing-here.${domain}`, 'TXT')).status).toBe('nxdomain');
      expect((await dns.query(`mx1.${domain}`, 'TXT')).status).toBe('nodata');
    }
  });
});
