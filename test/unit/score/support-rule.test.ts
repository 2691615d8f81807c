// MECSA's 80% rule, across every MX and every observed sender, inbound and outbound apart.
import { describe, expect, it } from 'vitest';
import { scoreProvider } from '../../../lib/score/provider-score.ts';
import { type ProtocolTest, supportOf } from '../../../lib/score/support.ts';
import { dnsFacts, handoff, mx, probe } from '../../fixtures/score/builders.ts';

const tests = (pass: number, fail: number, untested = 0): ProtocolTest[] => [
  ...Array.from({ length: pass }, (_, i) => ({ result: 'pass' as const, subject: `p${i}` })),
  ...Array.from({ length: fail }, (_, i) => ({ result: 'fail' as const, subject: `f${i}` })),
  ...Array.from({ length: untested }, (_, i) => ({
    result: 'untested' as const,
    subject: `u${i}`,
  })),
];

describe('supportOf', () => {
  it.each([
    [4, 1, 'supported', 0.8],
    [3, 1, 'unsupported', 0.75],
    [1, 0, 'supported', 1],
    [0, 1, 'unsupported', 0],
    [8, 2, 'supported', 0.8],
    [7, 3, 'unsupported', 0.7],
  ])('%i passed, %i failed → %s', (pass, fail, status, ratio) => {
    expect(supportOf(tests(pass, fail))).toMatchObject({ status, ratio });
  });

  it('leaves untested out of the count (an unreachable MX is not "no STARTTLS")', () => {
    expect(supportOf(tests(4, 0, 5))).toMatchObject({ status: 'supported', ratio: 1, untested: 5 });
    expect(supportOf(tests(0, 0, 3))).toMatchObject({ status: 'unknown', ratio: null });
  });
});

describe('partial MX support', () => {
  it('MECSA’s own example: 2 MX with STARTTLS and 1 cleartext outbound server → 66.7%, 0 stars', () => {
    const p = probe('example.org', [
      mx({ host: 'mx1.example.org', dane: true }),
      mx({ host: 'mx2.example.org', dane: true }),
    ]);
    const score = scoreProvider({
      domain: 'example.org',
      probe: p,
      dns: dnsFacts('example.org'),
      observations: [handoff(false)],
    });
    expect(score.combined.support.starttls).toMatchObject({
      passed: 2,
      failed: 1,
      status: 'unsupported',
    });
    expect(score.combined.support.starttls.ratio).toBeCloseTo(2 / 3);
    expect(score.combined.categories.confidentiality).toMatchObject({ stars: 0, row: '3.1/8' });
    // Apart, the inbound channel is fine and the outbound channel is not.
    expect(score.inbound.support.starttls.status).toBe('supported');
    expect(score.outbound.support.starttls.status).toBe('unsupported');
    expect(score.inbound.categories.confidentiality.stars).toBe(5);
    expect(score.outbound.categories.confidentiality.stars).toBe(0);
  });

  it.each([
    [5, 4, 'supported'],
    [5, 3, 'unsupported'],
    [4, 3, 'unsupported'],
    [10, 8, 'supported'],
  ])('%i MX, %i with STARTTLS → %s', (total, withTls, status) => {
    const mxs = Array.from({ length: total }, (_, i) =>
      mx({ host: `mx${i}.example.net`, starttls: i < withTls }),
    );
    const score = scoreProvider({
      domain: 'example.net',
      probe: probe('example.net', mxs),
      dns: dnsFacts('example.net', { dane: false }),
    });
    expect(score.inbound.support.starttls.status).toBe(status);
  });

  it('an MX that could not be reached is left out: 3 of 3 reachable with TLS is supported', () => {
    const mxs = [
      mx({ host: 'a.example' }),
      mx({ host: 'b.example' }),
      mx({ host: 'c.example' }),
      mx({ host: 'd.example', reachable: false }),
    ];
    const score = scoreProvider({ domain: 'example', probe: probe('example', mxs) });
    expect(score.inbound.support.starttls).toMatchObject({
      passed: 3,
      failed: 0,
      untested: 1,
      status: 'supported',
    });
  });

  it('obsolete TLS does not count as STARTTLS support (MECSA-ST requires TLS 1.2+)', () => {
    const mxs = [mx({ host: 'a.example', version: 'TLSv1.0' }), mx({ host: 'b.example' })];
    const score = scoreProvider({ domain: 'example', probe: probe('example', mxs) });
    expect(score.inbound.support.starttls).toMatchObject({
      passed: 1,
      failed: 1,
      status: 'unsupported',
    });
  });

  it('x509 counts four tests per TLS MX; one bad certificate in two MX fails the 80% rule', () => {
    const mxs = [mx({ host: 'a.example' }), mx({ host: 'b.example', certOk: false })];
    const score = scoreProvider({ domain: 'example', probe: probe('example', mxs) });
    expect(score.inbound.support.x509).toMatchObject({
      passed: 6,
      failed: 2,
      status: 'unsupported',
    });
  });

  it('DANE on 4 of 5 MX is supported; on 3 of 5 it is not', () => {
    const mk = (n: number) =>
      Array.from({ length: 5 }, (_, i) => mx({ host: `mx${i}.example`, dane: i < n }));
    expect(
      scoreProvider({ domain: 'example', probe: probe('example', mk(4)) }).inbound.support.dane
        .status,
    ).toBe('supported');
    expect(
      scoreProvider({ domain: 'example', probe: probe('example', mk(3)) }).inbound.support.dane
        .status,
    ).toBe('unsupported');
  });

  it('MTA-STS needs mode enforce and every MX in the policy', () => {
    const inPolicy = [
      mx({ host: 'a.example', inPolicy: true }),
      mx({ host: 'b.example', inPolicy: true }),
    ];
    const enforce = scoreProvider({
      domain: 'example',
      probe: probe('example', inPolicy, { mode: 'enforce' }),
    });
    expect(enforce.inbound.support['mta-sts'].status).toBe('supported');
    const testing = scoreProvider({
      domain: 'example',
      probe: probe('example', inPolicy, { mode: 'testing' }),
    });
    expect(testing.inbound.support['mta-sts'].status).toBe('unsupported');
  });
});

