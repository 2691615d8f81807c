// Groups a section's records into RRsets with the RRSIGs that cover them.
import { type Message, type Rr, TYPE } from './message.ts';
import { type Name, nameToString } from './names.ts';
import { parseRrsig, type Rrsig } from './records.ts';

export interface RrSet {
  name: Name;
  type: number;
  rrs: Rr[];
  sigs: Rrsig[];
  /** Smallest TTL of the records, seconds. */
  ttl: number;
}

export const rrsetKey = (name: Name, type: number) => `${nameToString(name)}|${type}`;

export function groupRrsets(records: readonly Rr[]): Map<string, RrSet> {
  const sets = new Map<string, RrSet>();
  const sigs: { name: Name; rrsig: Rrsig }[] = [];
  for (const rr of records) {
    if (rr.class !== 1) continue;
    if (rr.type === TYPE.RRSIG) {
      const rrsig = parseRrsig(rr.rdata);
      if (rrsig) sigs.push({ name: rr.name, rrsig });
      continue;
    }
    const key = rrsetKey(rr.name, rr.type);
    const set = sets.get(key);
    if (set) {
      set.rrs.push(rr);
      set.ttl = Math.min(set.ttl, rr.ttl);
    } else sets.set(key, { name: rr.name, type: rr.type, rrs: [rr], sigs: [], ttl: rr.ttl });
  }
  for (const { name, rrsig } of sigs) sets.get(rrsetKey(name, rrsig.typeCovered))?.sigs.push(rrsig);
  return sets;
}

export interface Sections {
  answer: Map<string, RrSet>;
  authority: Map<string, RrSet>;
}

export const sectionsOf = (m: Message): Sections => ({
  answer: groupRrsets(m.answer),
  authority: groupRrsets(m.authority),
});

export const ofType = (sets: Map<string, RrSet>, type: number) =>
  [...sets.values()].filter((s) => s.type === type);
