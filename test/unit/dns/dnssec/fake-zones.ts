// Test-only signed zones and a fake recursive resolver over them, built independently of the
// validator: records are encoded by dns-packet, signed with keys generated here by WebCrypto
// (node:crypto), NSEC3 hashes come from node:crypto's SHA-1. Nothing is copied from real zones.
import { Buffer } from 'node:buffer';
import { createHash, webcrypto } from 'node:crypto';
import * as packet from 'dns-packet';

// dns-packet exports per-type encoders at run time; its type declarations omit them.
const recordCodec = (type: string) =>
  (packet as unknown as { record(t: string): { encode(d: unknown): Buffer } }).record(type);

const subtle = webcrypto.subtle;
export type Alg = 5 | 8 | 10 | 13 | 14 | 15 | 16 | 253;

export interface TestKey {
  algorithm: number;
  flags: number;
  key: Buffer;
  privateKey?: webcrypto.CryptoKey;
  keyTag: number;
}

/** RFC 4034 Appendix B, written out again here so the test does not trust the code under test. */
export function tagOf(rdata: Buffer): number {
  let ac = 0;
  for (let i = 0; i < rdata.length; i++)
    ac += i & 1 ? (rdata[i] as number) : (rdata[i] as number) << 8;
  return (ac + ((ac >> 16) & 0xffff)) & 0xffff;
}

const dnskeyRdata = (k: { flags: number; algorithm: number; key: Buffer }) =>
  Buffer.concat([Buffer.from([k.flags >> 8, k.flags & 0xff, 3, k.algorithm]), k.key]);

function signParams(alg: number): { gen: unknown; sign: unknown } {
  switch (alg) {
    case 5:
    case 8:
    case 10: {
      const hash = alg === 5 ? 'SHA-1' : alg === 8 ? 'SHA-256' : 'SHA-512';
      return {
        gen: {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 1024,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash,
        },
        sign: { name: 'RSASSA-PKCS1-v1_5' },
      };
    }
    case 13:
      return {
        gen: { name: 'ECDSA', namedCurve: 'P-256' },
        sign: { name: 'ECDSA', hash: 'SHA-256' },
      };
    case 14:
      return {
        gen: { name: 'ECDSA', namedCurve: 'P-384' },
        sign: { name: 'ECDSA', hash: 'SHA-384' },
      };
    default:
      return { gen: { name: 'Ed25519' }, sign: { name: 'Ed25519' } };
  }
}

export async function makeKey(algorithm: Alg, flags = 257): Promise<TestKey> {
  if (algorithm === 16 || algorithm === 253) {
    // Algorithms the validator cannot verify: random key material, signatures are random bytes.
    const key = Buffer.from(webcrypto.getRandomValues(new Uint8Array(57)));
    return { algorithm, flags, key, keyTag: tagOf(dnskeyRdata({ flags, algorithm, key })) };
  }
  const pair = (await subtle.generateKey(signParams(algorithm).gen as never, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  let key: Buffer;
  if (algorithm === 13 || algorithm === 14 || algorithm === 15) {
    const raw = Buffer.from(await subtle.exportKey('raw', pair.publicKey));
    key = algorithm === 15 ? raw : raw.subarray(1);
  } else {
    const jwk = await subtle.exportKey('jwk', pair.publicKey);
    const e = Buffer.from(jwk.e as string, 'base64url');
    const n = Buffer.from(jwk.n as string, 'base64url');
    key = Buffer.concat([Buffer.from([e.length]), e, n]);
  }
  return {
    algorithm,
    flags,
    key,
    privateKey: pair.privateKey,
    keyTag: tagOf(dnskeyRdata({ flags, algorithm, key })),
  };
}

export interface Rec {
  name: string;
  type: string;
  ttl: number;
  data: unknown;
}

/** Names are lowercase, no trailing dot; the root is "". */
export const labelsOf = (name: string) => (name === '' ? [] : name.split('.'));
const join = (labels: string[]) => labels.join('.');
export const isUnder = (name: string, zone: string) =>
  zone === '' || name === zone || name.endsWith(`.${zone}`);
const parentOf = (name: string) => join(labelsOf(name).slice(1));

/** Canonical order for plain lowercase ASCII names (RFC 4034 §6.1). */
export function canonicalCompare(a: string, b: string): number {
  const la = labelsOf(a).reverse();
  const lb = labelsOf(b).reverse();
  for (let i = 0; i < Math.min(la.length, lb.length); i++) {
    const x = Buffer.from(la[i] as string);
    const y = Buffer.from(lb[i] as string);
    const d = Buffer.compare(x, y);
    if (d !== 0) return d;
  }
  return la.length - lb.length;
}

const wireName = (name: string) =>
  Buffer.concat([
    ...labelsOf(name).map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])),
    Buffer.from([0]),
  ]);

