// The real engine outputs fit the scoring inputs as they are (structural typing), checked by
// tsc; and the DNS posture reduces to the facts scoring reads.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DomainDnsPosture } from '../../../lib/checks/domain-dns-posture.ts';
import type { MessageFacts } from '../../../lib/headers/message-facts.ts';
import type { DomainProbeReport } from '../../../lib/probe/types.ts';
import { type DnsPostureView, dnsFactsFromPosture } from '../../../lib/score/dns-facts.ts';
import type { MessageInput, ProbeInput } from '../../../lib/score/inputs.ts';

describe('input contracts', () => {
  it('MessageFacts, DomainProbeReport and DomainDnsPosture fit the scoring inputs', () => {
    expectTypeOf<MessageFacts>().toExtend<MessageInput>();
    expectTypeOf<DomainProbeReport>().toExtend<ProbeInput>();
    expectTypeOf<DomainDnsPosture>().toExtend<DnsPostureView>();
  });
});

type Status = 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';

function posture(
  over: Partial<Record<keyof Omit<DnsPostureView, 'domain'>, Status>> = {},
  policy?: 'none' | 'reject',
): DnsPostureView {
  const s = (k: keyof typeof over): Status => over[k] ?? 'pass';
  const q = s('dnssec') === 'pass' ? 'secure' : 'insecure';
  return {
    domain: 'example.org',
    spf: { status: s('spf') },
    dmarc: { status: s('dmarc'), details: policy === undefined ? {} : { effectivePolicy: policy } },
    mtaSts: { status: s('mtaSts') },
    tlsa: { status: s('tlsa') },
    dnssec: {
      status: s('dnssec'),
      details: {
        domainSigned: q,
        mxSecure: q,
        mxHostZonesSigned: q,
        mxAddressesSecure: q,
        txtSecure: q,
        tlsaSecure: q,
      },
    },
    dkim: { status: s('dkim') },
  };
}

describe('dnsFactsFromPosture', () => {
  it('all checks passing', () => {
    expect(dnsFactsFromPosture(posture({}, 'reject'))).toEqual({
      domain: 'example.org',
      dnssec: true,
      zoneSigned: true,
      spf: 'valid',
      dmarc: { state: 'valid', policy: 'reject' },
      dkim: true,
      dane: true,
      mtaStsRecord: true,
    });
  });

  it.each([
    ['spf', 'fail', { spf: 'invalid' }],
    ['spf', 'none', { spf: 'missing' }],
    ['spf', 'permerror', { spf: 'invalid' }],
    ['spf', 'temperror', { spf: null }],
    ['dmarc', 'fail', { dmarc: { state: 'valid', policy: null } }],
    ['dmarc', 'none', { dmarc: { state: 'missing', policy: null } }],
    ['dmarc', 'temperror', { dmarc: { state: null, policy: null } }],
    ['dnssec', 'none', { dnssec: false }],
    ['dnssec', 'fail', { dnssec: false }],
    ['dnssec', 'temperror', { dnssec: null }],
    ['dkim', 'none', { dkim: false }],
    ['dkim', 'temperror', { dkim: null }],
    ['tlsa', 'none', { dane: false }],
    ['tlsa', 'fail', { dane: false }],
    ['tlsa', 'temperror', { dane: null }],
    ['mtaSts', 'none', { mtaStsRecord: false }],
    ['mtaSts', 'permerror', { mtaStsRecord: false }],
    ['mtaSts', 'temperror', { mtaStsRecord: null }],
  ] as const)('%s %s → %o', (check, status, expected) => {
    expect(dnsFactsFromPosture(posture({ [check]: status }))).toMatchObject(expected);
  });

  it('a signed zone whose MX hosts sit in unsigned zones: MECSA DNSSEC no, zone signed yes', () => {
    const p = posture({ dnssec: 'fail' });
    const details = p.dnssec.details;
    if (details !== undefined) p.dnssec.details = { ...details, domainSigned: 'secure' };
    expect(dnsFactsFromPosture(p)).toMatchObject({ dnssec: false, zoneSigned: true });
  });
});
