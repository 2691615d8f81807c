import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DnsAnswer, TlsaRecord } from '../../../lib/dns/types.ts';
import { assessDane, associationData } from '../../../lib/probe/dane.ts';
import { createTestPki, issue } from './helpers/test-pki.ts';

const pki = createTestPki();
const leafIssued = pki.leaf({ cn: 'mx.example.com', sans: ['mx.example.com'] });
const leaf = new X509Certificate(leafIssued.certPem);
const intermediate = new X509Certificate(pki.intermediate.certPem);
const root = new X509Certificate(pki.root.certPem);
const chain = [leaf, intermediate];

function tlsa(
  records: TlsaRecord[],
  secure = true,
  status: DnsAnswer['status'] = 'noerror',
): DnsAnswer<'TLSA'> {
  return {
    name: '_25._tcp.mx.example.com',
    type: 'TLSA',
    status,
    records,
    authenticData: secure,
    cnameChain: [],
    ttl: 60,
    resolver: 'fake',
  };
}
const record = (
  usage: number,
  selector: number,
  matchingType: number,
  cert: X509Certificate,
): TlsaRecord => ({
  usage,
  selector,
  matchingType,
  data: associationData(cert, selector, matchingType),
});
const run = (
  answer: DnsAnswer<'TLSA'> | null,
  extra: Partial<Parameters<typeof assessDane>[0]> = {},
) =>
  assessDane({
    tlsa: answer,
    baseDomain: 'mx.example.com',
    mxSecure: true,
    chain,
    tlsNegotiated: true,
    referenceNames: ['mx.example.com'],
    now: new Date(),
    ...extra,
  });

