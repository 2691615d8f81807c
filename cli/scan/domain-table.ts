// A scan's domain list in compact form, so a coordinator's memory stays small at millions of
// domains: every name's UTF-8 bytes in one buffer, their offsets in a typed array, and an
// open-addressing hash index (also typed) from name to position. About 30 bytes per name instead
// of a JavaScript string in an array and a Set (≈ 0.5 KB per domain measured before).

const EMPTY = -1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface DomainTable {
  /** Names held. */
  readonly size: number;
  /** Adds a name unless it is there already; returns its position either way. */
  add(name: string): number;
  /** The position of a name, or -1. */
  indexOf(name: string): number;
  nameAt(index: number): string;
}

/** FNV-1a over the bytes: cheap and spreads domain names well. */
function hashBytes(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

function grown<T extends Uint8Array | Uint32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(
    // By half again, not double: less slack at millions of names, still few copies.
    Math.max(needed, Math.ceil(array.length * 1.5)),
  );
  bigger.set(array);
  return bigger;
}

/** Encodes into one scratch buffer: no allocation per name looked up (a long name gets its own). */
function encoderWithScratch(): (name: string) => Uint8Array {
  const scratch = new Uint8Array(1024);
  return (name) => {
    const { read, written } = encoder.encodeInto(name, scratch);
    return read === name.length ? scratch.subarray(0, written) : encoder.encode(name);
  };
}

export function createDomainTable(): DomainTable {
  const encode = encoderWithScratch();
  let bytes = new Uint8Array(1 << 16);
  let used = 0;
  /** offsets[i] .. offsets[i + 1] are name i's bytes. */
  let offsets = new Uint32Array(1 << 12);
  let size = 0;
  let slots = new Int32Array(1 << 13).fill(EMPTY);

  const bytesAt = (index: number) => bytes.subarray(offsets[index], offsets[index + 1]);
  const sameBytes = (index: number, name: Uint8Array) => {
    const stored = bytesAt(index);
    if (stored.length !== name.length) return false;
    for (let i = 0; i < name.length; i++) if (stored[i] !== name[i]) return false;
    return true;
  };
  /** The slot holding this name, or the empty slot where it would go. */
  const slotOf = (name: Uint8Array, hash: number) => {
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const index = slots[slot] ?? EMPTY;
      if (index === EMPTY || sameBytes(index, name)) return slot;
      slot = (slot + 1) & mask;
    }
  };
  const rehash = () => {
    slots = new Int32Array(slots.length * 2).fill(EMPTY);
    for (let index = 0; index < size; index++)
      slots[slotOf(bytesAt(index), hashBytes(bytesAt(index)))] = index;
  };

  return {
    get size() {
      return size;
    },
    add(name) {
      const encoded = encode(name);
      const slot = slotOf(encoded, hashBytes(encoded));
      const existing = slots[slot] ?? EMPTY;
      if (existing !== EMPTY) return existing;
      bytes = grown(bytes, used + encoded.length);
      bytes.set(encoded, used);
      used += encoded.length;
      offsets = grown(offsets, size + 2);
      offsets[size + 1] = used;
      slots[slot] = size;
      size++;
      // Keep the index at most three quarters full, so probes stay short.
      if (size * 4 > slots.length * 3) rehash();
      return size - 1;
    },
    indexOf(name) {
      const encoded = encode(name);
      return slots[slotOf(encoded, hashBytes(encoded))] ?? EMPTY;
    },
    nameAt(index) {
      if (index < 0 || index >= size) throw new RangeError(`no domain at ${index}`);
      return decoder.decode(bytesAt(index));
    },
  };
}
