// A short, stable fingerprint for values the profile must recognise again but never keep in
// the clear (a handoff's identity, a DKIM key). WebCrypto, so the same code runs in the
// extension and in Node.

/** The first 16 hex digits (64 bits) of SHA-256 over the UTF-8 text. */
export async function shortHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let hex = '';
  for (const byte of new Uint8Array(digest).subarray(0, 8))
    hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The fingerprint of a DKIM key record: the hash of its `p=` value with white space removed
 * (RFC 6376 §3.6.1), so reordered tags or re-folded text are the same key. A record without a
 * readable `p=` is hashed whole, white space removed.
 */
export async function dkimKeyFingerprint(record: string): Promise<string> {
  const compact = record.replace(/\s+/g, '');
  const p = /(?:^|;)p=([^;]*)/i.exec(compact);
  return shortHash(p?.[1] ?? compact);
}
