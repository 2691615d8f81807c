// RRSIG verification (RFC 4035 §5.3): the signed data of RFC 4034 §3.1.8.1 over the RRset in
// canonical form and order (§6.2, §6.3), with the validity period checked in serial number
// arithmetic (RFC 1982) against an injected clock, and a hard cap on signature attempts.
import { isSupportedAlgorithm, verifySignature } from './algorithms.ts';
import type { Rr } from './message.ts';
import {
  isSubdomain,
  isWildcard,
  type Name,
  nameEquals,
  nameToWire,
  suffix,
  wildcardOf,
} from './names.ts';
import type { Dnskey, Rrsig } from './records.ts';
import type { VerifySignature } from './signature-memo.ts';

export type SignatureFailure =
  | 'rrsig-missing'
  | 'rrsig-expired'
  | 'rrsig-not-yet-valid'
  | 'dnskey-missing'
  | 'signature-invalid'
  | 'unsupported-algorithm'
  | 'budget-exceeded';

export type RrsetVerdict =
  | {
      ok: true;
      rrsig: Rrsig /** Set when the RRset was synthesised from a wildcard. */;
      wildcard?: Name;
    }
  | { ok: false; failure: SignatureFailure; rrsig?: Rrsig };

/** Signature attempts allowed for one RRset: a flood of RRSIGs cannot buy unbounded CPU. */
export const MAX_ATTEMPTS_PER_RRSET = 4;

const TWO_31 = 0x80000000;
const TWO_32 = 0x100000000;

/** RFC 1982 §3.2: a ≤ b in 32-bit serial number arithmetic. */
export function serialLte(a: number, b: number): boolean {
  return a === b || (b - a + TWO_32) % TWO_32 < TWO_31;
}

export const toSerial = (epochMs: number) => Math.floor(epochMs / 1000) % TWO_32;

/** Seconds-since-epoch of a serial time, taken as the instant nearest to `nowMs`. */
export function serialToDate(serial: number, nowMs: number): Date {
  const now = Math.floor(nowMs / 1000);
  const delta = (serial - (now % TWO_32) + TWO_32) % TWO_32;
  const offset = delta < TWO_31 ? delta : delta - TWO_32;
  return new Date((now + offset) * 1000);
}

/** Label count as the RRSIG Labels field counts it: no root, no leading wildcard (§3.1.3). */
export const labelCount = (name: Name) => (isWildcard(name) ? name.length - 1 : name.length);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** RFC 4034 §3.1.8.1: RRSIG RDATA (minus signature) followed by each RR in canonical form. */
export function signedData(rrset: readonly Rr[], rrsig: Rrsig): Uint8Array {
  const first = rrset[0] as Rr;
  const owner =
    labelCount(first.name) > rrsig.labels
      ? wildcardOf(suffix(first.name, rrsig.labels))
      : first.name;
  const ownerWire = nameToWire(owner, true);
  const sorted = [...rrset].sort((a, b) => compareBytes(a.rdata, b.rdata));
  const unique = sorted.filter(
    (rr, i) => i === 0 || compareBytes(rr.rdata, (sorted[i - 1] as Rr).rdata) !== 0,
  );
  let size = rrsig.signedPrefix.length;
  for (const rr of unique) size += ownerWire.length + 10 + rr.rdata.length;
  const out = new Uint8Array(size);
  out.set(rrsig.signedPrefix, 0);
  let at = rrsig.signedPrefix.length;
  const view = new DataView(out.buffer);
  for (const rr of unique) {
    out.set(ownerWire, at);
    at += ownerWire.length;
    view.setUint16(at, first.type);
    view.setUint16(at + 2, first.class);
    view.setUint32(at + 4, rrsig.originalTtl);
    view.setUint16(at + 8, rr.rdata.length);
    out.set(rr.rdata, at + 10);
    at += 10 + rr.rdata.length;
  }
  return out;
}

const FAILURE_RANK: SignatureFailure[] = [
  'rrsig-missing',
  'unsupported-algorithm',
  'dnskey-missing',
  'rrsig-not-yet-valid',
  'rrsig-expired',
  'signature-invalid',
  'budget-exceeded',
];

/** Shared budget of signature verifications for one validation. */
export interface Budget {
  signatures: number;
}

/**
 * Verifies an RRset (all of one owner/type/class) against the RRSIGs that cover it and the
 * zone's authenticated keys. Reports the most telling failure when none verifies.
 */
export async function verifyRrset(
  rrset: readonly Rr[],
  rrsigs: readonly Rrsig[],
  zone: Name,
  keys: readonly Dnskey[],
  nowMs: number,
  budget: Budget,
  verify: VerifySignature = verifySignature,
): Promise<RrsetVerdict> {
  const first = rrset[0];
  if (!first) return { ok: false, failure: 'rrsig-missing' };
  const now = toSerial(nowMs);
  let worst: { failure: SignatureFailure; rrsig?: Rrsig } = { failure: 'rrsig-missing' };
  const note = (failure: SignatureFailure, rrsig?: Rrsig) => {
    if (FAILURE_RANK.indexOf(failure) > FAILURE_RANK.indexOf(worst.failure))
      worst = rrsig ? { failure, rrsig } : { failure };
  };
  let attempts = 0;
  for (const rrsig of rrsigs) {
    if (rrsig.typeCovered !== first.type || !nameEquals(rrsig.signer, zone)) continue;
    if (!isSubdomain(first.name, zone) || rrsig.labels > labelCount(first.name)) continue;
    if (!isSupportedAlgorithm(rrsig.algorithm)) {
      note('unsupported-algorithm', rrsig);
      continue;
    }
    if (!serialLte(rrsig.inception, now)) {
      note('rrsig-not-yet-valid', rrsig);
      continue;
    }
    if (!serialLte(now, rrsig.expiration)) {
      note('rrsig-expired', rrsig);
      continue;
    }
    const candidates = keys.filter(
      (k) =>
        k.keyTag === rrsig.keyTag &&
        k.algorithm === rrsig.algorithm &&
        (k.flags & 0x0100) !== 0 &&
        k.protocol === 3,
    );
    if (candidates.length === 0) {
      note('dnskey-missing', rrsig);
      continue;
    }
    const data = signedData(rrset, rrsig);
    for (const key of candidates) {
      if (attempts >= MAX_ATTEMPTS_PER_RRSET || budget.signatures <= 0) {
        note('budget-exceeded', rrsig);
        return { ok: false, ...worst };
      }
      attempts++;
      budget.signatures--;
      if (await verify(key, data, rrsig.signature)) {
        const wildcard =
          rrsig.labels < labelCount(first.name) ? suffix(first.name, rrsig.labels) : undefined;
        return wildcard ? { ok: true, rrsig, wildcard } : { ok: true, rrsig };
      }
      note('signature-invalid', rrsig);
    }
  }
  return { ok: false, ...worst };
}
