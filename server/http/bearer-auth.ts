// Optional bearer tokens: when any are configured, /v1 requires one. Compared in constant time
// over SHA-256 digests so neither content nor length leaks through timing.

import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function createTokenCheck(tokens: readonly string[]) {
  const digests = tokens.filter((t) => t.length > 0).map(digest);
  return {
    required: digests.length > 0,
    /** The token from an Authorization header, or null when missing or unknown. */
    verify(header: string | undefined): string | null {
      const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
      if (!match?.[1]) return null;
      const candidate = digest(match[1]);
      let ok = false;
      for (const known of digests) ok = timingSafeEqual(known, candidate) || ok;
      return ok ? match[1] : null;
    },
  };
}

/** A short stable id for a token, for rate-limit keys and logs (never the token itself). */
export const tokenId = (token: string) => digest(token).toString('hex').slice(0, 16);
