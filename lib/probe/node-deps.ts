// Real dependencies for Node callers (CLI, service, tests, bench): DoH over undici, and in lab
// mode the lab CA as the only trust anchor and loopback addresses allowed.

import { createDohClient, DEFAULT_RESOLVERS } from '../dns/index.ts';
import { createUndiciTransport } from '../dns/node/undici-transport.ts';
import type { ProbeDeps } from './probe-domain.ts';

export interface NodeProbeOptions {
  /** DoH resolver URLs; default the built-in public resolvers. */
  resolvers?: readonly string[];
  /** Lab mode: trust only this CA (PEM) for DoH, MX and policy hosts, and allow loopback addresses. */
  labCaPem?: string;
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
  return {
    dns,
    lab,
    ...(lab && options.labCaPem ? { trustedRoots: [options.labCaPem] } : {}),
    close: () => undici.close(),
  };
}
