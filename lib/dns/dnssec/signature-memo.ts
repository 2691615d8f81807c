// Signatures a validator has already checked. A check is a pure function of key, signed data and
// signature, and the same signed RRset comes back again and again: one zone's negative answers
// carry the same NSEC3 records of its apex and closest enclosers, and a bulk scan asks thousands
// of names of one zone. Each WebCrypto verification is a job on libuv's pool and costs the main
// thread about as much again to set up; a repeat costs a map lookup and two byte comparisons.
// The memo belongs to one validator (context.ts ChainEnv), so "Clear cache" empties it with the
// validator's other caches.

import { verifySignature } from './algorithms.ts';
import type { Dnskey } from './records.ts';

export type VerifySignature = (
  key: Dnskey,
  data: Uint8Array,
  signature: Uint8Array,
) => Promise<boolean>;

/**
 * Bounded in entries and in bytes kept (a hostile zone can sign RRsets of up to 64 KB each):
 * emptied when either is full, so memory stays flat however long the process runs.
 */
const MAX_ENTRIES = 4096;
const MAX_BYTES = 8 * 1024 * 1024;

interface Checked {
  key: Uint8Array;
  data: Uint8Array;
  result: Promise<boolean>;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const bytesKey = (bytes: Uint8Array): string => {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
};

export class SignatureMemo {
  private readonly checked = new Map<string, Checked>();
  private bytes = 0;
  private readonly check: VerifySignature;

  constructor(check: VerifySignature = verifySignature) {
    this.check = check;
  }

  /** The same answer as `check`: from memory when this key, data and signature were seen. */
  readonly verify: VerifySignature = (key, data, signature) => {
    const id = bytesKey(signature);
    const known = this.checked.get(id);
    if (known && sameBytes(known.key, key.rdata) && sameBytes(known.data, data))
      return known.result;
    const bytes = signature.length + key.rdata.length + data.length;
    if (this.checked.size >= MAX_ENTRIES || this.bytes + bytes > MAX_BYTES) this.clear();
    this.bytes += bytes;
    const result = this.check(key, data, signature);
    // Copies: the caller may reuse its buffers.
    this.checked.set(id, { key: key.rdata.slice(), data: data.slice(), result });
    return result;
  };

  clear(): void {
    this.checked.clear();
    this.bytes = 0;
  }
}
