// Authenticated denial of existence: NSEC (RFC 4035 §5.4, RFC 4034 §4) and NSEC3 (RFC 5155 §8),
// wildcards (RFC 4035 §3.1.3, §5.3.4) and the NSEC3 iteration cap (RFC 9276 §3.2).
import { describe, expect, it } from 'vitest';
import { TYPE } from '../../../../lib/dns/dnssec/message.ts';
import type { ZoneSpec } from './fake-resolver.ts';
import { A, setup, TXT } from './setup.ts';

const zoneWith = (denial: 'nsec' | 'nsec3', extra: Partial<ZoneSpec> = {}): ZoneSpec[] => [
  { apex: '' },
  {
    apex: 'example',
    denial,
    records: [
      A('www.example'),
      A('host.deep.sub.example'),
      A('*.wild.example', '192.0.2.9'),
      TXT('_dmarc.example', 'v=DMARC1; p=reject'),
    ],
    ...extra,
  },
];

describe.each(['nsec', 'nsec3'] as const)('authenticated denial with %s', (denial) => {
  it('NXDOMAIN is secure when the name and the wildcard are both denied', async () => {
    const { validator } = await setup(zoneWith(denial));
    const { verdict } = await validator.validate('nope.example', TYPE.A);
    expect(verdict).toMatchObject({ state: 'secure', reason: 'denial-proven', zone: 'example.' });
  });

  it('NODATA is secure when the type is absent from the bitmap', async () => {
    const { validator } = await setup(zoneWith(denial));
    expect((await validator.validate('www.example', TYPE.MX)).verdict).toMatchObject({
      state: 'secure',
      reason: 'denial-proven',
    });
  });

  it('NODATA at an empty non-terminal is secure', async () => {
    const { validator } = await setup(zoneWith(denial));
    expect((await validator.validate('deep.sub.example', TYPE.A)).verdict.state).toBe('secure');
  });

  it('a wildcard expansion is secure with proof the name itself does not exist', async () => {
    const { validator } = await setup(zoneWith(denial));
    const { verdict } = await validator.validate('anything.wild.example', TYPE.A);
    expect(verdict).toMatchObject({ state: 'secure', reason: 'signed' });
  });

  it('a wildcard expansion without that proof is bogus (RFC 4035 §5.3.4)', async () => {
    const { resolver, validator } = await setup(zoneWith(denial));
    resolver.tamper = (name, _type, a) =>
      name === 'anything.wild.example' ? { ...a, authorities: [] } : a;
    const { verdict } = await validator.validate('anything.wild.example', TYPE.A);
    expect(verdict).toMatchObject({ state: 'bogus', reason: 'denial-missing', zone: 'example.' });
  });

  it('wildcard NODATA is secure', async () => {
    const { validator } = await setup(zoneWith(denial));
    expect((await validator.validate('anything.wild.example', TYPE.MX)).verdict).toMatchObject({
      state: 'secure',
      reason: 'denial-proven',
    });
  });

  it('an NXDOMAIN without the wildcard denial is bogus', async () => {
    const { resolver, validator } = await setup(zoneWith(denial));
    resolver.tamper = (name, _type, a) => {
      if (name !== 'nope.example') return a;
      // Keep only the first proof record and its signature: the wildcard is no longer denied.
      const proofType = denial === 'nsec' ? 'NSEC' : 'NSEC3';
      const first = a.authorities.find((r) => r.type === proofType);
      const keep = a.authorities.filter(
        (r) =>
          r.type === 'SOA' ||
          r === first ||
          (r.type === 'RRSIG' &&
            (r.name === first?.name || (r.data as { typeCovered: string }).typeCovered === 'SOA')),
      );
      return { ...a, authorities: keep };
    };
    const { verdict } = await validator.validate('nope.example', TYPE.A);
    expect(verdict).toMatchObject({ state: 'bogus', reason: 'denial-missing' });
  });

  it('an existing name answered as NXDOMAIN (denial replayed from another name) is bogus', async () => {
    const { resolver, validator } = await setup(zoneWith(denial));
    const replay = await resolver.exchange('nope.example', TYPE.A);
    delete resolver.tamper;
    const original = resolver.exchange.bind(resolver);
    const validatorResolver = {
      exchange: async (n: string, t: number) =>
        n === 'www.example.' && t === TYPE.A ? replay : original(n, t),
    };
    const { createValidator } = await import('../../../../lib/dns/dnssec/validator.ts');
    const v2 = createValidator({
      exchange: validatorResolver.exchange,
      anchor: validator.anchor,
      now: () => Date.UTC(2026, 5, 1),
    });
    const { verdict } = await v2.validate('www.example', TYPE.A);
    expect(verdict.state).not.toBe('secure');
  });

  it('a NODATA that hides an existing type is bogus', async () => {
    const { resolver, validator } = await setup(zoneWith(denial));
    const nodata = await resolver.exchange('www.example', TYPE.MX);
    const v2 = (await import('../../../../lib/dns/dnssec/validator.ts')).createValidator({
      exchange: async (n, t) =>
        n === 'www.example.' && t === TYPE.A ? nodata : resolver.exchange(n, t),
      anchor: validator.anchor,
      now: () => Date.UTC(2026, 5, 1),
    });
    expect((await v2.validate('www.example', TYPE.A)).verdict.state).not.toBe('secure');
  });
});

describe('NSEC3 parameters (RFC 5155, RFC 9276)', () => {
  it('an NXDOMAIN under opt-out is insecure, not secure (RFC 5155 §9.2)', async () => {
    const { validator } = await setup(zoneWith('nsec3', { nsec3: { optOut: true } }));
    expect((await validator.validate('nope.example', TYPE.A)).verdict).toMatchObject({
      state: 'insecure',
      reason: 'nsec3-opt-out',
    });
  });

  it('a salt and iterations up to 150 are hashed and validate', async () => {
    const { validator } = await setup(
      zoneWith('nsec3', { nsec3: { iterations: 150, salt: 'aabbccdd' } }),
    );
    expect((await validator.validate('nope.example', TYPE.A)).verdict.state).toBe('secure');
  });

  it('more than 150 iterations is insecure (RFC 9276 §3.2), and 10,000 costs no hashing', async () => {
    const { validator } = await setup(zoneWith('nsec3', { nsec3: { iterations: 151 } }));
    expect((await validator.validate('nope.example', TYPE.A)).verdict).toMatchObject({
      state: 'insecure',
      reason: 'nsec3-iterations',
    });
  });
});
