// Validating one response: every RRset on the way from the question to the data (CNAME and
// DNAME links included, each in its own zone), wildcard expansions, and negative answers.
import { isWeakAlgorithm } from './algorithms.ts';
import {
  authenticatedDenials,
  failed,
  proveDenial,
  type Walk,
  walk,
  type ZoneStatus,
} from './chain.ts';
import type { Ctx } from './context.ts';
import { describeFailure } from './describe.ts';
import { type Message, TYPE } from './message.ts';
import { isSubdomain, type Name, nameEquals, nameToString } from './names.ts';
import { nsecProvesExpansion } from './nsec.ts';
import { nsec3ProvesExpansion } from './nsec3.ts';
import { parseTarget } from './records.ts';
import { type RrSet, rrsetKey, type Sections, sectionsOf } from './rrsets.ts';
import { verifyRrset } from './rrsig.ts';
import { type DnssecReason, type DnssecState, STATE_RANK } from './types.ts';

export interface LinkVerdict {
  state: DnssecState;
  reason: DnssecReason;
  zone: Name;
  detail: string;
}

const MAX_LINKS = 8;

const fromStatus = (s: ZoneStatus, ctx: Ctx): LinkVerdict =>
  s.kind === 'secure'
    ? {
        state: 'secure',
        reason: 'signed',
        zone: s.zone,
        detail: describeFailure({ reason: 'signed', zone: s.zone, nowMs: ctx.nowMs }),
      }
    : { state: s.kind, reason: s.reason, zone: s.zone, detail: s.detail };

/** An unsigned RRset or negative answer is fine only where the walk proves the zone insecure. */
function unsignedVerdict(
  w: Walk,
  owner: Name,
  type: number,
  reason: DnssecReason,
  ctx: Ctx,
): LinkVerdict {
  if (w.status.kind !== 'secure') return fromStatus(w.status, ctx);
  return fromStatus(failed('bogus', reason, w.status.zone, ctx, { owner, type }), ctx);
}

async function signerWalk(signer: Name, owner: Name, type: number, ctx: Ctx): Promise<ZoneStatus> {
  const w = await walk(signer, ctx, true);
  if (w.status.kind !== 'secure') return w.status;
  if (!nameEquals(w.status.zone, signer))
    return failed('bogus', 'signer-not-zone', signer, ctx, { owner, type });
  return w.status;
}

async function expansionProven(
  set: RrSet,
  encloser: Name,
  s: Sections,
  zone: Extract<ZoneStatus, { kind: 'secure' }>,
  ctx: Ctx,
) {
  const { nsec, nsec3 } = await authenticatedDenials(s, zone, ctx);
  if (nsec3.length > 0)
    return nsec3ProvesExpansion(nsec3, set.name, encloser, zone.zone, ctx.budget);
  return nsecProvesExpansion(nsec, set.name, zone.zone) ? 'proven' : 'unproven';
}

export async function rrsetVerdict(set: RrSet, s: Sections, ctx: Ctx): Promise<LinkVerdict> {
  const signer = set.sigs.find((sig) => isSubdomain(set.name, sig.signer))?.signer;
  if (!signer)
    return unsignedVerdict(await walk(set.name, ctx), set.name, set.type, 'rrsig-missing', ctx);
  const zone = await signerWalk(signer, set.name, set.type, ctx);
  if (zone.kind !== 'secure') return fromStatus(zone, ctx);
  const v = await verifyRrset(
    set.rrs,
    set.sigs,
    signer,
    zone.keys,
    ctx.nowMs,
    ctx.budget,
    ctx.env.signatures.verify,
  );
  if (!v.ok) {
    const kind = v.failure === 'budget-exceeded' ? 'indeterminate' : 'bogus';
    const extra = { owner: set.name, type: set.type, ...(v.rrsig ? { rrsig: v.rrsig } : {}) };
    return fromStatus(failed(kind, v.failure, signer, ctx, extra), ctx);
  }
  if (isWeakAlgorithm(v.rrsig.algorithm)) ctx.weak = true;
  if (v.wildcard) {
    const proof = await expansionProven(set, v.wildcard, s, zone, ctx);
    if (proof === 'insecure')
      return fromStatus(failed('insecure', 'nsec3-iterations', signer, ctx), ctx);
    if (proof !== 'proven')
      return fromStatus(
        failed('bogus', 'denial-missing', signer, ctx, { owner: set.name, type: set.type }),
        ctx,
      );
  }
  return fromStatus(zone, ctx);
}

