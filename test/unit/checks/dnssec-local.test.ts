// MECSA's DNSSEC questions over the validating client: verdicts come from local validation and
// say so ('validated-locally'); the AD-flag mode stays available and is labelled as the fallback.
import { describe, expect, it } from 'vitest';
import { checkDnssec } from '../../../lib/checks/dnssec.ts';
import { createDohClient } from '../../../lib/dns/doh-client.ts';
import { createValidatingClient } from '../../../lib/dns/validating-client.ts';
import { fakeDohTransport } from '../dns/dnssec/fake-doh.ts';
import { NOW, type ZoneSpec } from '../dns/dnssec/fake-resolver.ts';
import { A, setup, TXT } from '../dns/dnssec/setup.ts';

const mailZone = (apex: string, extra: Partial<ZoneSpec> = {}): ZoneSpec => ({
  apex,
  records: [
    { name: apex, type: 'MX', ttl: 300, data: { preference: 10, exchange: `mx.${apex}` } },
    A(`mx.${apex}`),
    TXT(apex, 'v=spf1 -all'),
    TXT(`_dmarc.${apex}`, 'v=DMARC1; p=reject'),
  ],
  ...extra,
});

async function clientFor(specs: ZoneSpec[], mode: 'local' | 'resolver' = 'local') {
  const { resolver, anchor } = await setup(specs);
  const inner = createDohClient({
    resolvers: ['https://doh.test/dns-query'],
    transport: fakeDohTransport(resolver),
  });
  return createValidatingClient(inner, { anchor, now: () => NOW * 1000, mode });
}

describe('DNSSEC questions validated locally', () => {
  it('a signed domain is secure on every question, validated locally', async () => {
    const dns = await clientFor([{ apex: '' }, mailZone('example')]);
    const out = await checkDnssec(dns, 'example');
    expect(out.details).toMatchObject({
      domainSigned: 'secure',
      mxSecure: 'secure',
      mxAddressesSecure: 'secure',
      txtSecure: 'secure',
      trust: 'validated-locally',
      reasons: [],
    });
    expect(out.status).toBe('pass');
    expect(out.findings.map((f) => f.code)).toEqual(['dnssec.validated-locally']);
  });

  it('an expired signature is bogus and the finding names the zone and date', async () => {
    const window = { inception: NOW - 20 * 86400, expiration: NOW - 3600 };
    const dns = await clientFor([{ apex: '' }, mailZone('example', { window })]);
    const out = await checkDnssec(dns, 'example');
    expect(out.status).toBe('fail');
    const bogus = out.findings.find((f) => f.code === 'dnssec.bogus');
    expect(bogus?.message).toContain('RRSIG expired at example. on');
    expect(out.details?.reasons[0]).toMatchObject({ state: 'bogus' });
  });

  it('an unsigned delegation is insecure (not signed), validated locally', async () => {
    const dns = await clientFor([
      { apex: '' },
      { apex: 'example' },
      mailZone('plain.example', { unsigned: true }),
    ]);
    const out = await checkDnssec(dns, 'plain.example');
    expect(out.details?.domainSigned).toBe('insecure');
    expect(out.details?.trust).toBe('validated-locally');
    expect(out.findings.map((f) => f.code)).toContain('dnssec.unsigned');
  });

  it('the AD-flag mode is the labelled fallback: the resolver is trusted', async () => {
    const dns = await clientFor([{ apex: '' }, mailZone('example')], 'resolver');
    const out = await checkDnssec(dns, 'example');
    expect(out.details?.trust).toBe('resolver-ad-flag');
    // The fake resolver never sets AD, so the resolver's word is "insecure" here.
    expect(out.details?.domainSigned).toBe('insecure');
    expect(out.findings.find((f) => f.code === 'dnssec.resolver-trusted')?.message).toContain(
      "resolver's word",
    );
  });

  it('a bogus answer carries no data, like a validating resolver (RFC 4035 §5.5)', async () => {
    const window = { inception: NOW - 20 * 86400, expiration: NOW - 3600 };
    const dns = await clientFor([{ apex: '' }, mailZone('example', { window })]);
    const answer = await dns.query('example', 'MX');
    expect(answer).toMatchObject({ status: 'servfail', records: [], authenticData: false });
    expect(answer.dnssec).toMatchObject({
      state: 'bogus',
      reason: 'rrsig-expired',
      source: 'validated-locally',
    });
  });

  it('a resolver that strips DNSSEC records falls back to its AD flag, labelled as such', async () => {
    const { resolver, anchor } = await setup([{ apex: '' }, mailZone('example')]);
    resolver.tamper = (_n, _t, a) => ({
      ...a,
      ad: true,
      answers: a.answers.filter((r) => r.type !== 'RRSIG' && r.type !== 'DNSKEY'),
      authorities: a.authorities.filter((r) => r.type === 'SOA'),
    });
    const inner = createDohClient({
      resolvers: ['https://doh.test/dns-query'],
      transport: fakeDohTransport(resolver),
    });
    const dns = createValidatingClient(inner, { anchor, now: () => NOW * 1000 });
    const answer = await dns.query('example', 'MX');
    expect(answer.authenticData).toBe(true);
    expect(answer.dnssec).toMatchObject({
      source: 'resolver-ad-flag',
      state: 'secure',
      reason: 'resolver-ad-flag',
    });
    expect(answer.dnssec?.fallback).toContain('trust anchor');
    const out = await checkDnssec(dns, 'example');
    expect(out.details?.trust).toBe('resolver-ad-flag');
  });
});
