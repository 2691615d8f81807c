import { describe, expect, it } from 'vitest';
import { summarizeScan } from '../../../lib/scan/adoption-summary.ts';
import { domainFacts } from '../../../lib/scan/domain-facts.ts';
import { summaryCsv, summaryMarkdown } from '../../../lib/scan/summary-format.ts';

const address = (negotiated: boolean, status = 'pass') => ({ status, starttls: { negotiated } });
const cert = (pkixValid: boolean, hostnameMatch = 'mx') => ({ pkixValid, hostnameMatch });
const noTlsa = { tlsaPresent: false, applicable: false, usable: false, matched: null };
const goodDane = { tlsaPresent: true, applicable: true, usable: true, matched: true };

function line(overrides: { probe?: object; dns?: object; domain?: string } = {}) {
  return {
    input: overrides.domain ?? 'x.net',
    domain: overrides.domain ?? 'x.net',
    probe: {
      mxStatus: 'ok',
      mx: [
        {
          host: 'mx.shared.net',
          addresses: [address(true)],
          certificate: cert(true),
          dane: noTlsa,
        },
      ],
      mtaSts: {
        status: 'none',
        record: { present: false, valid: false },
        policy: null,
        mode: null,
        errors: [],
      },
      ...overrides.probe,
    },
    dns: {
      spf: { status: 'pass', details: { allPolicy: 'fail' } },
      dmarc: { status: 'pass', details: { effectivePolicy: 'reject' } },
      tlsRpt: { status: 'none' },
      dnssec: { status: 'pass', details: { domainSigned: 'insecure' } },
      mtaSts: { status: 'none' },
      ...overrides.dns,
    },
  };
}

describe('domain facts', () => {
  it('splits STARTTLS and certificates into supported / with errors / not supported', () => {
    const partial = line({
      probe: {
        mx: [
          { host: 'a', addresses: [address(true)], certificate: cert(true), dane: noTlsa },
          { host: 'b', addresses: [address(false, 'fail')], certificate: null, dane: noTlsa },
        ],
      },
    });
    expect(domainFacts(partial).adoption).toMatchObject({
      starttls: 'errors',
      certificate: 'supported',
    });
    const badCert = line({
      probe: {
        mx: [
          { host: 'a', addresses: [address(true)], certificate: cert(true, 'none'), dane: noTlsa },
        ],
      },
    });
    expect(domainFacts(badCert).adoption.certificate).toBe('errors');
  });

  it('keeps "could not test" apart from "not supported"', () => {
    const timedOut = line({
      probe: {
        mx: [
          { host: 'a', addresses: [address(false, 'temperror')], certificate: null, dane: noTlsa },
        ],
      },
    });
    expect(domainFacts(timedOut).adoption).toMatchObject({
      starttls: 'untested',
      certificate: 'untested',
    });
    expect(domainFacts({ input: 'q', domain: 'q' }).adoption).toMatchObject({
      starttls: 'untested',
      spf: 'untested',
      dnssec: 'untested',
    });
  });

  // Issue 14: a DNS temporary error is "could not test", never "not supported" (as SPF/DMARC).
  it('counts a temporary DNS failure of the _mta-sts lookup as could not test', () => {
    const servfail = line({
      probe: {
        mtaSts: {
          status: 'temperror',
          record: { present: false, valid: false },
          policy: null,
          mode: null,
          errors: [],
        },
      },
      dns: { mtaSts: { status: 'temperror' } },
    });
    expect(domainFacts(servfail)).toMatchObject({
      adoption: { mtaStsRecord: 'untested', mtaStsPolicy: 'untested' },
      mtaStsMode: 'untested',
    });
    const summary = summarizeScan([servfail]);
    const mode = summary.distributions.find((d) => d.key === 'mtaStsMode')?.buckets;
    expect(mode?.find((b) => b.bucket === 'untested')?.count).toBe(1);
    expect(mode?.find((b) => b.bucket === 'no-policy')?.count).toBe(0);
    expect(summary.mtaStsDomains).toBe(0);
  });

  it('counts a timed-out TLSA lookup as could not test, a SERVFAIL as DANE with errors', () => {
    const tlsa = (lookupError: string) =>
      line({
        probe: {
          mx: [
            {
              host: 'a',
              addresses: [address(true)],
              certificate: cert(true),
              dane: { ...noTlsa, lookupError },
            },
          ],
        },
      });
    expect(domainFacts(tlsa('TLSA lookup temperror: timeout')).adoption.dane).toBe('untested');
    // RFC 7672 §2.2: a DANE sender defers on a failed (SERVFAIL) TLSA lookup: broken for it.
    expect(domainFacts(tlsa('TLSA lookup servfail')).adoption.dane).toBe('errors');
  });

  it('counts TLSA records that DNSSEC does not cover as no DANE (RFC 7672 §2.2)', () => {
    const unsigned = line({
      probe: {
        mx: [
          {
            host: 'a',
            addresses: [address(true)],
            certificate: cert(true),
            dane: { tlsaPresent: true, applicable: false, usable: false, matched: null },
          },
        ],
      },
    });
    expect(domainFacts(unsigned).adoption.dane).toBe('absent');
  });

  it('keeps a DNS-only line with a temporary MTA-STS failure as could not test', () => {
    const dnsOnly = { input: 'x.net', domain: 'x.net', dns: { mtaSts: { status: 'temperror' } } };
    expect(domainFacts(dnsOnly).adoption.mtaStsRecord).toBe('untested');
  });

  it('reads MTA-STS record, policy, mode and error kinds', () => {
    const broken = line({
      probe: {
        mtaSts: {
          status: 'fail',
          record: { present: true, valid: true },
          policy: null,
          mode: null,
          errors: [
            { category: 'policy-fetch', kind: 'tls-name-mismatch' },
            { category: 'inconsistency', kind: 'tld-mismatch' },
            { category: 'policy-fetch', kind: 'tls-name-mismatch' },
          ],
        },
      },
    });
    expect(domainFacts(broken)).toMatchObject({
      adoption: { mtaStsRecord: 'supported', mtaStsPolicy: 'errors' },
      mtaStsMode: 'no-policy',
      mtaStsErrors: ['policy-fetch/tls-name-mismatch', 'inconsistency/tld-mismatch'],
    });
  });
});

