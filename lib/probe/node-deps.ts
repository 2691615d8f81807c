// Real dependencies for Node callers (CLI, service, tests, bench): DoH over undici, the guarded
// CRL/OCSP fetcher, and in lab mode the lab CA as the only trust anchor and loopback allowed.

import { createDohClient, DEFAULT_RESOLVERS } from '../dns/index.ts';
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
}

export interface NodeProbeDeps extends ProbeDeps {
  close(): Promise<void>;
}

export function createNodeProbeDeps(options: NodeProbeOptions = {}): NodeProbeDeps {
  const lab = options.labCaPem !== undefined;
  const undici = createUndiciTransport(options.labCaPem ? { ca: options.labCaPem } : {});
  const dns = createDohClient({
    resolvers: options.resolvers ?? DEFAULT_RESOLVERS,
    transport: undici.transport,
  });
  const revocation =
    options.revocation === false
      ? null
      : createRevocationFetcher({
          dns,
          allowPrivateAddresses: lab,
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
