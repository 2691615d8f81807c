// Every DNSSEC verdict says who vouched for it: "validated locally" (MailSeal's own chain from the
// trust anchor) or the resolver's AD flag, either as the AD-flag setting or as a labelled fallback
// that says why local validation did not complete. The DKIM key's protection is an explicit
// verdict of the signer zone's chain (state, reason, zone, source). Zones are signed at test time.
import { describe, expect, it } from 'vitest';
import { assessDkimSigner } from '../../../lib/checks/dkim-signers.ts';
import { checkDnssec } from '../../../lib/checks/dnssec.ts';
import { type DnssecJudgement, weakestJudgement } from '../../../lib/checks/dnssec-judgement.ts';
import { checkMtaStsRecord } from '../../../lib/checks/mta-sts-record.ts';
import { checkTlsRpt } from '../../../lib/checks/tls-rpt.ts';
import { checkTlsa } from '../../../lib/checks/tlsa.ts';
import { createDohClient } from '../../../lib/dns/doh-client.ts';
import { createValidatingClient, type DnssecMode } from '../../../lib/dns/validating-client.ts';
import { fakeDohTransport } from '../dns/dnssec/fake-doh.ts';
import type { FakeResolver, ZoneSpec } from '../dns/dnssec/fake-resolver.ts';
import { NOW } from '../dns/dnssec/fake-resolver.ts';
import { A, setup, TXT } from '../dns/dnssec/setup.ts';

// RFC 8463 §A.2's ed25519 public key: a well-formed key record.
const KEY = 'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=';

const mailZone = (apex: string, extra: Partial<ZoneSpec> = {}): ZoneSpec => ({
  apex,
  records: [
    { name: apex, type: 'MX', ttl: 300, data: { preference: 10, exchange: `mx.${apex}` } },
    A(`mx.${apex}`),
    TXT(apex, 'v=spf1 -all'),
    TXT(`_dmarc.${apex}`, 'v=DMARC1; p=reject'),
    TXT(`sel._domainkey.${apex}`, KEY),
    TXT(`_mta-sts.${apex}`, 'v=STSv1; id=20260601'),
    TXT(`_smtp._tls.${apex}`, 'v=TLSRPTv1; rua=mailto:tls@example'),
  ],
  ...extra,
});

async function clientFor(
  specs: ZoneSpec[],
  mode: DnssecMode = 'local',
  tamper?: FakeResolver['tamper'],
) {
  const { resolver, anchor } = await setup(specs);
  if (tamper) resolver.tamper = tamper;
  const inner = createDohClient({
    resolvers: ['https://doh.test/dns-query'],
    transport: fakeDohTransport(resolver),
  });
  return createValidatingClient(inner, { anchor, now: () => NOW * 1000, mode });
}

/** A resolver that strips RRSIGs and DNSKEYs but claims AD=1, as DNSSEC-stripping middleboxes do. */
const stripping: FakeResolver['tamper'] = (_n, _t, a) => ({
  ...a,
  ad: true,
  answers: a.answers.filter((r) => r.type !== 'RRSIG' && r.type !== 'DNSKEY'),
  authorities: a.authorities.filter((r) => r.type === 'SOA'),
});

const signer = { domain: 'example', selectors: ['sel'] };

describe("DKIM key protection (the signer zone's chain)", () => {
  it('a key in a signed zone is secure, validated locally, with the zone of the chain', async () => {
    const dns = await clientFor([{ apex: '' }, mailZone('example')]);
    const { protection, dnssec } = await assessDkimSigner(dns, signer);
    expect(protection).toMatchObject({
      signer: 'example',
      state: 'secure',
      reason: 'signed',
      source: 'validated-locally',
      trust: 'validated-locally',
      fallbacks: [],
    });
    expect(protection.zone).toBe('example.');
    expect(dnssec).toBe('secure');
  });

  it('a key under an unsigned delegation is insecure, and the reason says so', async () => {
    const dns = await clientFor([
      { apex: '' },
      { apex: 'example' },
      mailZone('plain.example', { unsigned: true }),
    ]);
    const { protection } = await assessDkimSigner(dns, { ...signer, domain: 'plain.example' });
    expect(protection).toMatchObject({
      state: 'insecure',
      reason: 'unsigned-delegation',
      source: 'validated-locally',
    });
    expect(protection.zone).toBe('plain.example.');
  });

  it('an expired signature over the key is bogus with the zone and date', async () => {
    const window = { inception: NOW - 20 * 86400, expiration: NOW - 3600 };
    const dns = await clientFor([{ apex: '' }, mailZone('example', { window })]);
    const { protection } = await assessDkimSigner(dns, signer);
    expect(protection).toMatchObject({ state: 'bogus', source: 'validated-locally' });
    expect(protection.detail).toMatch(/RRSIG expired at .*example\. on/);
  });

  it("in the AD-flag setting the verdict is the resolver's word, without a fallback", async () => {
    const dns = await clientFor([{ apex: '' }, mailZone('example')], 'resolver');
    const { protection } = await assessDkimSigner(dns, signer);
    expect(protection).toMatchObject({
      reason: 'resolver-ad-flag',
      source: 'resolver-ad-flag',
      trust: 'resolver-ad-flag',
      fallbacks: [],
    });
    expect(protection.fallback).toBeUndefined();
    expect(protection.detail).toContain('AD-flag setting');
  });

  it('a resolver that strips DNSSEC is a labelled fallback that says why, never "validated"', async () => {
    const dns = await clientFor([{ apex: '' }, mailZone('example')], 'local', stripping);
    const { protection } = await assessDkimSigner(dns, signer);
    // The forged AD=1 makes it "secure", but only as the resolver's word, with the reason.
    expect(protection).toMatchObject({ state: 'secure', source: 'resolver-ad-flag' });
    expect(protection.fallback).toContain('trust anchor');
    expect(protection.fallbacks).toEqual([protection.fallback]);
    expect(protection.detail).toContain('local validation did not complete');
  });
});

