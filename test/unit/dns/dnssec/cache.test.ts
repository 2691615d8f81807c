// Validated keys and delegations are reused while their TTLs and signatures allow.
import { describe, expect, it } from 'vitest';
import { TYPE } from '../../../../lib/dns/dnssec/message.ts';
import { A, setup } from './setup.ts';

const specs = [
  { apex: '' },
  { apex: 'com' },
  { apex: 'one.com', records: [A('mx.one.com')] },
  { apex: 'two.com', records: [A('mx.two.com')] },
];

describe('chain cache', () => {
  it('a second domain under the same TLD asks only for its own DS and DNSKEY', async () => {
    const { resolver, validator } = await setup(specs);
    expect((await validator.validate('mx.one.com', TYPE.A)).verdict.state).toBe('secure');
    resolver.queries.length = 0;
    expect((await validator.validate('mx.two.com', TYPE.A)).verdict.state).toBe('secure');
    const asked = resolver.queries.filter((q) => !q.startsWith('mx.'));
    expect(asked).not.toContain('|DNSKEY');
    expect(asked).not.toContain('com|DNSKEY');
    expect(asked).not.toContain('com|DS');
    expect(asked.sort()).toEqual(['two.com|DNSKEY', 'two.com|DS']);
  });

  it('a warm validation of the same zone costs only the answer itself', async () => {
    const { resolver, validator } = await setup(specs);
    await validator.validate('mx.one.com', TYPE.A);
    resolver.queries.length = 0;
    await validator.validate('one.com', TYPE.MX);
    expect(resolver.queries).toEqual(['one.com|MX']);
  });

  it('priming the root and the TLD leaves one parallel round for a new domain', async () => {
    const { resolver, validator } = await setup(specs);
    await validator.prime(['.', 'com.']);
    resolver.queries.length = 0;
    await validator.validate('mx.one.com', TYPE.A);
    expect(resolver.queries.sort()).toEqual(['mx.one.com|A', 'one.com|DNSKEY', 'one.com|DS']);
  });

  it('keys are not reused after the signatures expire', async () => {
    let now = Date.UTC(2026, 5, 1);
    const longWindow = { inception: now / 1000 - 86400, expiration: now / 1000 + 365 * 86400 };
    const { resolver, anchor } = await setup([{ apex: '', window: longWindow }, ...specs.slice(1)]);
    const { createValidator } = await import('../../../../lib/dns/dnssec/validator.ts');
    const v = createValidator({
      exchange: (n, t) => resolver.exchange(n, t),
      anchor,
      now: () => now,
    });
    expect((await v.validate('mx.one.com', TYPE.A)).verdict.state).toBe('secure');
    now += 40 * 86400 * 1000; // past the 30-day signature window of the test zones
    expect((await v.validate('mx.one.com', TYPE.A)).verdict).toMatchObject({
      state: 'bogus',
      reason: 'rrsig-expired',
    });
  });
});
