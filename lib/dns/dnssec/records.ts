// RDATA of the DNSSEC record types (RFC 4034 §2–5, RFC 5155 §3), read from canonical bytes.
import { readName } from './message.ts';
import type { Name } from './names.ts';

export interface Dnskey {
  flags: number;
  protocol: number;
  algorithm: number;
  publicKey: Uint8Array;
  keyTag: number;
  rdata: Uint8Array;
}

export interface Ds {
  keyTag: number;
  algorithm: number;
  digestType: number;
  digest: Uint8Array;
}

export interface Rrsig {
  typeCovered: number;
  algorithm: number;
  labels: number;
  originalTtl: number;
  expiration: number;
  inception: number;
  keyTag: number;
  signer: Name;
  signature: Uint8Array;
  /** RDATA up to and including the signer name: the prefix of the signed data (§3.1.8.1). */
  signedPrefix: Uint8Array;
}

export interface Nsec {
  next: Name;
  types: ReadonlySet<number>;
}

export interface Nsec3 {
  hashAlgorithm: number;
  optOut: boolean;
  iterations: number;
  salt: Uint8Array;
  nextHashed: Uint8Array;
  types: ReadonlySet<number>;
}

const u16 = (b: Uint8Array, i: number) => ((b[i] as number) << 8) | (b[i + 1] as number);
const u32 = (b: Uint8Array, i: number) => u16(b, i) * 0x10000 + u16(b, i + 2);

/** RFC 4034 Appendix B (algorithm 1 keys are not supported, so no special case). */
export function keyTag(rdata: Uint8Array): number {
  let acc = 0;
  for (let i = 0; i < rdata.length; i++)
    acc += i & 1 ? (rdata[i] as number) : (rdata[i] as number) << 8;
  acc += (acc >> 16) & 0xffff;
  return acc & 0xffff;
}

export function parseDnskey(rdata: Uint8Array): Dnskey | undefined {
  if (rdata.length < 5) return undefined;
  return {
    flags: u16(rdata, 0),
    protocol: rdata[2] as number,
    algorithm: rdata[3] as number,
    publicKey: rdata.slice(4),
    keyTag: keyTag(rdata),
    rdata,
  };
}

export function parseDs(rdata: Uint8Array): Ds | undefined {
  if (rdata.length < 5) return undefined;
  return {
    keyTag: u16(rdata, 0),
    algorithm: rdata[2] as number,
    digestType: rdata[3] as number,
    digest: rdata.slice(4),
  };
}

export function parseRrsig(rdata: Uint8Array): Rrsig | undefined {
  if (rdata.length < 19) return undefined;
  try {
    const { name: signer, end } = readName(rdata, 18);
    if (end >= rdata.length) return undefined;
    return {
      typeCovered: u16(rdata, 0),
      algorithm: rdata[2] as number,
      labels: rdata[3] as number,
      originalTtl: u32(rdata, 4),
      expiration: u32(rdata, 8),
      inception: u32(rdata, 12),
      keyTag: u16(rdata, 16),
      signer,
      signature: rdata.slice(end),
      signedPrefix: rdata.slice(0, end),
    };
  } catch {
    return undefined;
  }
}

/** RFC 4034 §4.1.2 type bit maps; undefined when the windows are out of order or overrun. */
export function parseTypeBitmap(bytes: Uint8Array, start: number): Set<number> | undefined {
  const types = new Set<number>();
  let at = start;
  let lastWindow = -1;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) return undefined;
    const window = bytes[at] as number;
    const len = bytes[at + 1] as number;
    if (window <= lastWindow || len < 1 || len > 32 || at + 2 + len > bytes.length)
      return undefined;
    for (let i = 0; i < len; i++) {
      const byte = bytes[at + 2 + i] as number;
      for (let bit = 0; bit < 8; bit++)
        if (byte & (0x80 >> bit)) types.add(window * 256 + i * 8 + bit);
    }
    lastWindow = window;
    at += 2 + len;
  }
  return types;
}

export function parseNsec(rdata: Uint8Array): Nsec | undefined {
  try {
    const { name: next, end } = readName(rdata, 0);
    const types = parseTypeBitmap(rdata, end);
    return types ? { next, types } : undefined;
  } catch {
    return undefined;
  }
}

export function parseNsec3(rdata: Uint8Array): Nsec3 | undefined {
  if (rdata.length < 6) return undefined;
  const saltLength = rdata[4] as number;
  const hashAt = 5 + saltLength;
  if (hashAt >= rdata.length) return undefined;
  const hashLength = rdata[hashAt] as number;
  const bitmapAt = hashAt + 1 + hashLength;
  if (hashLength === 0 || bitmapAt > rdata.length) return undefined;
  const types = parseTypeBitmap(rdata, bitmapAt);
  if (!types) return undefined;
  return {
    hashAlgorithm: rdata[0] as number,
    optOut: ((rdata[1] as number) & 1) === 1,
    iterations: u16(rdata, 2),
    salt: rdata.slice(5, hashAt),
    nextHashed: rdata.slice(hashAt + 1, bitmapAt),
    types,
  };
}

/** The target of a CNAME or DNAME (canonical RDATA is one uncompressed name). */
export function parseTarget(rdata: Uint8Array): Name | undefined {
  try {
    const { name, end } = readName(rdata, 0);
    return end === rdata.length ? name : undefined;
  } catch {
    return undefined;
  }
}
