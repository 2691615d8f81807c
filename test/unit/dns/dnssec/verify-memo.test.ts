// A signature already checked is not checked again (lib/dns/dnssec/signature-memo.ts): the same
// signed RRsets (a zone's NSEC3 records near its apex) come back in answer after answer of a bulk
// scan, and each WebCrypto verification is a thread-pool job. The result must stay exactly the
// one WebCrypto gives: same key, same data and same signature only.
import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TYPE } from '../../../../lib/dns/dnssec/message.ts';
import type { Dnskey } from '../../../../lib/dns/dnssec/records.ts';
import { SignatureMemo } from '../../../../lib/dns/dnssec/signature-memo.ts';
import { dnskeyRdata, makeKey, type TestKey } from './fake-zones.ts';
import { A, setup } from './setup.ts';

const dnskeyOf = (k: TestKey): Dnskey => ({
  flags: k.flags,
  protocol: 3,
  algorithm: k.algorithm,
  publicKey: new Uint8Array(k.key),
  keyTag: k.keyTag,
  rdata: new Uint8Array(dnskeyRdata(k)),
});

async function signed(k: TestKey, text: string) {
  const data = new TextEncoder().encode(text);
  const params = { name: 'ECDSA', hash: 'SHA-256' };
  const sig = await webcrypto.subtle.sign(params, k.privateKey as webcrypto.CryptoKey, data);
  return { data, signature: new Uint8Array(sig) };
}

afterEach(() => vi.restoreAllMocks());

describe('the signature memo', () => {
  it('verifies a repeated signature once, and gives the same answer', async () => {
    const memo = new SignatureMemo();
    const k = await makeKey(13);
    const { data, signature } = await signed(k, 'nsec3 rrset of the apex, first seen');
    const verify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    expect(await memo.verify(dnskeyOf(k), data, signature)).toBe(true);
    // Another answer carrying the same RRset: new buffers, same bytes.
    expect(await memo.verify(dnskeyOf(k), data.slice(), signature.slice())).toBe(true);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('checks again when the data, the key or the signature differ', async () => {
    const memo = new SignatureMemo();
    const k = await makeKey(13);
    const other = await makeKey(13);
    const { data, signature } = await signed(k, 'an rrset');
    const verify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    expect(await memo.verify(dnskeyOf(k), data, signature)).toBe(true);
    const forged = new TextEncoder().encode('an rrseT');
    expect(await memo.verify(dnskeyOf(k), forged, signature)).toBe(false);
    expect(await memo.verify(dnskeyOf(other), data, signature)).toBe(false);
    const flipped = signature.slice();
    flipped[5] = (flipped[5] ?? 0) ^ 1;
    expect(await memo.verify(dnskeyOf(k), data, flipped)).toBe(false);
    expect(verify).toHaveBeenCalledTimes(4);
  });

  it('does not let a caller that reuses its buffer change a remembered answer', async () => {
    const memo = new SignatureMemo();
    const k = await makeKey(13);
    const { data, signature } = await signed(k, 'reused buffer');
    expect(await memo.verify(dnskeyOf(k), data, signature)).toBe(true);
    data[0] = (data[0] ?? 0) ^ 1; // the caller overwrites its buffer with other data
    expect(await memo.verify(dnskeyOf(k), data, signature)).toBe(false);
  });

  it('keeps at most 8 MB of signed data: big RRsets push older ones out', async () => {
    const memo = new SignatureMemo();
    const k = await makeKey(13);
    const big = (fill: number) => new Uint8Array(5 * 1024 * 1024).fill(fill);
    const sign = async (data: Uint8Array) => {
      const params = { name: 'ECDSA', hash: 'SHA-256' };
      const sig = await webcrypto.subtle.sign(params, k.privateKey as webcrypto.CryptoKey, data);
      return new Uint8Array(sig);
    };
    const first = big(1);
    const second = big(2);
    const [firstSig, secondSig] = [await sign(first), await sign(second)];
    const verify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    expect(await memo.verify(dnskeyOf(k), first, firstSig)).toBe(true);
    expect(await memo.verify(dnskeyOf(k), first, firstSig)).toBe(true);
    expect(verify).toHaveBeenCalledTimes(1);
    // 10 MB would be kept with both: the first is forgotten and verified afresh.
    expect(await memo.verify(dnskeyOf(k), second, secondSig)).toBe(true);
    expect(await memo.verify(dnskeyOf(k), first, firstSig)).toBe(true);
    expect(verify).toHaveBeenCalledTimes(3);
  });
});

describe('the memo belongs to its validator', () => {
  const zones = [{ apex: '' }, { apex: 'com' }, { apex: 'one.com', records: [A('mx.one.com')] }];

  it('forgets what it checked when the validator’s cache is cleared (the options page’s Clear cache)', async () => {
    const { validator } = await setup(zones);
    expect((await validator.validate('mx.one.com', TYPE.A)).verdict.state).toBe('secure');
    const verify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    validator.clearCache();
    // The user cleared the cache: nothing validated before may answer, not even from memory.
    expect((await validator.validate('mx.one.com', TYPE.A)).verdict.state).toBe('secure');
    expect(verify.mock.calls.length).toBeGreaterThanOrEqual(4);
  });
});
