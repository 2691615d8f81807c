// What a completed handshake tells us: protocol, cipher, key exchange and the chain as sent.

import type { TLSSocket } from 'node:tls';

export interface TlsCapture {
  version: string | null;
  /** IANA name when OpenSSL knows it, else the OpenSSL name. */
  cipher: string | null;
  opensslCipher: string | null;
  group: string | null;
  forwardSecrecy: boolean | null;
  /** DER of each certificate as sent, leaf first. */
  chain: Uint8Array[];
}

/** Walks Node's detailed peer certificate, which links each certificate to its issuer. */
function peerChain(socket: TLSSocket, maxLength: number): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let cert = socket.getPeerCertificate(true);
  while (cert?.raw && chain.length < maxLength) {
    const key = cert.fingerprint256;
    if (seen.has(key)) break; // a self-signed certificate is its own issuer
    seen.add(key);
    chain.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

function forwardSecrecy(version: string | null, cipher: string | null, group: string | null) {
  if (version === 'TLSv1.3') return true;
  if (!cipher) return null;
  if (/(^|_)(ECDHE|DHE)_/.test(cipher) || /^(ECDHE|DHE|EDH)-/.test(cipher)) return true;
  return group !== null && /DH/.test(group);
}

export function captureTls(socket: TLSSocket, maxChainLength: number): TlsCapture {
  const version = socket.getProtocol() ?? null;
  const cipherInfo = socket.getCipher();
  const opensslCipher = cipherInfo?.name ?? null;
  const cipher = cipherInfo?.standardName ?? opensslCipher;
  const ephemeral = socket.getEphemeralKeyInfo();
  let group: string | null = null;
  if (ephemeral && typeof ephemeral === 'object' && 'type' in ephemeral) {
    const info = ephemeral as { type?: string; name?: string; size?: number };
    group = info.name ?? (info.type && info.size ? `${info.type} ${info.size}` : null);
  }
  return {
    version,
    cipher,
    opensslCipher,
    group,
    forwardSecrecy: forwardSecrecy(version, cipher, group),
    chain: peerChain(socket, maxChainLength),
  };
}
