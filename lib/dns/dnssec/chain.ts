// The chain of trust, walked top-down from the anchor (RFC 4035 §5): at each name below the
// last secure zone, the parent's signed DS RRset (or its signed denial of one) decides whether a
// secure child zone starts there, an insecure one, or no zone cut at all.
import { getDomain } from 'tldts';
import { isWeakAlgorithm } from './algorithms.ts';
import type { Ctx } from './context.ts';
import type { Denial, DenialQuestion } from './denial.ts';
import { describeFailure } from './describe.ts';
import { authenticateKeys, usableDs } from './keys.ts';
import { TYPE } from './message.ts';
import { isSubdomain, type Name, nameToString, parseName, suffix } from './names.ts';
import { type OwnedNsec, proveWithNsec } from './nsec.ts';
import { base32hexDecode, type OwnedNsec3, proveWithNsec3 } from './nsec3.ts';
import {
  type Dnskey,
  type Ds,
  parseDnskey,
  parseDs,
  parseNsec,
  parseNsec3,
  type Rrsig,
} from './records.ts';
import { ofType, type RrSet, rrsetKey, type Sections, sectionsOf } from './rrsets.ts';
import { serialToDate, verifyRrset } from './rrsig.ts';
import type { DnssecReason, DnssecState } from './types.ts';

export type ZoneStatus =
  | { kind: 'secure'; zone: Name; keys: Dnskey[]; ttl: number }
  | { kind: Exclude<DnssecState, 'secure'>; zone: Name; reason: DnssecReason; detail: string };

type Cut =
  | { kind: 'zone'; status: ZoneStatus; ttl: number }
  | { kind: 'none'; ttl: number }
  | { kind: 'nonexistent'; ttl: number }
  | { kind: 'failed'; status: ZoneStatus };

export interface Walk {
  status: ZoneStatus;
  /** Set when the parent proved this ancestor of the walked name does not exist. */
  nonexistent?: Name;
}

/** Delegations followed below the anchor before giving up (a name has at most 127 labels). */
export const MAX_DEPTH = 16;
const MAX_CACHE_TTL = 3600;

export function failed(
  kind: Exclude<DnssecState, 'secure'>,
  reason: DnssecReason,
  zone: Name,
  ctx: Ctx,
  extra: { owner?: Name; type?: number; rrsig?: Rrsig } = {},
): ZoneStatus {
  return {
    kind,
    zone,
    reason,
    detail: describeFailure({ reason, zone, nowMs: ctx.nowMs, ...extra }),
  };
}

const BOGUS_OR_INDETERMINATE = (reason: DnssecReason): 'bogus' | 'indeterminate' =>
  reason === 'budget-exceeded' ? 'indeterminate' : 'bogus';

function trace(ctx: Ctx, status: ZoneStatus, note: string): void {
  const zone = nameToString(status.zone);
  if (ctx.trace.some((s) => s.zone === zone && s.state === status.kind)) return;
  ctx.trace.push({
    zone,
    state: status.kind,
    note: status.kind === 'secure' ? note : status.detail,
  });
}

async function fetchSections(
  ctx: Ctx,
  name: Name,
  type: number,
): Promise<{ rcode: number; s: Sections } | undefined> {
  try {
    const m = await ctx.fetch(name, type);
    return { rcode: m.rcode, s: sectionsOf(m) };
  } catch {
    return undefined;
  }
}

