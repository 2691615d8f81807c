// A fake recursive resolver over test zones (fake-zones.ts): it answers DO=1/CD=1 queries as a
// real one would, with RRSIGs, NSEC or NSEC3 proofs, wildcard synthesis, CNAME and DNAME chains
// across zones. Tests tamper with its answers to build each failure mode.
import { Buffer } from 'node:buffer';
import * as packet from 'dns-packet';
import {
  type Alg,
  base32hex,
  canonicalCompare,
  dnskeyRec,
  dsOf,
  isUnder,
  labelsOf,
  makeKey,
  nsec3HashOf,
  parentOf,
  type Rec,
  signRrset,
  type TestKey,
  typeOfCode,
} from './fake-zones.ts';

export interface ZoneSpec {
  apex: string;
  algorithm?: Alg;
  denial?: 'nsec' | 'nsec3';
  nsec3?: { iterations?: number; salt?: string; optOut?: boolean };
  unsigned?: boolean;
  records?: Rec[];
  /** Signature validity for this zone's RRSIGs, seconds since the epoch. */
  window?: { inception: number; expiration: number };
  /** Failure modes the parent or the zone itself shows. */
  breakDs?: boolean;
  /** Sign data with a key that is not in the DNSKEY RRset. */
  unpublishedSigner?: boolean;
  dsDigestType?: 1 | 2 | 4;
}

export interface TestZone {
  spec: ZoneSpec;
  apex: string;
  key?: TestKey;
  dataKey?: TestKey;
  records: Rec[];
  sigs: Map<string, Rec[]>;
  nsec: Rec[];
  nsec3: { hash: Buffer; rec: Rec }[];
}

const key = (name: string, type: string) => `${name}|${type}`;
export const NOW = Date.UTC(2026, 5, 1) / 1000;
const DEFAULT_WINDOW = { inception: NOW - 86400, expiration: NOW + 30 * 86400 };

function soa(apex: string): Rec {
  return {
    name: apex,
    type: 'SOA',
    ttl: 300,
    data: {
      mname: `ns.${apex || 'root'}`,
      rname: `hostmaster.${apex || 'root'}`,
      serial: 1,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: 300,
    },
  };
}

/** Builds and signs zones, children first so each parent can carry its children's DS. */
export async function buildZones(specs: ZoneSpec[]): Promise<TestZone[]> {
  const zones: TestZone[] = [];
  const sorted = [...specs].sort((a, b) => labelsOf(b.apex).length - labelsOf(a.apex).length);
  for (const spec of sorted) {
    const z: TestZone = {
      spec,
      apex: spec.apex,
      records: [...(spec.records ?? [])],
      sigs: new Map(),
      nsec: [],
      nsec3: [],
    };
    if (!spec.unsigned) {
      z.key = await makeKey(spec.algorithm ?? 13);
      z.dataKey = spec.unpublishedSigner ? await makeKey(spec.algorithm ?? 13, 256) : z.key;
      z.records.push(dnskeyRec(spec.apex, z.key));
    }
    z.records.push(soa(spec.apex), {
      name: spec.apex,
      type: 'NS',
      ttl: 3600,
      data: `ns.${spec.apex || 'root'}`,
    });
    const parentApex = (apex: string) =>
      specs
        .filter((o) => o.apex !== apex && isUnder(apex, o.apex))
        .sort((a, b) => labelsOf(b.apex).length - labelsOf(a.apex).length)[0]?.apex;
    for (const child of zones.filter((c) => parentApex(c.apex) === spec.apex)) {
      z.records.push({ name: child.apex, type: 'NS', ttl: 3600, data: `ns.${child.apex}` });
      if (child.key) {
        const ds = await dsOf(child.apex, child.key, child.spec.dsDigestType ?? 2);
        if (child.spec.breakDs) {
          const digest = (ds.data as { digest: Buffer }).digest;
          digest[0] = (digest[0] ?? 0) ^ 0xff;
        }
        z.records.push(ds);
      }
    }
    if (z.key) await signZone(z);
    zones.push(z);
  }
  return zones;
}

function isDelegation(z: TestZone, name: string): boolean {
  return name !== z.apex && z.records.some((r) => r.name === name && r.type === 'NS');
}