const rdataOf = (r: Rec) => recordCodec(r.type).encode(r.data).subarray(2);

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
export function base32hex(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(value << (5 - bits)) & 31];
  return out;
}

// The fake authority hashes the same few names for every denial it serves; with a hostile
// iteration count that is the fake's own time, not the validator's, so each hash is made once.
const hashes = new Map<string, Buffer>();

export function nsec3HashOf(name: string, salt: Buffer, iterations: number): Buffer {
  const key = `${name}|${salt.toString('hex')}|${iterations}`;
  const known = hashes.get(key);
  if (known) return known;
  const hash = iteratedHash(name, salt, iterations);
  hashes.set(key, hash);
  return hash;
}

function iteratedHash(name: string, salt: Buffer, iterations: number): Buffer {
  let h = createHash('sha1')
    .update(Buffer.concat([wireName(name), salt]))
    .digest();
  for (let i = 0; i < iterations; i++)
    h = createHash('sha1')
      .update(Buffer.concat([h, salt]))
      .digest();
  return h;
}

export interface SignOptions {
  inception: number;
  expiration: number;
  /** Override what gets signed (e.g. corrupt after signing). */
  labels?: number;
}

/** RFC 4034 §3.1.8.1 signature over an RRset (all records share owner and type). */
export async function signRrset(
  rrset: Rec[],
  signer: string,
  key: TestKey,
  opts: SignOptions,
): Promise<Rec> {
  const first = rrset[0] as Rec;
  const ownerLabels = labelsOf(first.name);
  const labels =
    opts.labels ?? (ownerLabels[0] === '*' ? ownerLabels.length - 1 : ownerLabels.length);
  const ttl = first.ttl;
  const sigData = {
    typeCovered: first.type,
    algorithm: key.algorithm,
    labels,
    originalTTL: ttl,
    expiration: opts.expiration,
    inception: opts.inception,
    keyTag: key.keyTag,
    signersName: signer === '' ? '.' : signer,
    signature: Buffer.alloc(0),
  };
  const prefix = recordCodec('RRSIG').encode(sigData).subarray(2);
  const owner =
    labels < ownerLabels.length
      ? join(['*', ...ownerLabels.slice(ownerLabels.length - labels)])
      : first.name;
  const rdatas = rrset.map(rdataOf).sort(Buffer.compare);
  const parts: Buffer[] = [prefix];
  for (const rd of rdatas) {
    const head = Buffer.alloc(10);
    head.writeUInt16BE(typeCode(first.type), 0);
    head.writeUInt16BE(1, 2);
    head.writeUInt32BE(ttl, 4);
    head.writeUInt16BE(rd.length, 8);
    parts.push(wireName(owner), head, rd);
  }
  const data = Buffer.concat(parts);
  let signature: Buffer;
  if (!key.privateKey) signature = Buffer.from(webcrypto.getRandomValues(new Uint8Array(64)));
  else
    signature = Buffer.from(
      await subtle.sign(signParams(key.algorithm).sign as never, key.privateKey, data),
    );
  return { name: first.name, type: 'RRSIG', ttl, data: { ...sigData, signature } };
}

const TYPE_CODES: Record<string, number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  DNAME: 39,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  NSEC3: 50,
  NSEC3PARAM: 51,
  TLSA: 52,
};
export const typeCode = (t: string) => TYPE_CODES[t] ?? 0;
export const typeOfCode = (n: number) =>
  Object.entries(TYPE_CODES).find(([, v]) => v === n)?.[0] ?? `TYPE${n}`;

export async function dsOf(zone: string, key: TestKey, digestType: 1 | 2 | 4 = 2): Promise<Rec> {
  const hash = { 1: 'sha1', 2: 'sha256', 4: 'sha384' }[digestType];
  const digest = createHash(hash)
    .update(Buffer.concat([wireName(zone), dnskeyRdata(key)]))
    .digest();
  return {
    name: zone,
    type: 'DS',
    ttl: 3600,
    data: { keyTag: key.keyTag, algorithm: key.algorithm, digestType, digest },
  };
}

export const dnskeyRec = (zone: string, k: TestKey, ttl = 3600): Rec => ({
  name: zone,
  type: 'DNSKEY',
  ttl,
  data: { flags: k.flags, algorithm: k.algorithm, key: k.key },
});

export { dnskeyRdata, parentOf, wireName };
