// Authenticated denial with NSEC3 (RFC 5155 §8) with the iteration cap of RFC 9276 §3.2: above
// it the answer is insecure and nothing is hashed, so a hostile iteration count costs nothing.
import { sha1 } from './algorithms.ts';
import type { Denial, DenialQuestion } from './denial.ts';
import { TYPE } from './message.ts';
import { type Name, nameEquals, nameToWire, suffix, wildcardOf } from './names.ts';
import type { Nsec3 } from './records.ts';

/** The figure BIND and Unbound use; RFC 9276 lets validators treat anything above 0 as insecure. */
export const MAX_NSEC3_ITERATIONS = 150;

export interface OwnedNsec3 {
  owner: Name;
  /** The owner's first label decoded from base32hex; undefined when it is not a hash. */
  hash: Uint8Array | undefined;
  nsec3: Nsec3;
}

export interface HashBudget {
  hashes: number;
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

export function base32hexDecode(label: Uint8Array): Uint8Array | undefined {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const byte of label) {
    const index = BASE32HEX.indexOf(String.fromCharCode(byte).toLowerCase());
    if (index < 0) return undefined;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** RFC 5155 §5: IH(salt, x, k) with SHA-1, over the canonical owner name. */
export async function nsec3Hash(
  name: Name,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> {
  const join = (a: Uint8Array) => {
    const out = new Uint8Array(a.length + salt.length);
    out.set(a);
    out.set(salt, a.length);
    return out;
  };
  let hash = await sha1(join(nameToWire(name, true)));
  for (let i = 0; i < iterations; i++) hash = await sha1(join(hash));
  return hash;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => compareBytes(a, b) === 0;

function covers(r: OwnedNsec3, hash: Uint8Array): boolean {
  if (!r.hash) return false;
  const afterOwner = compareBytes(r.hash, hash) < 0;
  if (compareBytes(r.nsec3.nextHashed, r.hash) <= 0)
    return afterOwner || compareBytes(hash, r.nsec3.nextHashed) < 0;
  return afterOwner && compareBytes(hash, r.nsec3.nextHashed) < 0;
}

class Hasher {
  private readonly memo = new Map<string, Uint8Array>();
  private readonly params: Nsec3;
  private readonly budget: HashBudget;
  constructor(params: Nsec3, budget: HashBudget) {
    this.params = params;
    this.budget = budget;
  }
  async of(name: Name): Promise<Uint8Array | undefined> {
    const key = Array.from(nameToWire(name, true)).join(',');
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (this.budget.hashes <= 0) return undefined;
    this.budget.hashes--;
    const hash = await nsec3Hash(name, this.params.salt, this.params.iterations);
    this.memo.set(key, hash);
    return hash;
  }
}

interface Context {
  records: readonly OwnedNsec3[];
  zone: Name;
  hasher: Hasher;
}

async function matching(ctx: Context, name: Name): Promise<OwnedNsec3 | undefined> {
  const hash = await ctx.hasher.of(name);
  return hash && ctx.records.find((r) => r.hash && equalBytes(r.hash, hash));
}

async function covering(ctx: Context, name: Name): Promise<OwnedNsec3 | undefined> {
  const hash = await ctx.hasher.of(name);
  return hash && ctx.records.find((r) => covers(r, hash));
}

/** RFC 5155 §8.3: the closest encloser matches, the next closer name is covered. */
async function closestEncloserProof(ctx: Context, name: Name) {
  for (let n = name.length - 1; n >= ctx.zone.length; n--) {
    const encloser = suffix(name, n);
    const match = await matching(ctx, encloser);
    if (!match) continue;
    const t = match.nsec3.types;
    // A delegation or DNAME cannot be the closest encloser of anything below it.
    if ((t.has(TYPE.NS) && !t.has(TYPE.SOA)) || t.has(TYPE.DNAME)) return undefined;
    const nextCloser = suffix(name, n + 1);
    const cover = await covering(ctx, nextCloser);
    return cover ? { encloser, cover } : undefined;
  }
  return undefined;
}

const typeAbsent = (r: OwnedNsec3, type: number) =>
  !r.nsec3.types.has(type) && (type === TYPE.CNAME || !r.nsec3.types.has(TYPE.CNAME));

/** Records with the zone's parameters (RFC 5155 §8.2: others are ignored). */
function usable(records: readonly OwnedNsec3[], zone: Name): OwnedNsec3[] {
  return records.filter(
    (r) =>
      r.nsec3.hashAlgorithm === 1 && r.hash?.length === 20 && nameEquals(r.owner.slice(1), zone),
  );
}

export async function proveWithNsec3(
  all: readonly OwnedNsec3[],
  q: DenialQuestion,
  zone: Name,
  budget: HashBudget,
): Promise<Denial> {
  const records = usable(all, zone);
  const first = records[0];
  if (!first) return { kind: 'unproven' };
  if (records.some((r) => r.nsec3.iterations > MAX_NSEC3_ITERATIONS))
    return { kind: 'insecure', reason: 'nsec3-iterations' };
  const ctx: Context = { records, zone, hasher: new Hasher(first.nsec3, budget) };
  if (!q.nxdomain) {
    const exact = await matching(ctx, q.name);
    if (exact) {
      if (!typeAbsent(exact, q.type)) return { kind: 'unproven' };
      const t = exact.nsec3.types;
      const parentSide = t.has(TYPE.NS) && !t.has(TYPE.SOA);
      if (q.type === TYPE.DS ? t.has(TYPE.SOA) : parentSide) return { kind: 'unproven' };
      return { kind: 'nodata', delegation: parentSide };
    }
  }
  const proof = await closestEncloserProof(ctx, q.name);
  if (!proof) return { kind: 'unproven' };
  // §8.6 / §8.4 with opt-out: an insecure delegation may hide here, so nothing is proven secure.
  if (proof.cover.nsec3.optOut && (q.type === TYPE.DS || q.nxdomain))
    return { kind: 'insecure', reason: 'nsec3-opt-out' };
  const wildcard = wildcardOf(proof.encloser);
  if (q.nxdomain)
    return (await covering(ctx, wildcard)) ? { kind: 'nxdomain' } : { kind: 'unproven' };
  const atWildcard = await matching(ctx, wildcard);
  return atWildcard && typeAbsent(atWildcard, q.type)
    ? { kind: 'wildcard-nodata' }
    : { kind: 'unproven' };
}

/** RFC 5155 §8.8: a wildcard answer needs the next closer name covered. */
export async function nsec3ProvesExpansion(
  all: readonly OwnedNsec3[],
  owner: Name,
  encloser: Name,
  zone: Name,
  budget: HashBudget,
): Promise<Denial['kind'] | 'proven'> {
  const records = usable(all, zone);
  const first = records[0];
  if (!first) return 'unproven';
  if (records.some((r) => r.nsec3.iterations > MAX_NSEC3_ITERATIONS)) return 'insecure';
  const ctx: Context = { records, zone, hasher: new Hasher(first.nsec3, budget) };
  const nextCloser = suffix(owner, encloser.length + 1);
  return (await covering(ctx, nextCloser)) ? 'proven' : 'unproven';
}
