// A strict DNS message reader for validation. Unlike the display decoder (../wire.ts) it keeps
// each record's RDATA as bytes in canonical form (RFC 4034 §6.2): names inside RDATA are
// decompressed and, for the types the RFC lists, lowercased. Signatures are checked over
// exactly these bytes, so nothing is re-encoded from a parsed view.
import { type Name, nameToWire } from './names.ts';

export const TYPE = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  DNAME: 39,
  OPT: 41,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  NSEC3: 50,
  NSEC3PARAM: 51,
  TLSA: 52,
} as const;

export interface Rr {
  name: Name;
  type: number;
  class: number;
  ttl: number;
  /** Canonical RDATA: embedded names expanded (and lowercased where §6.2 says so). */
  rdata: Uint8Array;
}

export interface Message {
  id: number;
  rcode: number;
  flags: { qr: boolean; aa: boolean; tc: boolean; ad: boolean; cd: boolean };
  question?: { name: Name; type: number };
  answer: Rr[];
  authority: Rr[];
}

export class MalformedMessage extends Error {
  override name = 'MalformedMessage';
}

/** Reads a possibly compressed name; pointers must go strictly backwards (no loops). */
export function readName(buf: Uint8Array, start: number): { name: Name; end: number } {
  const labels: Uint8Array[] = [];
  let at = start;
  let end = -1;
  let total = 1;
  let limit = start;
  for (;;) {
    if (at >= buf.length) throw new MalformedMessage('name runs past the end');
    const len = buf[at] as number;
    if (len === 0) {
      if (end < 0) end = at + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (at + 1 >= buf.length) throw new MalformedMessage('pointer runs past the end');
      const target = ((len & 0x3f) << 8) | (buf[at + 1] as number);
      if (end < 0) end = at + 2;
      if (target >= limit) throw new MalformedMessage('compression pointer does not point back');
      limit = target;
      at = target;
      continue;
    }
    if ((len & 0xc0) !== 0) throw new MalformedMessage('unknown label type');
    total += len + 1;
    if (total > 255) throw new MalformedMessage('name longer than 255 octets');
    if (at + 1 + len > buf.length) throw new MalformedMessage('label runs past the end');
    labels.push(buf.slice(at + 1, at + 1 + len));
    at += 1 + len;
  }
  return { name: labels, end };
}

// RFC 4034 §6.2 item 3 as corrected by RFC 6840 §5.1 (NSEC names stay as they are). Each entry
// gives the offsets of fixed fields around the embedded names: [bytes before, names, bytes after].
const NAMED_RDATA: Record<number, [number, number, number]> = {
  [TYPE.NS]: [0, 1, 0],
  [TYPE.CNAME]: [0, 1, 0],
  [TYPE.PTR]: [0, 1, 0],
  [TYPE.DNAME]: [0, 1, 0],
  [TYPE.MX]: [2, 1, 0],
  [TYPE.SRV]: [6, 1, 0],
  [TYPE.SOA]: [0, 2, 20],
  [TYPE.RRSIG]: [18, 1, -1],
};

function canonicalRdata(buf: Uint8Array, type: number, start: number, end: number): Uint8Array {
  const layout = NAMED_RDATA[type];
  if (!layout) return buf.slice(start, end);
  const [before, names, after] = layout;
  const parts: Uint8Array[] = [buf.slice(start, start + before)];
  let at = start + before;
  for (let i = 0; i < names; i++) {
    const read = readName(buf, at);
    if (read.end > end) throw new MalformedMessage('RDATA name runs past RDLENGTH');
    parts.push(nameToWire(read.name, true));
    at = read.end;
  }
  const rest = after < 0 ? end - at : after;
  if (at + rest !== end) throw new MalformedMessage('RDLENGTH does not match RDATA');
  parts.push(buf.slice(at, end));
  const size = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const u16 = (b: Uint8Array, i: number) => ((b[i] as number) << 8) | (b[i + 1] as number);
const u32 = (b: Uint8Array, i: number) => u16(b, i) * 0x10000 + u16(b, i + 2);

function readRr(buf: Uint8Array, at: number): { rr: Rr; end: number } {
  const { name, end: afterName } = readName(buf, at);
  if (afterName + 10 > buf.length) throw new MalformedMessage('record header runs past the end');
  const type = u16(buf, afterName);
  const klass = u16(buf, afterName + 2);
  const ttl = u32(buf, afterName + 4);
  const rdlength = u16(buf, afterName + 8);
  const start = afterName + 10;
  const end = start + rdlength;
  if (end > buf.length) throw new MalformedMessage('RDATA runs past the end');
  return {
    rr: { name, type, class: klass, ttl, rdata: canonicalRdata(buf, type, start, end) },
    end,
  };
}

/** Parses a whole response; throws MalformedMessage on anything that does not add up. */
export function parseMessage(buf: Uint8Array): Message {
  if (buf.length < 12) throw new MalformedMessage('shorter than a DNS header');
  const flags = u16(buf, 2);
  const counts = [u16(buf, 4), u16(buf, 6), u16(buf, 8), u16(buf, 10)] as const;
  let at = 12;
  let question: Message['question'];
  for (let i = 0; i < counts[0]; i++) {
    const q = readName(buf, at);
    if (q.end + 4 > buf.length) throw new MalformedMessage('question runs past the end');
    if (i === 0) question = { name: q.name, type: u16(buf, q.end) };
    at = q.end + 4;
  }
  const sections: Rr[][] = [[], [], []];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < (counts[s + 1] as number); i++) {
      const { rr, end } = readRr(buf, at);
      // Only class IN is validated; the OPT pseudo-record carries no data to sign.
      if (rr.type !== TYPE.OPT) (sections[s] as Rr[]).push(rr);
      at = end;
    }
  }
  const message: Message = {
    id: u16(buf, 0),
    rcode: flags & 0x0f,
    flags: {
      qr: (flags & 0x8000) !== 0,
      aa: (flags & 0x0400) !== 0,
      tc: (flags & 0x0200) !== 0,
      ad: (flags & 0x0020) !== 0,
      cd: (flags & 0x0010) !== 0,
    },
    answer: sections[0] as Rr[],
    authority: sections[1] as Rr[],
  };
  if (question) message.question = question;
  return message;
}