function underCut(z: TestZone, name: string): boolean {
  return z.records.some(
    (r) => r.type === 'NS' && r.name !== z.apex && isUnder(name, r.name) && r.name !== name,
  );
}

function rrsets(z: TestZone): Map<string, Rec[]> {
  const sets = new Map<string, Rec[]>();
  for (const r of z.records)
    sets.set(key(r.name, r.type), [...(sets.get(key(r.name, r.type)) ?? []), r]);
  return sets;
}

async function signZone(z: TestZone): Promise<void> {
  const window = z.spec.window ?? DEFAULT_WINDOW;
  if (z.spec.denial === 'nsec3') buildNsec3(z);
  else buildNsec(z);
  for (const [k, set] of rrsets(z)) {
    const [name, type] = k.split('|') as [string, string];
    if (underCut(z, name)) continue;
    if (isDelegation(z, name) && type !== 'DS' && type !== 'NSEC') continue;
    const signer = type === 'DNSKEY' ? (z.key as TestKey) : (z.dataKey as TestKey);
    z.sigs.set(k, [await signRrset(set, z.apex, signer, window)]);
  }
}

function namesOf(z: TestZone): string[] {
  const names = new Set(z.records.filter((r) => !underCut(z, r.name)).map((r) => r.name));
  return [...names].sort(canonicalCompare);
}

function typesAt(z: TestZone, name: string, extra: string[]): string[] {
  const types = new Set(z.records.filter((r) => r.name === name).map((r) => r.type));
  for (const t of extra) types.add(t);
  return [...types];
}

function buildNsec(z: TestZone): void {
  const names = namesOf(z);
  names.forEach((name, i) => {
    const next = names[(i + 1) % names.length] as string;
    const rec = {
      name,
      type: 'NSEC',
      ttl: 300,
      data: { nextDomain: next === '' ? '.' : next, rrtypes: typesAt(z, name, ['RRSIG', 'NSEC']) },
    };
    z.records.push(rec);
    z.nsec.push(rec);
  });
}

function buildNsec3(z: TestZone): void {
  const p = z.spec.nsec3 ?? {};
  const salt = Buffer.from(p.salt ?? '', 'hex');
  const iterations = p.iterations ?? 0;
  const all = new Set<string>();
  for (const name of namesOf(z)) {
    // Opt-out leaves insecure delegations out of the chain (RFC 5155 §6).
    if (
      p.optOut &&
      isDelegation(z, name) &&
      !z.records.some((r) => r.name === name && r.type === 'DS')
    )
      continue;
    const labels = labelsOf(name);
    for (let n = labelsOf(z.apex).length; n <= labels.length; n++)
      all.add(labels.slice(labels.length - n).join('.'));
  }
  const hashed = [...all]
    .map((name) => ({ name, hash: nsec3HashOf(name, salt, iterations) }))
    .sort((a, b) => Buffer.compare(a.hash, b.hash));
  hashed.forEach((h, i) => {
    const next = (hashed[(i + 1) % hashed.length] as { hash: Buffer }).hash;
    const hasData = z.records.some((r) => r.name === h.name);
    const types = hasData
      ? typesAt(
          z,
          h.name,
          isDelegation(z, h.name) && !z.records.some((r) => r.name === h.name && r.type === 'DS')
            ? []
            : ['RRSIG'],
        )
      : [];
    const rec: Rec = {
      name: `${base32hex(h.hash)}.${z.apex}`.replace(/\.$/, ''),
      type: 'NSEC3',
      ttl: 300,
      data: {
        algorithm: 1,
        flags: p.optOut ? 1 : 0,
        iterations,
        salt,
        nextDomain: next,
        rrtypes: types,
      },
    };
    z.records.push(rec);
    z.nsec3.push({ hash: h.hash, rec });
  });
}

const withSigs = (z: TestZone, recs: Rec[]) => {
  const first = recs[0];
  return first ? [...recs, ...(z.sigs.get(key(first.name, first.type)) ?? [])] : [];
};

function exists(z: TestZone, name: string): boolean {
  return z.records.some((r) => r.type !== 'NSEC3' && isUnder(r.name, name));
}