/** The zone's DNSKEY RRset authenticated by DS records (or the anchor's keys). */
async function zoneKeys(
  zone: Name,
  ds: readonly Ds[],
  ctx: Ctx,
  anchorKeys?: readonly Uint8Array[],
): Promise<ZoneStatus> {
  if (usableDs(ds).length === 0 && !anchorKeys?.length)
    return failed('insecure', 'unsupported-algorithm', zone, ctx);
  const answer = await fetchSections(ctx, zone, TYPE.DNSKEY);
  if (!answer)
    return failed('indeterminate', 'lookup-failed', zone, ctx, { owner: zone, type: TYPE.DNSKEY });
  const set = answer.s.answer.get(rrsetKey(zone, TYPE.DNSKEY));
  if (!set) return failed('bogus', 'dnskey-missing', zone, ctx, { owner: zone, type: TYPE.DNSKEY });
  const keys = set.rrs.map((r) => parseDnskey(r.rdata)).filter((k): k is Dnskey => k !== undefined);
  const verdict = await authenticateKeys({
    zone,
    dnskeyRrset: set.rrs,
    keys,
    rrsigs: set.sigs,
    ds,
    ...(anchorKeys ? { anchorKeys } : {}),
    nowMs: ctx.nowMs,
    budget: ctx.budget,
    verify: ctx.env.signatures.verify,
  });
  if (verdict.ok) {
    if (isWeakAlgorithm(verdict.rrsig.algorithm)) ctx.weak = true;
    // Cached no longer than the TTL allows nor beyond the signature's expiry (RFC 4035 §5.3.3).
    const validFor = Math.floor(
      (serialToDate(verdict.rrsig.expiration, ctx.nowMs).getTime() - ctx.nowMs) / 1000,
    );
    return {
      kind: 'secure',
      zone,
      keys: verdict.keys,
      ttl: Math.min(set.ttl, MAX_CACHE_TTL, validFor),
    };
  }
  if (verdict.insecure) return failed('insecure', 'unsupported-algorithm', zone, ctx);
  const reason = verdict.failure === 'rrsig-missing' ? 'dnskey-unsigned' : verdict.failure;
  return failed(BOGUS_OR_INDETERMINATE(reason), reason, zone, ctx, {
    owner: zone,
    type: TYPE.DNSKEY,
    ...(verdict.rrsig ? { rrsig: verdict.rrsig } : {}),
  });
}

function anchorStatus(ctx: Ctx): Promise<ZoneStatus> {
  const { anchor, cache } = ctx.env;
  const key = `anchor|${nameToString(anchor.zone)}`;
  const hit = cache.get<ZoneStatus>(key, ctx.nowMs);
  if (hit) return hit;
  const value = zoneKeys(anchor.zone, anchor.ds, ctx, anchor.keys);
  return cache.remember(key, ctx.nowMs, value, (s) => (s.kind === 'secure' ? s.ttl : 0));
}

/** Authenticated NSEC/NSEC3 records of the authority section, signed by `zone`. */
export async function authenticatedDenials(
  s: Sections,
  zone: Extract<ZoneStatus, { kind: 'secure' }>,
  ctx: Ctx,
) {
  const nsec: OwnedNsec[] = [];
  const nsec3: OwnedNsec3[] = [];
  let failure: ZoneStatus | undefined;
  const sets = [...ofType(s.authority, TYPE.NSEC), ...ofType(s.authority, TYPE.NSEC3)].slice(0, 16);
  for (const set of sets) {
    const v = await verifyRrset(
      set.rrs,
      set.sigs,
      zone.zone,
      zone.keys,
      ctx.nowMs,
      ctx.budget,
      ctx.env.signatures.verify,
    );
    if (!v.ok) {
      if (v.failure !== 'rrsig-missing' || !failure)
        failure = failed(BOGUS_OR_INDETERMINATE(v.failure), v.failure, zone.zone, ctx, {
          owner: set.name,
          type: set.type,
          ...(v.rrsig ? { rrsig: v.rrsig } : {}),
        });
      continue;
    }
    for (const rr of set.rrs) {
      if (set.type === TYPE.NSEC) {
        const parsed = parseNsec(rr.rdata);
        if (parsed) nsec.push({ owner: set.name, nsec: parsed });
      } else {
        const parsed = parseNsec3(rr.rdata);
        const label = set.name[0];
        if (parsed)
          nsec3.push({ owner: set.name, hash: label && base32hexDecode(label), nsec3: parsed });
      }
    }
  }
  return { nsec, nsec3, failure };
}

/** What the zone's signed NSEC/NSEC3 records prove about a name, or why they prove nothing. */
export async function proveDenial(
  q: DenialQuestion,
  s: Sections,
  zone: Extract<ZoneStatus, { kind: 'secure' }>,
  ctx: Ctx,
): Promise<Denial | { failure: ZoneStatus }> {
  const { nsec, nsec3, failure } = await authenticatedDenials(s, zone, ctx);
  if (nsec.length === 0 && nsec3.length === 0) {
    return {
      failure:
        failure ??
        failed('bogus', 'denial-missing', zone.zone, ctx, { owner: q.name, type: q.type }),
    };
  }
  if (nsec3.length > 0) return proveWithNsec3(nsec3, q, zone.zone, ctx.budget);
  return proveWithNsec(nsec, q, zone.zone);
}

