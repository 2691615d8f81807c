// The background's DNS clients: one validating DoH client per resolver, DNSSEC mode and lab
// anchor, kept for the service worker's life so validated root and TLD keys are reused across
// domains (a warm validation costs no extra round trip). "Clear cache" drops them all.

import { parseAnchorText } from '../dns/dnssec/trust-anchor.ts';
import {
  createDohClient,
  createFetchTransport,
  createValidatingClient,
  type ValidatingDohClient,
} from '../dns/index.ts';
import { resolverUrl } from '../dns/resolvers.ts';
import type { Settings } from '../settings/settings.ts';

export interface DnsClients {
  /** The client for these settings, made on first use. */
  for(settings: Settings): ValidatingDohClient;
  /** Forgets every client with its cached answers and validated keys. */
  clear(): void;
}

export function createDnsClients(deps: { fetch: typeof fetch; now: () => number }): DnsClients {
  const clients = new Map<string, ValidatingDohClient>();
  function make(url: string, settings: Settings, labAnchor: string | undefined) {
    const inner = createDohClient({
      resolvers: [url],
      transport: createFetchTransport(deps.fetch),
    });
    const anchor = labAnchor ? parseAnchorText(labAnchor) : undefined;
    return createValidatingClient(inner, {
      mode: settings.dnssecValidation,
      now: deps.now,
      ...(anchor ? { anchor } : {}),
    });
  }
  return {
    for(settings) {
      const url = resolverUrl(settings);
      // Lab mode validates from the lab's anchor (its signed TLD), never outside it.
      const labAnchor = settings.labMode ? settings.labTrustAnchor : undefined;
      const key = `${settings.dnssecValidation}|${url}|${labAnchor ?? ''}`;
      let client = clients.get(key);
      if (!client) {
        client = make(url, settings, labAnchor);
        clients.set(key, client);
      }
      return client;
    },
    clear: () => clients.clear(),
  };
}
