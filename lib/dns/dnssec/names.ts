// Domain names as label arrays (raw bytes, case kept), with the canonical ordering and the
// canonical wire form of RFC 4034 §6.1–6.2. Labels stay binary because canonical order compares
// octets, and a name like "\200.z.example" must sort after "*.z.example".

export type Name = readonly Uint8Array[];

export const ROOT: Name = [];

const lowerByte = (b: number) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b);

export function lowerLabel(label: Uint8Array): Uint8Array {
  const out = new Uint8Array(label.length);
  for (let i = 0; i < label.length; i++) out[i] = lowerByte(label[i] ?? 0);
  return out;
}

/** Canonical octet comparison of two labels, case folded (RFC 4034 §6.1). */
function compareLabels(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = lowerByte(a[i] ?? 0) - lowerByte(b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** RFC 4034 §6.1: compare from the rightmost label; a name sorts before its descendants. */
export function compareNames(a: Name, b: Name): number {
  for (let i = 1; i <= Math.min(a.length, b.length); i++) {
    const d = compareLabels(a[a.length - i] as Uint8Array, b[b.length - i] as Uint8Array);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export const nameEquals = (a: Name, b: Name) => a.length === b.length && compareNames(a, b) === 0;

/** True when `child` is `ancestor` or below it. */
export function isSubdomain(child: Name, ancestor: Name): boolean {
  if (child.length < ancestor.length) return false;
  const tail = child.slice(child.length - ancestor.length);
  return compareNames(tail, ancestor) === 0;
}

/** The last `count` labels (count ≥ 0). */
export const suffix = (name: Name, count: number): Name =>
  count <= 0 ? ROOT : name.slice(Math.max(0, name.length - count));

export const parentOf = (name: Name): Name => name.slice(1);

const STAR = new Uint8Array([0x2a]);
export const wildcardOf = (name: Name): Name => [STAR, ...name];
export const isWildcard = (name: Name) =>
  name.length > 0 && compareLabels(name[0] as Uint8Array, STAR) === 0;

/** Uncompressed wire form, optionally lowercased (the canonical form of §6.2). */
export function nameToWire(name: Name, lower = true): Uint8Array {
  let size = 1;
  for (const label of name) size += label.length + 1;
  const out = new Uint8Array(size);
  let at = 0;
  for (const label of name) {
    out[at++] = label.length;
    out.set(lower ? lowerLabel(label) : label, at);
    at += label.length;
  }
  out[at] = 0;
  return out;
}

const PLAIN = /[A-Za-z0-9_*-]/;

/** Presentation form, lowercase, with a trailing dot ("." for the root); odd bytes as \DDD. */
export function nameToString(name: Name): string {
  if (name.length === 0) return '.';
  let out = '';
  for (const label of name) {
    for (const byte of lowerLabel(label)) {
      const ch = String.fromCharCode(byte);
      out += PLAIN.test(ch) ? ch : `\\${byte.toString().padStart(3, '0')}`;
    }
    out += '.';
  }
  return out;
}

/** Parses presentation form ("mx.example.com", trailing dot optional, \DDD and \X escapes). */
export function parseName(text: string): Name {
  const labels: Uint8Array[] = [];
  let current: number[] = [];
  const trimmed = text.trim();
  if (trimmed === '.' || trimmed === '') return ROOT;
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i] as string;
    if (ch === '\\') {
      const digits = trimmed.slice(i + 1, i + 4);
      if (/^\d{3}$/.test(digits)) {
        current.push(Number(digits) & 0xff);
        i += 3;
      } else {
        current.push(trimmed.charCodeAt(i + 1) & 0xff);
        i += 1;
      }
    } else if (ch === '.') {
      labels.push(Uint8Array.from(current));
      current = [];
    } else current.push(ch.charCodeAt(0) & 0xff);
  }
  if (current.length > 0) labels.push(Uint8Array.from(current));
  if (labels.some((l) => l.length === 0 || l.length > 63)) throw new Error(`bad name ${text}`);
  return labels;
}