function nsecCovering(z: TestZone, name: string): Rec | undefined {
  return z.nsec.find((r) => {
    const next = (r.data as { nextDomain: string }).nextDomain.replace(/^\.$/, '');
    const wraps = canonicalCompare(next, r.name) <= 0;
    const after = canonicalCompare(r.name, name) < 0;
    return wraps ? after : after && canonicalCompare(name, next) < 0;
  });
}

function nsec3For(z: TestZone, name: string, mode: 'match' | 'cover'): Rec | undefined {
  const p = z.spec.nsec3 ?? {};
  const h = nsec3HashOf(name, Buffer.from(p.salt ?? '', 'hex'), p.iterations ?? 0);
  const found = z.nsec3.find(({ hash, rec }) => {
    if (mode === 'match') return hash.equals(h);
    const next = (rec.data as { nextDomain: Buffer }).nextDomain;
    const after = Buffer.compare(hash, h) < 0;
    return Buffer.compare(next, hash) <= 0
      ? after || Buffer.compare(h, next) < 0
      : after && Buffer.compare(h, next) < 0;
  });
  return found?.rec;
}

function closestEncloser(z: TestZone, name: string): string {
  let ce = name;
  while (ce !== z.apex && !exists(z, ce)) ce = parentOf(ce);
  return ce;
}

function nextCloser(name: string, ce: string): string {
  const labels = labelsOf(name);
  return labels.slice(labels.length - labelsOf(ce).length - 1).join('.');
}

/** Denial records (with their RRSIGs) for name/type, with SOA. */
function denial(
  z: TestZone,
  name: string,
  kind: 'nodata' | 'nxdomain' | 'wildcard-nodata' | 'wildcard-answer',
): Rec[] {
  const out: Rec[] =
    kind === 'wildcard-answer'
      ? []
      : withSigs(
          z,
          z.records.filter((r) => r.name === z.apex && r.type === 'SOA'),
        );
  if (!z.key) return out;
  const ce = closestEncloser(z, name);
  const wild = ce === '' ? '*' : `*.${ce}`;
  const pick: (Rec | undefined)[] = [];
  if (z.spec.denial === 'nsec3') {
    if (kind === 'nodata') pick.push(nsec3For(z, name, 'match') ?? nsec3For(z, name, 'cover'));
    else {
      const nc = nextCloser(name, ce);
      if (kind !== 'wildcard-answer') pick.push(nsec3For(z, ce, 'match'));
      pick.push(nsec3For(z, nc, 'cover'));
      if (kind === 'nxdomain') pick.push(nsec3For(z, wild, 'cover'));
      if (kind === 'wildcard-nodata') pick.push(nsec3For(z, wild, 'match'));
    }
  } else {
    if (kind === 'nodata') pick.push(z.nsec.find((r) => r.name === name) ?? nsecCovering(z, name));
    else {
      pick.push(nsecCovering(z, name));
      if (kind === 'nxdomain') pick.push(nsecCovering(z, wild));
      if (kind === 'wildcard-nodata') pick.push(z.nsec.find((r) => r.name === wild));
    }
  }
  const seen = new Set<Rec>();
  for (const r of pick)
    if (r && !seen.has(r)) {
      seen.add(r);
      out.push(...withSigs(z, [r]));
    }
  return out;
}

/** DS for the DS-at-cut case also needs the closest-encloser proof under opt-out. */
function dsDenial(z: TestZone, name: string): Rec[] {
  const base = denial(z, name, 'nodata');
  if (z.spec.denial !== 'nsec3' || nsec3For(z, name, 'match')) return base;
  const ce = closestEncloser(z, parentOf(name));
  const extra = [nsec3For(z, ce, 'match'), nsec3For(z, nextCloser(name, ce), 'cover')];
  for (const r of extra) if (r && !base.includes(r)) base.push(...withSigs(z, [r]));
  return base;
}

export interface Answer {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'REFUSED' | 'SERVFAIL';
  /** Forge the AD flag (a lying resolver). */
  ad?: boolean;
  answers: Rec[];
  authorities: Rec[];
}