describe('assessDane', () => {
  it.each([
    [3, 1, 1],
    [3, 0, 1],
    [3, 1, 2],
    [3, 0, 0],
    [3, 1, 0],
  ])('DANE-EE %i %i %i matches the leaf', (u, s, m) => {
    const report = run(tlsa([record(u, s, m, leaf)]));
    expect(report).toMatchObject({
      applicable: true,
      usable: true,
      matched: true,
      pkixIrrelevant: true,
    });
  });

  it.each([
    [2, 0, 1],
    [2, 1, 1],
    [2, 1, 2],
  ])('DANE-TA %i %i %i matches the intermediate as sent', (u, s, m) => {
    expect(run(tlsa([record(u, s, m, intermediate)])).matched).toBe(true);
  });

  it('DANE-TA needs the anchor in the chain as sent', () => {
    expect(run(tlsa([record(2, 1, 1, intermediate)]), { chain: [leaf] }).matched).toBe(false);
  });

  // RFC 7671 §5.2.2: with the whole anchor in DNS (matching type 0) the server may leave it out.
  it.each([
    [2, 0, 0],
    [2, 1, 0],
  ])(
    'DANE-TA %i %i %i: the root, given whole in DNS and not sent, anchors the chain',
    (u, s, m) => {
      expect(run(tlsa([record(u, s, m, root)])).matched).toBe(true);
    },
  );

  it.each([
    [2, 0, 0],
    [2, 1, 0],
  ])('DANE-TA %i %i %i: the issuing CA, given whole in DNS, anchors a bare leaf', (u, s, m) => {
    expect(run(tlsa([record(u, s, m, intermediate)]), { chain: [leaf] }).matched).toBe(true);
  });

  it('DANE-TA from DNS: a key that signed nothing in the chain does not match', () => {
    const stranger = new X509Certificate(issue({ cn: 'Unrelated CA', ca: true }).certPem);
    expect(run(tlsa([record(2, 0, 0, stranger), record(2, 1, 0, stranger)])).matched).toBe(false);
  });

  it('DANE-TA from DNS still checks the leaf name (RFC 7672 §3.2.2)', () => {
    const report = run(tlsa([record(2, 1, 0, root)]), { referenceNames: ['other.example.com'] });
    expect(report.matched).toBe(false);
  });

  it('DANE-TA: a digest (2 x 1/2) cannot stand in for an anchor the server does not send', () => {
    expect(run(tlsa([record(2, 0, 1, root)])).matched).toBe(false);
  });

  it('DANE-TA: a non-CA certificate on the path breaks it', () => {
    const notCa = issue({ cn: 'Not a CA', issuer: pki.root });
    const underIt = issue({ cn: 'mx.example.com', sans: ['mx.example.com'], issuer: notCa });
    const chainThrough = [underIt, notCa].map((c) => new X509Certificate(c.certPem));
    expect(run(tlsa([record(2, 1, 0, root)]), { chain: chainThrough }).matched).toBe(false);
  });

  it('DANE-TA accepts the CNAME target as a reference identifier when given (RFC 7672 §3.2.2)', () => {
    const targetLeaf = new X509Certificate(
      pki.leaf({ cn: 'smtp.provider.example', sans: ['smtp.provider.example'] }).certPem,
    );
    const report = run(tlsa([record(2, 1, 1, intermediate)]), {
      chain: [targetLeaf, intermediate],
      referenceNames: ['smtp.provider.example', 'mx.example.com'],
    });
    expect(report.matched).toBe(true);
  });

  it('DANE-TA checks the name against the MX host', () => {
    expect(
      run(tlsa([record(2, 1, 1, intermediate)]), { referenceNames: ['other.example.com'] }).matched,
    ).toBe(false);
  });

  // RFC 7671 §9: "3 1 0" and "3 1 2" are accepted, a key matching only the weaker "3 1 1" is not.
  it('digest agility: only the strongest digest per usage and selector counts', () => {
    const other = new X509Certificate(pki.leaf({ cn: 'mx.example.com' }).certPem);
    const weakOnly = run(tlsa([record(3, 1, 1, leaf), record(3, 1, 2, other)]));
    expect(weakOnly.matched).toBe(false);
    expect(weakOnly.records[0]).toMatchObject({ usable: false, matched: false });
    expect(weakOnly.records[0]?.unusableReason).toMatch(/RFC 7671 §9/);
    expect(run(tlsa([record(3, 1, 1, other), record(3, 1, 2, leaf)])).matched).toBe(true);
    // Full(0) is no digest: it stays usable beside a SHA2-512 record.
    expect(run(tlsa([record(3, 1, 0, leaf), record(3, 1, 2, other)])).matched).toBe(true);
    // Another selector is another group: 3 0 1 is not set aside by 3 1 2.
    expect(run(tlsa([record(3, 0, 1, leaf), record(3, 1, 2, other)])).matched).toBe(true);
  });

  it('digest agility ignores a stronger record that is itself unusable', () => {
    const broken = { usage: 3, selector: 1, matchingType: 2, data: 'abcd' };
    expect(run(tlsa([record(3, 1, 1, leaf), broken])).matched).toBe(true);
  });

  it('DANE-EE does not match a different certificate', () => {
    const other = new X509Certificate(pki.leaf({ cn: 'mx.example.com' }).certPem);
    const report = run(tlsa([record(3, 1, 1, other)]));
    expect(report).toMatchObject({ usable: true, matched: false, pkixIrrelevant: false });
  });

  it('flags usages 0 and 1 as unusable for SMTP', () => {
    const report = run(tlsa([record(1, 1, 1, leaf), record(0, 1, 1, intermediate)]));
    expect(report.usable).toBe(false);
    expect(report.matched).toBeNull();
    expect(report.records[0]?.unusableReason).toMatch(/unsuitable for SMTP/);
  });

  it('rejects a digest of the wrong length', () => {
    const report = run(tlsa([{ usage: 3, selector: 1, matchingType: 1, data: 'abcd' }]));
    expect(report.records[0]?.usable).toBe(false);
  });

  it('does not use TLSA without DNSSEC', () => {
    const report = run(tlsa([record(3, 1, 1, leaf)], false));
    expect(report).toMatchObject({
      tlsaPresent: true,
      applicable: false,
      usable: false,
      matched: null,
    });
  });

  it('does not use TLSA when the MX RRset is insecure', () => {
    expect(run(tlsa([record(3, 1, 1, leaf)]), { mxSecure: false }).applicable).toBe(false);
  });

  it('reports a failed TLSA lookup', () => {
    expect(run(tlsa([], true, 'servfail')).lookupError).toMatch(/servfail/);
  });

  it('leaves matched null when TLS did not complete', () => {
    expect(
      run(tlsa([record(3, 1, 1, leaf)]), { chain: [], tlsNegotiated: false }).matched,
    ).toBeNull();
  });
});

describe('assessDane: who vouched for the TLSA answer', () => {
  const trace = { reason: 'signed' as const, detail: 'signed', trace: [] };
  it('says "validated locally" when the TLSA answer carries a local verdict', () => {
    const answer = {
      ...tlsa([record(3, 1, 1, leaf)]),
      dnssec: { ...trace, state: 'secure', source: 'validated-locally' },
    } satisfies DnsAnswer<'TLSA'>;
    const report = run(answer);
    expect(report).toMatchObject({ applicable: true, dnssecSource: 'validated-locally' });
    expect(report.dnssecFallback).toBeUndefined();
  });

  it("labels the resolver's AD flag, and says why when it stood in for local validation", () => {
    expect(run(tlsa([record(3, 1, 1, leaf)])).dnssecSource).toBe('resolver-ad-flag');
    const answer = {
      ...tlsa([record(3, 1, 1, leaf)]),
      dnssec: {
        ...trace,
        state: 'secure',
        reason: 'resolver-ad-flag',
        source: 'resolver-ad-flag',
        fallback: 'no authenticated DNSKEY for the trust anchor',
      },
    } satisfies DnsAnswer<'TLSA'>;
    expect(run(answer)).toMatchObject({
      dnssecSource: 'resolver-ad-flag',
      dnssecFallback: 'no authenticated DNSKEY for the trust anchor',
    });
  });

  it('has no source without a TLSA answer', () => {
    expect(run(null).dnssecSource).toBeUndefined();
  });
});
