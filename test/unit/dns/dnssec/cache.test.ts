// Validated keys and delegations are reused while their TTLs and signatures allow.
import { describe, expect, it } from 'vitest';
import { TYPE } from '../../../../lib/dns/dnssec/message.ts';
import { A, setup, TXT } from './setup.ts';

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

  // Issue 22: at scan scale most domains sit in unsigned zones. Once the walk knows their zone
  // is insecure, a name deeper in it (_dmarc, _mta-sts, _smtp._tls …) needs no DS question:
  // nothing below an insecure delegation can be secure again (RFC 4035 §4.3).
  it('names below a zone already proven insecure cost only their own question', async () => {
    const { resolver, validator } = await setup([
      { apex: '' },
      { apex: 'com' },
      {
        apex: 'plain.com',
        unsigned: true,
        records: [
          TXT('_dmarc.one.plain.com', 'v=DMARC1; p=none'),
          TXT('_smtp._tls.one.plain.com', 'v=TLSRPTv1; rua=mailto:r@plain.com'),
          TXT('one.plain.com', 'v=spf1 -all'),
        ],
      },
    ]);
    expect((await validator.validate('one.plain.com', TYPE.TXT)).verdict.state).toBe('insecure');
    resolver.queries.length = 0;
    for (const name of ['_dmarc.one.plain.com', '_smtp._tls.one.plain.com']) {
      expect((await validator.validate(name, TYPE.TXT)).verdict).toMatchObject({
        state: 'insecure',
        reason: 'unsigned-delegation',
      });
    }
    expect(resolver.queries).toEqual(['_dmarc.one.plain.com|TXT', '_smtp._tls.one.plain.com|TXT']);
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
