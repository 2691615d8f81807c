// RFC 8484 wire format through dns-packet. The `buffer` package stands in for Node's Buffer so
// the same code runs in the extension's service worker (bundlers resolve `buffer` to the npm
// package; Node resolves it to the built-in). No global Buffer is relied upon.
import { Buffer } from 'buffer';
import * as packet from 'dns-packet';
import type { RecordType } from './types.ts';

export interface WireQuestion {
  name: string;
  type: RecordType;
}

export interface WireRecord {
  name: string;
  type: string;
  ttl: number;
  data: unknown;
}

export interface WireResponse {
  id: number;
  rcode: string;
  authenticData: boolean;
  truncated: boolean;
  isResponse: boolean;
  questions: WireQuestion[];
  answers: WireRecord[];
  authorities: WireRecord[];
}

/** EDNS0 payload size we advertise; DoH has no UDP limit but resolvers expect a value. */
const EDNS_PAYLOAD = 4096;

export function encodeQuery(
  id: number,
  question: WireQuestion,
  options: { checkingDisabled?: boolean } = {},
): Uint8Array {
  const flags =
    packet.RECURSION_DESIRED | (options.checkingDisabled ? packet.CHECKING_DISABLED : 0);
  const bytes = packet.encode({
    type: 'query',
    id,
    flags,
    questions: [{ name: question.name, type: question.type, class: 'IN' }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: EDNS_PAYLOAD,
        extendedRcode: 0,
        ednsVersion: 0,
        flags: packet.DNSSEC_OK,
        flag_do: true,
        options: [],
      },
    ],
  });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

interface PartCodec {
  decode: ((buf: Buffer, offset: number) => unknown) & { bytes: number };
}

// dns-packet exports its per-part codecs at runtime; its type declarations do not list them.
const parts = packet as unknown as { name: PartCodec; question: PartCodec; answer: PartCodec };

/**
 * dns-packet trusts RDLENGTH implicitly (an A record is always read as 4 bytes). Walk the
 * records with its own part decoders and insist each consumed exactly its declared length and
 * that nothing runs past the end, so a lying or truncated packet is rejected, not half-read.
 */
function checkFraming(buf: Buffer): void {
  if (buf.length < 12) throw new Error('shorter than a DNS header');
  let offset = 12;
  for (let i = buf.readUInt16BE(4); i > 0; i--) {
    parts.question.decode(buf, offset);
    offset += parts.question.decode.bytes;
  }
  const records = buf.readUInt16BE(6) + buf.readUInt16BE(8) + buf.readUInt16BE(10);
  for (let i = 0; i < records; i++) {
    parts.name.decode(buf, offset);
    const nameBytes = parts.name.decode.bytes;
    if (offset + nameBytes + 10 > buf.length) throw new Error('record header runs past the end');
    const declared = nameBytes + 10 + buf.readUInt16BE(offset + nameBytes + 8);
    if (offset + declared > buf.length) throw new Error('RDATA runs past the end');
    parts.answer.decode(buf, offset);
    if (parts.answer.decode.bytes !== declared) throw new Error('RDLENGTH does not match RDATA');
    offset += declared;
  }
  if (offset > buf.length) throw new Error('message runs past the end');
}

/** Decodes a response; throws on malformed input (the caller turns that into temperror). */
export function decodeResponse(bytes: Uint8Array): WireResponse {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkFraming(buf);
  const decoded = packet.decode(buf);
  const flags = decoded.flags ?? 0;
  // dns-packet decodes the RCODE but its type declarations omit it.
  const rcode = (decoded as { rcode?: unknown }).rcode;
  return {
    id: decoded.id ?? -1,
    rcode: typeof rcode === 'string' ? rcode : 'NOERROR',
    authenticData: (flags & packet.AUTHENTIC_DATA) !== 0,
    truncated: (flags & packet.TRUNCATED_RESPONSE) !== 0,
    isResponse: decoded.type === 'response',
    questions: (decoded.questions ?? []).map((q) => ({
      name: q.name,
      type: q.type as RecordType,
    })),
    answers: (decoded.answers ?? []).map(toWireRecord),
    authorities: (decoded.authorities ?? []).map(toWireRecord),
  };
}

function toWireRecord(answer: packet.Answer): WireRecord {
  const ttl = 'ttl' in answer && typeof answer.ttl === 'number' ? answer.ttl : 0;
  const data = 'data' in answer ? answer.data : undefined;
  return { name: answer.name, type: answer.type, ttl, data };
}