function negativeTtl(s: Sections): number {
  const ttls = [...s.authority.values()].map((x: RrSet) => x.ttl);
  return Math.min(MAX_CACHE_TTL, ...ttls, 300);
}

async function cutWithDs(
  name: Name,
  ds: RrSet,
  parent: Extract<ZoneStatus, { kind: 'secure' }>,
  ctx: Ctx,
): Promise<Cut> {
  const v = await verifyRrset(
    ds.rrs,
    ds.sigs,
    parent.zone,
    parent.keys,
    ctx.nowMs,
    ctx.budget,
    ctx.env.signatures.verify,
  );
  if (!v.ok) {
    const extra = { owner: name, type: TYPE.DS, ...(v.rrsig ? { rrsig: v.rrsig } : {}) };
    return {
      kind: 'failed',
      status: failed(BOGUS_OR_INDETERMINATE(v.failure), v.failure, parent.zone, ctx, extra),
    };
  }
  if (isWeakAlgorithm(v.rrsig.algorithm)) ctx.weak = true;
  const records = ds.rrs.map((r) => parseDs(r.rdata)).filter((d): d is Ds => d !== undefined);
  const status = await zoneKeys(name, records, ctx);
  const ttl =
    status.kind === 'secure'
      ? Math.min(status.ttl, ds.ttl)
      : status.kind === 'insecure'
        ? ds.ttl
        : 0;
  return { kind: 'zone', status, ttl };
}

async function findCut(
  name: Name,
  parent: Extract<ZoneStatus, { kind: 'secure' }>,
  ctx: Ctx,
): Promise<Cut> {
  const answer = await fetchSections(ctx, name, TYPE.DS);
  if (!answer || (answer.rcode !== 0 && answer.rcode !== 3)) {
    return {
      kind: 'failed',
      status: failed('indeterminate', 'lookup-failed', name, ctx, { owner: name, type: TYPE.DS }),
    };
  }
  const ds = answer.s.answer.get(rrsetKey(name, TYPE.DS));
  if (ds) return cutWithDs(name, ds, parent, ctx);
  if (answer.s.answer.has(rrsetKey(name, TYPE.CNAME))) return { kind: 'none', ttl: 0 };
  const denial = await proveDenial(
    { name, type: TYPE.DS, nxdomain: answer.rcode === 3 },
    answer.s,
    parent,
    ctx,
  );
  const ttl = negativeTtl(answer.s);
  if ('failure' in denial) return { kind: 'failed', status: denial.failure };
  switch (denial.kind) {
    case 'nodata':
      return denial.delegation
        ? { kind: 'zone', status: failed('insecure', 'unsigned-delegation', name, ctx), ttl }
        : { kind: 'none', ttl };
    case 'wildcard-nodata':
      return { kind: 'none', ttl };
    case 'nxdomain':
      return { kind: 'nonexistent', ttl };
    case 'insecure':
      return denial.reason === 'nsec3-opt-out'
        ? { kind: 'zone', status: failed('insecure', 'nsec3-opt-out', name, ctx), ttl }
        : { kind: 'zone', status: failed('insecure', 'nsec3-iterations', parent.zone, ctx), ttl };
    case 'unproven':
      return {
        kind: 'failed',
        status: failed('bogus', 'denial-missing', parent.zone, ctx, { owner: name, type: TYPE.DS }),
      };
  }
}

function cutAt(
  name: Name,
  parent: Extract<ZoneStatus, { kind: 'secure' }>,
  ctx: Ctx,
): Promise<Cut> {
  const key = `cut|${nameToString(name)}`;
  const hit = ctx.env.cache.get<Cut>(key, ctx.nowMs);
  if (hit) return hit;
  return ctx.env.cache.remember(key, ctx.nowMs, findCut(name, parent, ctx), (c) =>
    c.kind === 'failed' ? 0 : c.ttl,
  );
}

