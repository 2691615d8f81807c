// DNSSEC signature and digest algorithms through WebCrypto, which the extension's service worker
// and Node 24 both provide, so the same code verifies in either.
//
// Supported (RFC 8624 §3.1, "MUST"/"RECOMMENDED" for validation): 8 RSA/SHA-256, 10 RSA/SHA-512,
// 13 ECDSA P-256/SHA-256, 14 ECDSA P-384/SHA-384, 15 Ed25519. RSA/SHA-1 (5, and 7 its NSEC3
// alias) is validated too: RFC 8624 keeps validation a MUST and RFC 9905 forbids only creating
// such signatures, and the reference validators (delv, unbound) still validate it, so a zone
// signed with it is secure for their users; the trace marks it weak. Ed448 (16) and the
// retired algorithms are unsupported here (no WebCrypto in browsers), which makes a zone signed
// only with them insecure, never bogus (RFC 6840 §5.2).
import type { Dnskey } from './records.ts';

interface SignatureAlgorithm {
  name: string;
  weak?: true;
  importKey(publicKey: Uint8Array): Promise<CryptoKey | undefined>;
  verifyParams: AlgorithmIdentifier | EcdsaParams;
}

const subtle = () => globalThis.crypto.subtle;

function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** RFC 3110 §2: exponent length (1 octet, or 0 then 2 octets), exponent, modulus. */
function rsaJwk(key: Uint8Array): JsonWebKey | undefined {
  if (key.length < 3) return undefined;
  let at = 1;
  let expLength = key[0] as number;
  if (expLength === 0) {
    expLength = ((key[1] as number) << 8) | (key[2] as number);
    at = 3;
  }
  const modulus = key.slice(at + expLength);
  if (expLength === 0 || modulus.length < 64 || modulus.length > 512) return undefined;
  return {
    kty: 'RSA',
    e: base64Url(key.slice(at, at + expLength)),
    n: base64Url(modulus),
    ext: true,
  };
}

function rsa(hash: string, name: string, weak = false): SignatureAlgorithm {
  return {
    name,
    ...(weak ? { weak: true as const } : {}),
    verifyParams: { name: 'RSASSA-PKCS1-v1_5' },
    async importKey(publicKey) {
      const jwk = rsaJwk(publicKey);
      if (!jwk) return undefined;
      return subtle().importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
    },
  };
}

/** RFC 6605 §4: the key is x‖y, the signature r‖s, each half the curve size. */
function ecdsa(
  curve: 'P-256' | 'P-384',
  hash: string,
  size: number,
  name: string,
): SignatureAlgorithm {
  return {
    name,
    verifyParams: { name: 'ECDSA', hash },
    async importKey(publicKey) {
      if (publicKey.length !== size * 2) return undefined;
      const raw = new Uint8Array(1 + size * 2);
      raw[0] = 4;
      raw.set(publicKey, 1);
      return subtle().importKey('raw', raw, { name: 'ECDSA', namedCurve: curve }, false, [
        'verify',
      ]);
    },
  };
}

const ed25519: SignatureAlgorithm = {
  name: 'ED25519',
  verifyParams: { name: 'Ed25519' },
  async importKey(publicKey) {
    if (publicKey.length !== 32) return undefined;
    return subtle().importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, [
      'verify',
    ]);
  },
};

const ALGORITHMS: Record<number, SignatureAlgorithm> = {
  5: rsa('SHA-1', 'RSASHA1', true),
  7: rsa('SHA-1', 'RSASHA1-NSEC3-SHA1', true),
  8: rsa('SHA-256', 'RSASHA256'),
  10: rsa('SHA-512', 'RSASHA512'),
  13: ecdsa('P-256', 'SHA-256', 32, 'ECDSAP256SHA256'),
  14: ecdsa('P-384', 'SHA-384', 48, 'ECDSAP384SHA384'),
  15: ed25519,
};

export const isSupportedAlgorithm = (algorithm: number) => Object.hasOwn(ALGORITHMS, algorithm);
export const isWeakAlgorithm = (algorithm: number) => ALGORITHMS[algorithm]?.weak === true;
export const algorithmName = (algorithm: number) =>
  ALGORITHMS[algorithm]?.name ?? `algorithm ${algorithm}`;

const keyCache = new WeakMap<Uint8Array, Promise<CryptoKey | undefined>>();

/**
 * Verifies one signature; false for a key WebCrypto refuses (never throws on bad input). Repeats
 * are answered by the validator's SignatureMemo (signature-memo.ts), not here.
 */
export async function verifySignature(
  key: Dnskey,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const algorithm = ALGORITHMS[key.algorithm];
  if (!algorithm) return false;
  let imported = keyCache.get(key.rdata);
  if (!imported) {
    imported = algorithm.importKey(key.publicKey).catch(() => undefined);
    keyCache.set(key.rdata, imported);
  }
  const cryptoKey = await imported;
  if (!cryptoKey) return false;
  try {
    return await subtle().verify(
      algorithm.verifyParams,
      cryptoKey,
      signature as BufferSource,
      data as BufferSource,
    );
  } catch {
    return false;
  }
}

/** DS digest types (RFC 4509 SHA-256, RFC 6605 SHA-384; SHA-1 per RFC 4034 §5.1.4). */
const DIGESTS: Record<number, string> = { 1: 'SHA-1', 2: 'SHA-256', 4: 'SHA-384' };

export const isSupportedDigest = (digestType: number) => Object.hasOwn(DIGESTS, digestType);

export async function digest(
  digestType: number,
  data: Uint8Array,
): Promise<Uint8Array | undefined> {
  const hash = DIGESTS[digestType];
  if (!hash) return undefined;
  return new Uint8Array(await subtle().digest(hash, data as BufferSource));
}

export const sha1 = async (data: Uint8Array) =>
  new Uint8Array(await subtle().digest('SHA-1', data as BufferSource));
