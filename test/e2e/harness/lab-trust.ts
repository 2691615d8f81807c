// Chromium's test-only trust for the lab: --ignore-certificate-errors-spki-list with the SPKI
// hashes of the certificates the lab's DoH server presents (its leaf and issuing CA) and of the
// lab root. The root alone is not enough: the server does not send it, so Chromium never sees it.

import { createHash, X509Certificate } from 'node:crypto';
import { connect, type DetailedPeerCertificate } from 'node:tls';

const spkiHash = (der: Buffer) =>
  createHash('sha256')
    .update(new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');

function presentedChain(url: string): Promise<Buffer[]> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    // Reading the chain only, to hash it: nothing is sent over this connection.
    const socket = connect(
      { host: hostname, port: Number(port || 443), rejectUnauthorized: false },
      () => {
        const chain: Buffer[] = [];
        let cert = socket.getPeerCertificate(true) as DetailedPeerCertificate | undefined;
        while (cert?.raw && !chain.some((c) => c.equals(cert?.raw as Buffer))) {
          chain.push(cert.raw);
          cert = cert.issuerCertificate;
        }
        socket.end();
        resolve(chain);
      },
    );
    socket.once('error', reject);
  });
}

export async function labSpkiList(dohUrl: string, rootSpki: string): Promise<string> {
  const hashes = new Set([rootSpki, ...(await presentedChain(dohUrl)).map(spkiHash)]);
  return [...hashes].join(',');
}