describe('who vouched, on every DNSSEC verdict of the DNS checks', () => {
  it('validated locally: DNSSEC questions, DANE (TLSA), MTA-STS and TLS-RPT records', async () => {
    const dns = await clientFor([{ apex: '' }, mailZone('example')]);
    const [dnssec, tlsa, sts, rpt] = await Promise.all([
      checkDnssec(dns, 'example'),
      checkTlsa(dns, 'example'),
      checkMtaStsRecord(dns, 'example'),
      checkTlsRpt(dns, 'example'),
    ]);
    expect(dnssec.details).toMatchObject({ trust: 'validated-locally', fallbacks: [] });
    expect(tlsa.details).toMatchObject({ trust: 'validated-locally', fallbacks: [] });
    expect(sts.details).toMatchObject({ dnssec: true, dnssecSource: 'validated-locally' });
    expect(rpt.details).toMatchObject({ dnssec: true, dnssecSource: 'validated-locally' });
  });

  it("the AD-flag setting: every verdict is the resolver's word, with no fallback reason", async () => {
    const dns = await clientFor([{ apex: '' }, mailZone('example')], 'resolver');
    const [dnssec, tlsa, sts, rpt] = await Promise.all([
      checkDnssec(dns, 'example'),
      checkTlsa(dns, 'example'),
      checkMtaStsRecord(dns, 'example'),
      checkTlsRpt(dns, 'example'),
    ]);
    expect(dnssec.details).toMatchObject({ trust: 'resolver-ad-flag', fallbacks: [] });
    expect(dnssec.findings.find((f) => f.code === 'dnssec.resolver-trusted')?.message).toContain(
      'AD-flag setting',
    );
    expect(tlsa.details?.trust).toBe('resolver-ad-flag');
    expect(sts.details?.dnssecSource).toBe('resolver-ad-flag');
    expect(sts.details?.dnssecFallback).toBeUndefined();
    expect(rpt.details?.dnssecSource).toBe('resolver-ad-flag');
  });

  it('a stripping resolver: the fallback is labelled on every verdict and the report says why', async () => {
    const dns = await clientFor([{ apex: '' }, mailZone('example')], 'local', stripping);
    const [dnssec, tlsa, sts, rpt] = await Promise.all([
      checkDnssec(dns, 'example'),
      checkTlsa(dns, 'example'),
      checkMtaStsRecord(dns, 'example'),
      checkTlsRpt(dns, 'example'),
    ]);
    expect(dnssec.details?.trust).toBe('resolver-ad-flag');
    expect(dnssec.details?.fallbacks.join(' ')).toContain('trust anchor');
    const finding = dnssec.findings.find((f) => f.code === 'dnssec.resolver-trusted');
    expect(finding?.message).toContain('fell back');
    expect(finding?.message).toContain('Local validation did not complete');
    expect(dnssec.findings.map((f) => f.code)).not.toContain('dnssec.validated-locally');
    expect(tlsa.details?.trust).toBe('resolver-ad-flag');
    expect(tlsa.details?.fallbacks?.join(' ')).toContain('trust anchor');
    expect(sts.details).toMatchObject({ dnssec: true, dnssecSource: 'resolver-ad-flag' });
    expect(sts.details?.dnssecFallback).toContain('trust anchor');
    expect(rpt.details?.dnssecFallback).toContain('trust anchor');
  });
});

describe('weakestJudgement', () => {
  it('orders bogus < insecure < indeterminate < secure and keeps the first of equals', () => {
    type State = 'secure' | 'insecure' | 'bogus' | 'indeterminate';
    const j = (state: State, detail: string = state): DnssecJudgement => ({
      state,
      reason: 'signed',
      detail,
      source: 'validated-locally',
    });
    expect(weakestJudgement([j('secure'), j('indeterminate'), j('insecure')])?.state).toBe(
      'insecure',
    );
    expect(weakestJudgement([j('insecure'), j('bogus')])?.state).toBe('bogus');
    expect(weakestJudgement([j('secure', 'a'), j('secure', 'b')])?.detail).toBe('a');
    expect(weakestJudgement([])).toBeUndefined();
  });
});
