// Converts dns-packet's decoded RDATA into the shapes of RecordDataByType.
import type { RecordDataByType, RecordType } from './types.ts';
import type { WireRecord } from './wire.ts';

interface BytesLike {
  length: number;
  [index: number]: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function toHex(bytes: BytesLike): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return out;
}

function toBase64(bytes: BytesLike): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] ?? 0);
  return btoa(binary);
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isBytes(value)) return utf8.decode(value);
  return '';
}

function lowerName(value: unknown): string {
  return text(value).toLowerCase().replace(/\.$/, '');
}

type Obj = Record<string, unknown>;

function num(o: Obj, key: string): number {
  const v = o[key];
  return typeof v === 'number' ? v : 0;
}

/** Returns the parsed record, or undefined when the RDATA is not of the expected shape. */
export function toRecordData<T extends RecordType>(
  type: T,
  record: WireRecord,
): RecordDataByType[T] | undefined {
  const d = record.data;
  const o = (typeof d === 'object' && d !== null ? d : {}) as Obj;
  let value: RecordDataByType[RecordType] | undefined;
  switch (type) {
    case 'A':
    case 'AAAA':
      value = typeof d === 'string' ? d : undefined;
      break;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      value = typeof d === 'string' ? lowerName(d) : undefined;
      break;
    case 'TXT':
      // RFC 7208 §3.3: character-strings are concatenated without separators.
      value = Array.isArray(d) ? d.map(text).join('') : text(d);
      break;
    case 'MX':
      value = { preference: num(o, 'preference'), exchange: lowerName(o.exchange) };
      break;
    case 'TLSA':
      value = {
        usage: num(o, 'usage'),
        selector: num(o, 'selector'),
        matchingType: num(o, 'matchingType'),
        data: isBytes(o.certificate) ? toHex(o.certificate) : '',
      };
      break;
    case 'DS':
      value = {
        keyTag: num(o, 'keyTag'),
        algorithm: num(o, 'algorithm'),
        digestType: num(o, 'digestType'),
        digest: isBytes(o.digest) ? toHex(o.digest) : '',
      };
      break;
    case 'DNSKEY':
      value = {
        flags: num(o, 'flags'),
        algorithm: num(o, 'algorithm'),
        key: isBytes(o.key) ? toBase64(o.key) : '',
      };
      break;
    case 'SOA':
      value = {
        mname: lowerName(o.mname),
        rname: lowerName(o.rname),
        serial: num(o, 'serial'),
        minimum: num(o, 'minimum'),
      };
      break;
  }
  return value as RecordDataByType[T] | undefined;
}
