// Chains from the trust anchor down (RFC 4035 §5), over zones signed at test time.
import { describe, expect, it } from 'vitest';
import { TYPE } from '../../../../lib/dns/dnssec/message.ts';
import { trustAnchor } from '../../../../lib/dns/dnssec/trust-anchor.ts';
import { createValidator } from '../../../../lib/dns/dnssec/validator.ts';
import { NOW } from './fake-resolver.ts';
import type { Alg } from './fake-zones.ts';
import { A, CNAME, setup } from './setup.ts';

describe('chain of trust', () => {
  it('root → example → www A is secure, zone by zone (RFC 4035 §5)', async () => {
    const { validator } = await setup([
      { apex: '' },
      { apex: 'example', records: [A('www.example')] },
    ]);
    const { verdict, response } = await validator.validate('www.example', TYPE.A);
    expect(verdict.state).toBe('secure');
    expect(verdict.reason).toBe('signed');
    expect(verdict.zone).toBe('example.');
    expect(verdict.trace.map((s) => `${s.zone} ${s.state}`)).toEqual([
      '. secure',
      'example. secure',
    ]);
    expect(response?.length).toBeGreaterThan(12);
  });

  it.each([
    [8, 'RSA/SHA-256'],
    [10, 'RSA/SHA-512'],
    [13, 'ECDSA P-256'],
    [14, 'ECDSA P-384'],
    [15, 'Ed25519'],
  ] as [Alg, string][])('algorithm %i (%s) validates (RFC 8624 §3.1)', async (algorithm) => {
    const { validator } = await setup([
      { apex: '', algorithm },
      { apex: 'example', algorithm, records: [A('www.example')] },
    ]);
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict.state).toBe('secure');
    expect(verdict.weakAlgorithm).toBeUndefined();
  });

  it('RSA/SHA-1 (5) validates but is marked weak (RFC 8624 §3.1, RFC 9905)', async () => {
    const { validator } = await setup([
      { apex: '' },
      { apex: 'example', algorithm: 5, records: [A('www.example')] },
    ]);
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict.state).toBe('secure');
    expect(verdict.weakAlgorithm).toBe(true);
  });

  it.each([1, 4] as const)(
    'DS digest type %i authenticates the child key (RFC 4034 §5, RFC 6605)',
    async (dsDigestType) => {
      const { validator } = await setup([
        { apex: '' },
        { apex: 'example', dsDigestType, records: [A('www.example')] },
      ]);
      expect((await validator.validate('www.example', TYPE.A)).verdict.state).toBe('secure');
    },
  );

  it('a wrong DS digest is bogus at the child zone', async () => {
    const { validator } = await setup([
      { apex: '' },
      { apex: 'example', breakDs: true, records: [A('www.example')] },
    ]);
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict).toMatchObject({
      state: 'bogus',
      reason: 'ds-digest-mismatch',
      zone: 'example.',
    });
    expect(verdict.detail).toContain('DS digest mismatch at example.');
  });

  it('an expired RRSIG is bogus, naming the zone and the date (RFC 4035 §5.3.1)', async () => {
    const window = { inception: NOW - 20 * 86400, expiration: NOW - 86400 };
    const { validator } = await setup([
      { apex: '' },
      { apex: 'example' },
      { apex: 'mx.example', window, records: [A('mx.example')] },
    ]);
    const { verdict } = await validator.validate('mx.example', TYPE.A);
    expect(verdict).toMatchObject({ state: 'bogus', reason: 'rrsig-expired', zone: 'mx.example.' });
    expect(verdict.detail).toContain(
      `RRSIG expired at mx.example. on ${new Date((NOW - 86400) * 1000).toISOString()}`,
    );
  });

  it('a not-yet-valid RRSIG is bogus', async () => {
    const window = { inception: NOW + 3600, expiration: NOW + 86400 };
    const { validator } = await setup([
      { apex: '' },
      { apex: 'example', window, records: [A('www.example')] },
    ]);
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict).toMatchObject({
      state: 'bogus',
      reason: 'rrsig-not-yet-valid',
      zone: 'example.',
    });
  });

  it('validity is judged in serial arithmetic across the 2106 wrap (RFC 1982, RFC 4034 §3.1.5)', async () => {
    const now = 2 ** 32 + 1000; // 2106-02-07, the 32-bit field has wrapped
    const window = { inception: (now - 86400) % 2 ** 32, expiration: (now + 86400) % 2 ** 32 };
    const { validator } = await setup(
      [
        { apex: '', window },
        { apex: 'example', window, records: [A('www.example')] },
      ],
      now,
    );
    expect((await validator.validate('www.example', TYPE.A)).verdict.state).toBe('secure');
  });

  it('an RRSIG whose key tag has no DNSKEY is bogus (dnskey-missing)', async () => {
    const { validator } = await setup([
      { apex: '' },
      { apex: 'example', unpublishedSigner: true, records: [A('www.example')] },
    ]);
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict).toMatchObject({ state: 'bogus', reason: 'dnskey-missing', zone: 'example.' });
  });

  it('a zone signed only with an unsupported algorithm is insecure, not bogus (RFC 6840 §5.2)', async () => {
    const { validator } = await setup([
      { apex: '' },
      { apex: 'example', algorithm: 253, records: [A('www.example')] },
    ]);
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict).toMatchObject({
      state: 'insecure',
      reason: 'unsupported-algorithm',
      zone: 'example.',
    });
  });

  it.each(['nsec', 'nsec3'] as const)(
    'an unsigned delegation proven by %s is insecure',
    async (denial) => {
      const { validator } = await setup([
        { apex: '' },
        { apex: 'example', denial },
        { apex: 'plain.example', unsigned: true, records: [A('www.plain.example')] },
      ]);
      const { verdict } = await validator.validate('www.plain.example', TYPE.A);
      expect(verdict).toMatchObject({
        state: 'insecure',
        reason: 'unsigned-delegation',
        zone: 'plain.example.',
      });
    },
  );

  it('an unsigned delegation inside an NSEC3 opt-out span is insecure (RFC 5155 §8.6)', async () => {
    const { validator } = await setup([
      { apex: '' },
      { apex: 'example', denial: 'nsec3', nsec3: { optOut: true } },
      { apex: 'plain.example', unsigned: true, records: [A('www.plain.example')] },
    ]);
    const { verdict } = await validator.validate('www.plain.example', TYPE.A);
    expect(verdict).toMatchObject({
      state: 'insecure',
      reason: 'nsec3-opt-out',
      zone: 'plain.example.',
    });
  });

  it('unsigned data in a signed zone is bogus (rrsig-missing), whatever the AD flag says', async () => {
    const { resolver, validator } = await setup([
      { apex: '' },
      { apex: 'example', records: [A('www.example')] },
    ]);
    resolver.tamper = (name, type, a) =>
      name === 'www.example' && type === 'A'
        ? { ...a, ad: true, answers: a.answers.filter((r) => r.type !== 'RRSIG') }
        : a;
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict).toMatchObject({ state: 'bogus', reason: 'rrsig-missing', zone: 'example.' });
  });

  it('a CNAME from a signed zone into an unsigned one is insecure (weakest link)', async () => {
    const { validator } = await setup([
      { apex: '' },
      { apex: 'example', records: [CNAME('mail.example', 'host.plain')] },
      { apex: 'plain', unsigned: true, records: [A('host.plain')] },
    ]);
    const { verdict } = await validator.validate('mail.example', TYPE.A);
    expect(verdict).toMatchObject({
      state: 'insecure',
      reason: 'unsigned-delegation',
      zone: 'plain.',
    });
  });

  it('a CNAME chain across two signed zones is secure; a bogus link makes it bogus', async () => {
    const specs = [
      { apex: '' },
      { apex: 'example', records: [CNAME('mail.example', 'host.other')] },
      { apex: 'other', records: [A('host.other')] },
    ];
    const ok = await setup(specs);
    expect((await ok.validator.validate('mail.example', TYPE.A)).verdict.state).toBe('secure');
    const bad = await setup([
      specs[0] as object,
      specs[1] as object,
      { ...specs[2], breakDs: true },
    ] as never);
    expect((await bad.validator.validate('mail.example', TYPE.A)).verdict).toMatchObject({
      state: 'bogus',
      zone: 'other.',
    });
  });

  it('a DNAME into another signed zone is secure; the synthesised CNAME needs no signature (RFC 6672)', async () => {
    const { validator } = await setup([
      { apex: '' },
      {
        apex: 'example',
        records: [{ name: 'old.example', type: 'DNAME', ttl: 300, data: 'new.other' }],
      },
      { apex: 'other', records: [A('mx.new.other')] },
    ]);
    const { verdict } = await validator.validate('mx.old.example', TYPE.A);
    expect(verdict.detail).toBe('validated from the trust anchor through other.');
    expect(verdict.state).toBe('secure');
  });

  it('a lookup that fails is indeterminate, never insecure', async () => {
    const { resolver, validator } = await setup([
      { apex: '' },
      { apex: 'example', records: [A('www.example')] },
    ]);
    resolver.tamper = (name, type, a) =>
      type === 'DS' && name === 'example'
        ? { ...a, rcode: 'SERVFAIL', answers: [], authorities: [] }
        : a;
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict).toMatchObject({ state: 'indeterminate', reason: 'lookup-failed' });
  });

  it('a name outside the trust anchor is indeterminate (lab mode anchors lab.)', async () => {
    const { resolver } = await setup([
      { apex: '' },
      { apex: 'example', records: [A('www.example')] },
    ]);
    const validator = createValidator({
      exchange: (n, t) => resolver.exchange(n, t),
      anchor: trustAnchor('lab.', [
        { keyTag: 1, algorithm: 13, digestType: 2, digest: '00'.repeat(32) },
      ]),
      now: () => NOW * 1000,
    });
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict).toMatchObject({ state: 'indeterminate', reason: 'outside-trust-anchor' });
  });
});

describe('trust anchor unavailable', () => {
  it('a resolver that returns no DNSSEC records leaves the verdict indeterminate (anchor-unavailable)', async () => {
    const { resolver, validator } = await setup([
      { apex: '' },
      { apex: 'example', records: [A('www.example')] },
    ]);
    resolver.tamper = (_n, _t, a) => ({
      ...a,
      answers: a.answers.filter((r) => r.type !== 'RRSIG' && r.type !== 'DNSKEY'),
      authorities: a.authorities.filter((r) => r.type === 'SOA'),
    });
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict).toMatchObject({
      state: 'indeterminate',
      reason: 'anchor-unavailable',
      zone: '.',
    });
  });
});