async function negativeVerdict(
  name: Name,
  type: number,
  nxdomain: boolean,
  s: Sections,
  ctx: Ctx,
): Promise<LinkVerdict> {
  const denialSets = [...s.authority.values()].filter(
    (x) => x.type === TYPE.NSEC || x.type === TYPE.NSEC3 || x.type === TYPE.SOA,
  );
  const signer = denialSets
    .flatMap((x) => x.sigs)
    .find((sig) => isSubdomain(name, sig.signer))?.signer;
  if (!signer) return unsignedVerdict(await walk(name, ctx), name, type, 'denial-missing', ctx);
  const zone = await signerWalk(signer, name, type, ctx);
  if (zone.kind !== 'secure') return fromStatus(zone, ctx);
  const denial = await proveDenial({ name, type, nxdomain }, s, zone, ctx);
  if ('failure' in denial) return fromStatus(denial.failure, ctx);
  if (denial.kind === 'insecure')
    return fromStatus(failed('insecure', denial.reason, signer, ctx), ctx);
  if (denial.kind === 'unproven')
    return fromStatus(failed('bogus', 'denial-missing', signer, ctx, { owner: name, type }), ctx);
  return {
    state: 'secure',
    reason: 'denial-proven',
    zone: signer,
    detail: describeFailure({ reason: 'denial-proven', zone: signer, nowMs: ctx.nowMs }),
  };
}

/** The deepest DNAME above `name` in the answer (RFC 6672 §3.2 substitution). */
function dnameFor(name: Name, s: Sections): RrSet | undefined {
  let best: RrSet | undefined;
  for (const set of s.answer.values()) {
    if (set.type !== TYPE.DNAME || set.name.length >= name.length || !isSubdomain(name, set.name))
      continue;
    if (!best || set.name.length > best.name.length) best = set;
  }
  return best;
}

function substitute(name: Name, dname: RrSet): Name | undefined {
  const target = dname.rrs[0] && parseTarget(dname.rrs[0].rdata);
  if (!target) return undefined;
  const out = [...name.slice(0, name.length - dname.name.length), ...target];
  return out.reduce((n, l) => n + l.length + 1, 1) > 255 ? undefined : out;
}

/** Walks the answer from the question to the data or the denial, one verdict per link. */
export async function answerLinks(
  m: Message,
  qname: Name,
  qtype: number,
  ctx: Ctx,
): Promise<LinkVerdict[]> {
  if (m.rcode !== 0 && m.rcode !== 3) {
    return [
      fromStatus(
        failed('indeterminate', 'lookup-failed', qname, ctx, { owner: qname, type: qtype }),
        ctx,
      ),
    ];
  }
  const s = sectionsOf(m);
  const links: LinkVerdict[] = [];
  let current = qname;
  for (let i = 0; i < MAX_LINKS; i++) {
    const data = s.answer.get(rrsetKey(current, qtype));
    if (data) return [...links, await rrsetVerdict(data, s, ctx)];
    // A DNAME above the name wins over the CNAME a resolver synthesises from it (RFC 6672 §3.2).
    const dname = dnameFor(current, s);
    const cname =
      dname || qtype === TYPE.CNAME ? undefined : s.answer.get(rrsetKey(current, TYPE.CNAME));
    if (!cname && !dname)
      return [...links, await negativeVerdict(current, qtype, m.rcode === 3, s, ctx)];
    const link = (cname ?? dname) as RrSet;
    links.push(await rrsetVerdict(link, s, ctx));
    const next = cname
      ? cname.rrs[0] && parseTarget(cname.rrs[0].rdata)
      : substitute(current, link);
    if (!next)
      return [
        ...links,
        fromStatus(
          failed('indeterminate', 'malformed-answer', current, ctx, {
            owner: current,
            type: link.type,
          }),
          ctx,
        ),
      ];
    current = next;
  }
  return [...links, fromStatus(failed('indeterminate', 'chain-too-long', current, ctx), ctx)];
}

/** The weakest link decides (bogus < indeterminate < insecure < secure); ties keep the first. */
export function weakestLink(links: readonly LinkVerdict[]): LinkVerdict {
  let worst = links[links.length - 1] as LinkVerdict;
  for (const link of links) if (STATE_RANK[link.state] < STATE_RANK[worst.state]) worst = link;
  return worst;
}

export const zoneText = (zone: Name) => nameToString(zone);
