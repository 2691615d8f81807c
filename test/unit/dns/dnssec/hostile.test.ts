// A lying resolver can make answers fail, never make them secure; and whatever it sends, the
// work stays bounded (signature attempts, NSEC3 hashing, lookups).
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TYPE } from '../../../../lib/dns/dnssec/message.ts';
import { createValidator } from '../../../../lib/dns/dnssec/validator.ts';
import { NOW } from './fake-resolver.ts';
import type { Rec } from './fake-zones.ts';
import { A, setup, TXT } from './setup.ts';

const specs = [
  { apex: '' },
  {
    apex: 'example',
    records: [A('www.example'), A('www.example', '192.0.2.2'), TXT('other.example', 'x')],
  },
];

type Sig = { signature: Buffer; typeCovered: string };

describe('hostile answers', () => {
  it('forged AD=1 on a bogus answer is still bogus', async () => {
    const { resolver, validator } = await setup(specs);
    resolver.tamper = (name, type, a) =>
      name === 'www.example' && type === 'A'
        ? {
            ...a,
            ad: true,
            answers: a.answers.map((r) => (r.type === 'A' ? { ...r, data: '203.0.113.66' } : r)),
          }
        : a;
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(verdict).toMatchObject({
      state: 'bogus',
      reason: 'signature-invalid',
      zone: 'example.',
    });
  });

  it('a truncated RRSIG is never secure', async () => {
    const { resolver, validator } = await setup(specs);
    resolver.tamper = (name, type, a) =>
      name === 'www.example' && type === 'A'
        ? {
            ...a,
            answers: a.answers.map((r) =>
              r.type === 'RRSIG'
                ? {
                    ...r,
                    data: {
                      ...(r.data as object),
                      signature: (r.data as Sig).signature.subarray(0, 20),
                    },
                  }
                : r,
            ),
          }
        : a;
    expect((await validator.validate('www.example', TYPE.A)).verdict.state).toBe('bogus');
  });

  it('a signature over a different RRset does not validate this one', async () => {
    const { resolver, validator } = await setup(specs);
    const other = (await resolver.exchange('other.example', TYPE.TXT)) && resolver;
    let txtSig: Rec | undefined;
    other.tamper = (name, type, a) => {
      if (name === 'other.example' && type === 'TXT')
        txtSig = a.answers.find((r) => r.type === 'RRSIG');
      return a;
    };
    await resolver.exchange('other.example', TYPE.TXT);
    resolver.tamper = (name, type, a) => {
      if (name !== 'www.example' || type !== 'A' || !txtSig) return a;
      const forged = {
        ...txtSig,
        name: 'www.example',
        data: { ...(txtSig.data as object), typeCovered: 'A' },
      };
      return { ...a, answers: [...a.answers.filter((r) => r.type !== 'RRSIG'), forged] };
    };
    expect((await validator.validate('www.example', TYPE.A)).verdict.state).toBe('bogus');
  });

  it('10,000 RRSIGs end bounded in time and are never secure', async () => {
    const { resolver, validator } = await setup(specs);
    resolver.tamper = (name, type, a) => {
      if (name !== 'www.example' || type !== 'A') return a;
      const sig = a.answers.find((r) => r.type === 'RRSIG') as Rec;
      const junk = Array.from({ length: 10_000 }, (_, i) => ({
        ...sig,
        data: { ...(sig.data as object), signature: Buffer.alloc(64, i & 0xff) },
      }));
      return { ...a, answers: [...a.answers.filter((r) => r.type !== 'RRSIG'), ...junk] };
    };
    const started = performance.now();
    const { verdict } = await validator.validate('www.example', TYPE.A);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(verdict.state).not.toBe('secure');
    expect(['bogus', 'indeterminate']).toContain(verdict.state);
  });

  it('an NSEC3 chain with 10,000 iterations is insecure without being hashed', async () => {
    const { validator } = await setup([
      { apex: '' },
      { apex: 'example', denial: 'nsec3', nsec3: { iterations: 10_000 } },
    ]);
    const started = performance.now();
    const { verdict } = await validator.validate('nope.example', TYPE.A);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(verdict).toMatchObject({ state: 'insecure', reason: 'nsec3-iterations' });
  });

  it('garbage bytes are indeterminate', async () => {
    const validator = createValidator({
      exchange: async () => new Uint8Array([1, 2, 3]),
      now: () => NOW * 1000,
    });
    expect((await validator.validate('www.example', TYPE.A)).verdict).toMatchObject({
      state: 'indeterminate',
    });
  });

  it('a compression loop is rejected, not followed', async () => {
    // Header, one question whose name is a pointer to itself (offset 12).
    const bytes = new Uint8Array([0, 0, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
    const validator = createValidator({ exchange: async () => bytes, now: () => NOW * 1000 });
    expect((await validator.validate('www.example', TYPE.A)).verdict.state).toBe('indeterminate');
  });
});

/** Offsets of every RDATA byte in the answer section (names from dns-packet are uncompressed). */
function answerRdataOffsets(bytes: Uint8Array): number[] {
  const skipName = (at: number) => {
    while (bytes[at] !== 0) at += (bytes[at] as number) + 1;
    return at + 1;
  };
  let at = skipName(12) + 4;
  const count = ((bytes[6] as number) << 8) | (bytes[7] as number);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    at = skipName(at);
    const len = ((bytes[at + 8] as number) << 8) | (bytes[at + 9] as number);
    for (let j = 0; j < len; j++) offsets.push(at + 10 + j);
    at += 10 + len;
  }
  return offsets;
}

describe('property: no mutation of a signed answer validates', () => {
  it('flipping any RDATA byte of the answer section is never secure (RFC 4035 §5.3)', async () => {
    const { resolver, anchor } = await setup(specs);
    const original = await resolver.exchange('www.example', TYPE.A);
    const offsets = answerRdataOffsets(original);
    expect(offsets.length).toBeGreaterThan(80);
    const validator = createValidator({
      exchange: (n, t) => resolver.exchange(n, t),
      anchor,
      now: () => NOW * 1000,
    });
    expect((await validator.validate('www.example', TYPE.A)).verdict.state).toBe('secure');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...offsets),
        fc.integer({ min: 1, max: 255 }),
        async (offset, xor) => {
          const mutated = Uint8Array.from(original);
          mutated[offset] = (mutated[offset] as number) ^ xor;
          const v = createValidator({
            exchange: async (n, t) =>
              n === 'www.example.' && t === TYPE.A ? mutated : resolver.exchange(n, t),
            anchor,
            now: () => NOW * 1000,
          });
          const { verdict } = await v.validate('www.example', TYPE.A);
          // Only a case change inside the signer name is canonically the same data (RFC 4034 §6.2).
          const caseOnly =
            xor === 0x20 && /[a-z]/i.test(String.fromCharCode(original[offset] as number));
          if (!caseOnly) expect(verdict.state).not.toBe('secure');
        },
      ),
      { numRuns: 300 },
    );
  });
});