describe('scan summary', () => {
  const lines = [
    line({
      domain: 'a.net',
      probe: {
        mx: [
          {
            host: 'mx.shared.net',
            addresses: [address(true)],
            certificate: cert(true),
            dane: goodDane,
          },
        ],
      },
      dns: { dnssec: { details: { domainSigned: 'secure' } } },
    }),
    line({
      domain: 'b.net',
      probe: {
        mtaSts: {
          status: 'pass',
          record: { present: true, valid: true },
          policy: { mode: 'enforce' },
          mode: 'enforce',
          errors: [],
        },
      },
      dns: {
        spf: { status: 'fail', details: { allPolicy: 'neutral' } },
        dmarc: { status: 'fail', details: { effectivePolicy: 'none' } },
      },
    }),
    line({
      domain: 'c.net',
      probe: {
        mtaSts: {
          status: 'fail',
          record: { present: true, valid: true },
          policy: null,
          mode: null,
          errors: [{ category: 'policy-fetch', kind: 'tls-name-mismatch' }],
        },
      },
      dns: { spf: { status: 'none' }, dmarc: { status: 'none' }, tlsRpt: { status: 'pass' } },
    }),
    line({
      domain: 'd.net',
      probe: {
        mx: [
          {
            host: 'mx.d.net',
            addresses: [address(false, 'fail')],
            certificate: null,
            dane: noTlsa,
          },
        ],
      },
    }),
    {
      input: '10.0.0.1',
      domain: null,
      reason: 'ip-literal',
      error: 'an IP address is not a mail domain',
    },
    { input: 'gone.net', domain: 'gone.net', error: 'too many probes in progress' },
  ];
  const summary = summarizeScan(lines);
  const row = (key: string) => summary.rows.find((r) => r.key === key)?.counts;

  it('counts domains, invalid input, failures and unique MX hosts', () => {
    expect(summary).toMatchObject({
      lines: 6,
      assessed: 4,
      invalid: 1,
      failed: 1,
      uniqueMxHosts: 2,
    });
  });

  it('builds the adoption rows', () => {
    expect(row('starttls')).toEqual({ supported: 3, errors: 0, absent: 1, untested: 0 });
    expect(row('dane')).toEqual({ supported: 1, errors: 0, absent: 3, untested: 0 });
    expect(row('mtaStsRecord')).toEqual({ supported: 2, errors: 0, absent: 2, untested: 0 });
    expect(row('mtaStsPolicy')).toEqual({ supported: 1, errors: 1, absent: 2, untested: 0 });
    expect(row('dnssec')).toEqual({ supported: 1, errors: 0, absent: 3, untested: 0 });
    expect(row('spf')).toEqual({ supported: 3, errors: 0, absent: 1, untested: 0 });
    expect(row('tlsRpt')).toEqual({ supported: 1, errors: 0, absent: 3, untested: 0 });
  });

  it('builds the qualifier, policy and mode distributions', () => {
    const dist = (key: string) =>
      Object.fromEntries(
        summary.distributions.find((d) => d.key === key)?.buckets.map((b) => [b.bucket, b.count]) ??
          [],
      );
    expect(dist('spfAll')).toMatchObject({ fail: 2, neutral: 1, 'no-record': 1 });
    expect(dist('dmarcPolicy')).toMatchObject({ reject: 2, none: 1, 'no-record': 1 });
    expect(dist('mtaStsMode')).toMatchObject({ enforce: 1, 'no-policy': 3 });
  });

  it('breaks MTA-STS errors down by category and kind over domains with a record', () => {
    expect(summary.mtaStsDomains).toBe(2);
    expect(summary.mtaStsErrors).toEqual([
      { category: 'policy-fetch', kind: null, domains: 1 },
      { category: 'policy-fetch', kind: 'tls-name-mismatch', domains: 1 },
    ]);
  });

  it('renders Markdown and CSV', () => {
    const md = summaryMarkdown(summary);
    expect(md).toContain('| STARTTLS on all MX | 3 (75.0%) | 0 (0.0%) | 1 (25.0%) | 0 (0.0%) |');
    expect(md).toContain('| **policy-fetch** | all kinds | 1 (50.0%) |');
    const csv = summaryCsv(summary).trim().split('\n');
    expect(csv[0]).toBe('section,item,value,count,total,share');
    expect(csv).toContain('adoption,STARTTLS on all MX,supported,3,4,0.7500');
    expect(csv).toContain('mta-sts errors,policy-fetch,tls-name-mismatch,1,2,0.5000');
  });
});
