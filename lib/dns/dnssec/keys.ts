// Authenticating a zone's DNSKEY RRset (RFC 4035 §5.2): a DS from the parent (or the trust
// anchor) must match a zone key by digest, and that key must sign the DNSKEY RRset.
import { digest, isSupportedAlgorithm, isSupportedDigest } from './algorithms.ts';
import type { Rr } from './message.ts';
import { type Name, nameToWire } from './names.ts';
import type { Dnskey, Ds, Rrsig } from './records.ts';
import { type Budget, type SignatureFailure, verifyRrset } from './rrsig.ts';
import type { VerifySignature } from './signature-memo.ts';

export type KeyVerdict =
  | { ok: true; keys: Dnskey[]; rrsig: Rrsig }
  | { ok: false; insecure: true; reason: 'unsupported-algorithm' }
  | {
      ok: false;
      insecure?: false;
      failure: SignatureFailure | 'ds-digest-mismatch';
      rrsig?: Rrsig;
    };

const equalBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The DS records a validator may use: supported algorithm and digest; SHA-1 digests are ignored
 * when a stronger digest is present (RFC 4509 §3).
 */
export function usableDs(ds: readonly Ds[]): Ds[] {
  const supported = ds.filter(
    (d) => isSupportedAlgorithm(d.algorithm) && isSupportedDigest(d.digestType),
  );
  const strong = supported.filter((d) => d.digestType !== 1);
  return strong.length > 0 ? strong : supported;
}

/** Keys whose digest (owner name ‖ RDATA, RFC 4034 §5.1.4) equals one of the DS records. */
async function keysMatchingDs(
  zone: Name,
  keys: readonly Dnskey[],
  ds: readonly Ds[],
): Promise<Dnskey[]> {
  const owner = nameToWire(zone, true);
  const matched: Dnskey[] = [];
  for (const key of keys) {
    if ((key.flags & 0x0100) === 0 || key.protocol !== 3) continue;
    for (const d of ds) {
      if (d.keyTag !== key.keyTag || d.algorithm !== key.algorithm) continue;
      const data = new Uint8Array(owner.length + key.rdata.length);
      data.set(owner);
      data.set(key.rdata, owner.length);
      const computed = await digest(d.digestType, data);
      if (computed && equalBytes(computed, d.digest)) {
        matched.push(key);
        break;
      }
    }
  }
  return matched;
}

export async function authenticateKeys(input: {
  zone: Name;
  dnskeyRrset: readonly Rr[];
  keys: readonly Dnskey[];
  rrsigs: readonly Rrsig[];
  ds: readonly Ds[];
  /** Keys trusted by RDATA (a DNSKEY-form trust anchor). */
  anchorKeys?: readonly Uint8Array[];
  nowMs: number;
  budget: Budget;
  verify?: VerifySignature;
}): Promise<KeyVerdict> {
  const ds = usableDs(input.ds);
  const anchored = input.keys.filter((k) => input.anchorKeys?.some((a) => equalBytes(a, k.rdata)));
  if (ds.length === 0 && anchored.length === 0)
    return { ok: false, insecure: true, reason: 'unsupported-algorithm' };
  const entry = [...anchored, ...(await keysMatchingDs(input.zone, input.keys, ds))];
  if (entry.length === 0) return { ok: false, failure: 'ds-digest-mismatch' };
  const verdict = await verifyRrset(
    input.dnskeyRrset,
    input.rrsigs,
    input.zone,
    entry,
    input.nowMs,
    input.budget,
    input.verify,
  );
  if (!verdict.ok)
    return verdict.rrsig
      ? { ok: false, failure: verdict.failure, rrsig: verdict.rrsig }
      : { ok: false, failure: verdict.failure };
  return { ok: true, keys: [...input.keys], rrsig: verdict.rrsig };
}
