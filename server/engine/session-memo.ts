// The per-MX dedupe of issue 7: the SMTP/TLS session of one MX address does not depend on the
// mail domain, so it runs once per TTL through the service's shared host memo (memory, SQLite or
// Redis) and every domain on that MX reuses it. Certificate name matching, DANE, MTA-STS and the
// verdict are still computed per domain from the stored session.

import type { SessionRunner } from '../../lib/probe/probe-domain.ts';
import { decodeSession, encodeSession, sessionIncomplete } from '../../lib/probe/session-codec.ts';
import type { SessionOptions } from '../../lib/probe/smtp-session.ts';
import type { EngineContext } from '../core/engine-types.ts';

/** Everything that can change what the session sees; not the domain, not the deadline. */
export function sessionKey(options: SessionOptions): string {
  const unadvertised = options.tryUnadvertised ? '+hidden' : '';
  const sni = options.serverName ? `|sni=${options.serverName}` : '';
  return `${options.host}|${options.address}|${options.port}|${options.ehloName}${unadvertised}${sni}`;
}

export function memoSessions(context: Pick<EngineContext, 'probeHostOnce'>): SessionRunner {
  return async (options, connect) =>
    decodeSession(
      await context.probeHostOnce(
        sessionKey(options),
        async () => encodeSession(await connect(options)),
        sessionIncomplete,
      ),
    );
}