function lookup(z: TestZone, name: string, type: string): { answer: Answer; next?: string } {
  const at = z.records.filter((r) => r.name === name && r.type === type);
  if (at.length > 0 && !(isDelegation(z, name) && type !== 'DS'))
    return { answer: { rcode: 'NOERROR', answers: withSigs(z, at), authorities: [] } };
  const cname = z.records.filter((r) => r.name === name && r.type === 'CNAME');
  if (cname.length > 0 && type !== 'CNAME')
    return {
      answer: { rcode: 'NOERROR', answers: withSigs(z, cname), authorities: [] },
      next: cname[0]?.data as string,
    };
  const dname = z.records.find(
    (r) => r.type === 'DNAME' && name !== r.name && isUnder(name, r.name),
  );
  if (dname) {
    const target = `${name.slice(0, name.length - dname.name.length - 1)}.${dname.data as string}`;
    const synth = { name, type: 'CNAME', ttl: dname.ttl, data: target };
    return {
      answer: { rcode: 'NOERROR', answers: [...withSigs(z, [dname]), synth], authorities: [] },
      next: target,
    };
  }
  if (exists(z, name)) {
    const authorities = type === 'DS' ? dsDenial(z, name) : denial(z, name, 'nodata');
    return { answer: { rcode: 'NOERROR', answers: [], authorities } };
  }
  const ce = closestEncloser(z, name);
  const wild = ce === '' ? '*' : `*.${ce}`;
  if (z.records.some((r) => r.name === wild)) {
    const set = z.records.filter((r) => r.name === wild && r.type === type);
    if (set.length === 0)
      return {
        answer: { rcode: 'NOERROR', answers: [], authorities: denial(z, name, 'wildcard-nodata') },
      };
    const answers = withSigs(z, set).map((r) => ({ ...r, name }));
    return {
      answer: { rcode: 'NOERROR', answers, authorities: denial(z, name, 'wildcard-answer') },
    };
  }
  return { answer: { rcode: 'NXDOMAIN', answers: [], authorities: denial(z, name, 'nxdomain') } };
}

export type Tamper = (name: string, type: string, answer: Answer) => Answer;

export interface FakeResolver {
  exchange(name: string, type: number): Promise<Uint8Array>;
  queries: string[];
  tamper?: Tamper;
  zones: TestZone[];
  zone(apex: string): TestZone;
}

export function fakeResolver(zones: TestZone[]): FakeResolver {
  const zoneFor = (name: string, type: string) => {
    const candidates = zones.filter(
      (z) => isUnder(name, z.apex) && !(type === 'DS' && z.apex === name && name !== ''),
    );
    return candidates.sort((a, b) => labelsOf(b.apex).length - labelsOf(a.apex).length)[0];
  };
  const resolver: FakeResolver = {
    zones,
    queries: [],
    zone: (apex) => zones.find((z) => z.apex === apex) as TestZone,
    async exchange(rawName, code) {
      const qname = rawName.replace(/\.$/, '').toLowerCase();
      const type = typeOfCode(code);
      resolver.queries.push(`${qname}|${type}`);
      let answer: Answer = { rcode: 'NOERROR', answers: [], authorities: [] };
      let current = qname;
      for (let i = 0; i < 8; i++) {
        const z = zoneFor(current, type);
        if (!z) {
          answer.rcode = 'REFUSED';
          break;
        }
        const step = lookup(z, current, type);
        answer = {
          rcode: step.answer.rcode,
          answers: [...answer.answers, ...step.answer.answers],
          authorities: step.answer.authorities,
        };
        if (!step.next) break;
        current = step.next;
      }
      if (resolver.tamper) answer = resolver.tamper(qname, type, answer);
      return encode(qname, type, answer);
    },
  };
  return resolver;
}

export function encode(qname: string, type: string, a: Answer): Uint8Array {
  const rcode =
    { NOERROR: 0, NXDOMAIN: 3, REFUSED: 5, SERVFAIL: 2 }[a.rcode] |
    (a.ad ? packet.AUTHENTIC_DATA : 0);
  const buf = packet.encode({
    type: 'response',
    id: 0,
    flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | packet.CHECKING_DISABLED | rcode,
    questions: [{ name: qname || '.', type: type as never, class: 'IN' }],
    answers: a.answers.map(fix) as never,
    authorities: a.authorities.map(fix) as never,
  });
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

const fix = (r: Rec) => ({ ...r, name: r.name === '' ? '.' : r.name, class: 'IN' });