/**
 * Starts every lookup the walk may need at once, so a cold walk costs one round trip: the DS
 * of each name below the anchor not yet decided, and for a signer (whose ancestors are likely
 * zone apexes) their DNSKEY RRsets too.
 */
function prefetch(name: Name, from: number, ctx: Ctx, signer: boolean): void {
  for (let n = from; n <= name.length; n++) {
    const a = suffix(name, n);
    if (ctx.env.cache.get(`cut|${nameToString(a)}`, ctx.nowMs)) continue;
    ctx.fetch(a, TYPE.DS).catch(() => undefined);
    if (signer) ctx.fetch(a, TYPE.DNSKEY).catch(() => undefined);
  }
}

/**
 * Starts, together with an answer's own lookup, the lookups of the zone most likely to have
 * signed it: the DS and DNSKEY RRsets of its registrable domain and of each suffix above it
 * whose delegation is not known yet, and the anchor's keys. Mail names (MX hosts, _dmarc,
 * _25._tcp, DKIM keys) sit in their registrable domain's zone almost always, so the walk that
 * follows the answer finds its chain in flight or cached: a cold chain costs no round trip after
 * the answer. A guess that misses (a zone cut deeper down) costs only the walk's own round.
 */
export function prefetchLikelySigner(qname: Name, ctx: Ctx): void {
  const anchorZone = ctx.env.anchor.zone;
  const registrable = getDomain(nameToString(qname), { validateHostname: false });
  if (!registrable) return;
  const zone = parseName(registrable);
  const depth = zone.length - anchorZone.length;
  if (!isSubdomain(zone, anchorZone) || depth <= 0 || depth > MAX_DEPTH) return;
  if (!ctx.env.cache.get(`anchor|${nameToString(anchorZone)}`, ctx.nowMs))
    ctx.fetch(anchorZone, TYPE.DNSKEY).catch(() => undefined);
  prefetch(zone, anchorZone.length + 1, ctx, true);
}

/** The status of the deepest zone enclosing `name`, walking down from the trust anchor. */
export async function walk(name: Name, ctx: Ctx, isSigner = false): Promise<Walk> {
  const anchorZone = ctx.env.anchor.zone;
  if (!isSubdomain(name, anchorZone)) {
    return {
      status: failed('indeterminate', 'outside-trust-anchor', anchorZone, ctx, { owner: name }),
    };
  }
  if (name.length - anchorZone.length > MAX_DEPTH) {
    return { status: failed('indeterminate', 'chain-too-long', anchorZone, ctx) };
  }
  // Cold (anchor unknown or in flight): ask everything at once. Warm: only once the walk reaches a name
  // whose cut is unknown below a secure zone, so a name under a zone already known to be
  // insecure costs no DS question at all (nothing below it can be secure, RFC 4035 §4.3).
  // An anchor still being fetched (another walk started it) is cold too: waiting for it before
  // asking below it would add a round trip.
  let prefetched = !ctx.env.cache.settled(`anchor|${nameToString(anchorZone)}`, ctx.nowMs);
  if (prefetched) prefetch(name, anchorZone.length + 1, ctx, isSigner);
  let current = await anchorStatus(ctx);
  trace(ctx, current, 'trust anchor');
  // Without the anchor's keys nothing can be validated here: "could not validate", the caller's
  // cue to fall back to the resolver's word, never "bogus" or "insecure".
  if (current.kind !== 'secure') {
    return { status: failed('indeterminate', 'anchor-unavailable', anchorZone, ctx) };
  }
  for (let n = anchorZone.length + 1; n <= name.length && current.kind === 'secure'; n++) {
    const a = suffix(name, n);
    if (!prefetched && !ctx.env.cache.get(`cut|${nameToString(a)}`, ctx.nowMs)) {
      prefetch(name, n, ctx, isSigner);
      prefetched = true;
    }
    const cut = await cutAt(a, current, ctx);
    if (cut.kind === 'none') continue;
    if (cut.kind === 'nonexistent') return { status: current, nonexistent: a };
    current = cut.status;
    trace(
      ctx,
      current,
      current.kind === 'secure' ? `DS at ${nameToString(current.zone.slice(1))} → DNSKEY` : '',
    );
  }
  return { status: current };
}
