// A SessionResult as plain JSON (certificates as base64 DER), so a cache shared across domains,
// processes and machines can hold the one SMTP session of an MX address.

import type { SessionResult } from './smtp-session.ts';
import type { TlsCapture } from './tls-capture.ts';

export type StoredSession = Omit<SessionResult, 'tls'> & {
  tls: (Omit<TlsCapture, 'chain'> & { chain: string[] }) | null;
};

export function encodeSession(session: SessionResult): StoredSession {
  const { tls, ...rest } = session;
  return {
    ...rest,
    tls: tls
      ? { ...tls, chain: tls.chain.map((der) => Buffer.from(der).toString('base64')) }
      : null,
  };
}

export function decodeSession(stored: StoredSession): SessionResult {
  const { tls, ...rest } = stored;
  return {
    ...rest,
    tls: tls
      ? { ...tls, chain: tls.chain.map((b64) => new Uint8Array(Buffer.from(b64, 'base64'))) }
      : null,
  };
}

/** Sessions that did not get to a clear answer are kept for less time (cut off, timed out). */
export function sessionIncomplete(session: SessionResult | StoredSession): boolean {
  return session.cutOff !== null && session.cutOff.reason !== 'address-not-public';
}
