// Real dependencies for Node callers (CLI, service, tests, bench): DoH over undici, the guarded
// CRL/OCSP fetcher, and in lab mode the lab CA as the only trust anchor and loopback allowed.

import { parseAnchorText } from '../dns/dnssec/trust-anchor.ts';
import {
  createDohClient,
  createValidatingClient,
  DEFAULT_RESOLVERS,
  type DnssecMode,
  type ValidatingDohClient,
} from '../dns/index.ts';
import { createUndiciTransport } from '../dns/node/undici-transport.ts';
import type { ProbeDeps } from './probe-domain.ts';
import { createRevocationFetcher } from './revocation-fetch.ts';

export interface NodeProbeOptions {
  /** DoH resolver URLs; default the built-in public resolvers. */
  resolvers?: readonly string[];
  /** Lab mode: trust only this CA (PEM) for DoH, MX and policy hosts, and allow loopback addresses. */
  labCaPem?: string;
  /** Query OCSP responders and fetch CRLs (default on). */
  revocation?: boolean;
  /** DNSSEC: validate locally (default) or trust the resolver's AD flag (the fallback). */
  dnssec?: DnssecMode;
  /** Lab mode: the lab's DNSSEC trust anchor (DNSKEY or DS lines), instead of the root's. */
  labTrustAnchor?: string;
}

export interface NodeProbeDeps extends ProbeDeps {
  dns: ValidatingDohClient;
  close(): Promise<void>;
}

export function createNodeProbeDeps(options: NodeProbeOptions = {}): NodeProbeDeps {
  const lab = options.labCaPem !== undefined;
  const undici = createUndiciTransport(options.labCaPem ? { ca: options.labCaPem } : {});
  const anchor = options.labTrustAnchor ? parseAnchorText(options.labTrustAnchor) : undefined;
  const dns = createValidatingClient(
    createDohClient({
      resolvers: options.resolvers ?? DEFAULT_RESOLVERS,
      transport: undici.transport,
    }),
    { mode: options.dnssec ?? 'local', ...(anchor ? { anchor } : {}) },
  );
  const revocation =
    options.revocation === false
      ? null
      : createRevocationFetcher({
          dns,
          allowLoopback: lab,
          ...(options.labCaPem ? { ca: [options.labCaPem] } : {}),
        });
  return {
    dns,
    lab,
    ...(lab && options.labCaPem ? { trustedRoots: [options.labCaPem] } : {}),
    ...(revocation ? { fetchBytes: revocation.fetchBytes } : {}),
    close: async () => {
      await undici.close();
      await revocation?.close();
    },
  };
}