describe('outbound channel from observed handoffs', () => {
  it('applies the 80% rule across messages: 4 TLS handoffs and 1 cleartext is supported', () => {
    const obs = [0, 1, 2, 3].map((i) => handoff(true, i)).concat(handoff(false, 4));
    const score = scoreProvider({ domain: 'sender.example', observations: obs });
    expect(score.outbound.support.starttls).toMatchObject({
      passed: 4,
      failed: 1,
      status: 'supported',
    });
  });

  it('presumes the outbound certificate and DANE from inbound, as MECSA does, and says so', () => {
    const score = scoreProvider({
      domain: 'example',
      probe: probe('example', [mx({ host: 'a.example', dane: true })]),
      observations: [handoff(true)],
    });
    expect(score.outbound.support.x509).toMatchObject({ status: 'supported', presumed: true });
    expect(score.outbound.support.dane).toMatchObject({ status: 'supported', presumed: true });
    expect(score.outbound.support.starttls.presumed).toBe(false);
  });

  it('averages SPF over messages passing and the record being valid (MECSA)', () => {
    const obs = [handoff(true, 0), handoff(true, 1)];
    const missing = scoreProvider({
      domain: 'x.example',
      observations: obs,
      dns: dnsFacts('x.example', { spf: 'missing' }),
    });
    expect(missing.outbound.support.spf).toMatchObject({ ratio: 0.5, status: 'unsupported' });
    const valid = scoreProvider({
      domain: 'x.example',
      observations: obs,
      dns: dnsFacts('x.example'),
    });
    expect(valid.outbound.support.spf).toMatchObject({ ratio: 1, status: 'supported' });
  });

  it('without any evidence every protocol is unknown and no category is definite', () => {
    const score = scoreProvider({ domain: 'nothing.example' });
    for (const c of ['confidentiality', 'phishing', 'integrity'] as const) {
      expect(score.combined.categories[c].stars).toBeNull();
    }
    expect(score.meetsMinimum).toBeNull();
  });

  it('meetsMinimum: at least 3.5 stars in every category', () => {
    const score = scoreProvider({
      domain: 'good.example',
      dns: dnsFacts('good.example'),
      probe: probe('good.example', [mx({ host: 'mx.good.example', dane: true })]),
      observations: [handoff(true)],
    });
    expect(score.combined.categories.confidentiality.stars).toBe(5);
    expect(score.combined.categories.phishing.stars).toBe(5);
    expect(score.combined.categories.integrity.stars).toBe(5);
    expect(score.meetsMinimum).toBe(true);
  });
});
