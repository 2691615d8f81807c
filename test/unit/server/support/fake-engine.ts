// An in-process engine for service tests: a fixed MX table, every MX host probed through the
// service's memo, every address through the guard and the per-address lock. It counts what a
// real engine would do on the wire, without a network.

import type { AssessEngine, EngineResult } from '../../../../server/core/engine-types.ts';

export interface FakeWorld {
  /** domain → MX host names */
  mx: Record<string, string[]>;
  /** MX host → addresses */
  addresses: Record<string, string[]>;
}

export interface FakeEngineStats {
  runs: string[];
  hostProbes: string[];
  connections: string[];
  refused: Array<{ address: string; reason: string }>;
  maxParallelPerAddress: number;
}

export function createFakeEngine(
  world: FakeWorld,
  options: {
    delayMs?: number;
    incomplete?: (domain: string) => boolean;
    fail?: (domain: string) => boolean;
  } = {},
): { engine: AssessEngine; stats: FakeEngineStats } {
  const stats: FakeEngineStats = {
    runs: [],
    hostProbes: [],
    connections: [],
    refused: [],
    maxParallelPerAddress: 0,
  };
  const open = new Map<string, number>();
  const delay = () => new Promise((r) => setTimeout(r, options.delayMs ?? 0));

  const engine: AssessEngine = async (domain, context) => {
    stats.runs.push(domain);
    if (options.fail?.(domain)) throw new Error(`engine exploded on ${domain}`);
    const hosts = world.mx[domain] ?? [];
    const perHost = await Promise.all(
      hosts.map((host) =>
        context.probeHostOnce(host, async () => {
          stats.hostProbes.push(host);
          const results: Array<{ address: string; status: string }> = [];
          for (const address of world.addresses[host] ?? []) {
            const refusal = context.guard(address);
            if (refusal) {
              stats.refused.push({ address, reason: refusal });
              results.push({ address, status: `refused:${refusal}` });
              continue;
            }
            await context.withAddressLock(address, async () => {
              const now = (open.get(address) ?? 0) + 1;
              open.set(address, now);
              stats.maxParallelPerAddress = Math.max(stats.maxParallelPerAddress, now);
              stats.connections.push(address);
              await delay();
              open.set(address, now - 1);
            });
            results.push({ address, status: 'pass' });
          }
          return { host, results };
        }),
      ),
    );
    const result: EngineResult = {
      probe: null,
      dns: { mx: hosts, hosts: perHost },
      scores: null,
      resolver: 'https://resolver.test/dns-query',
      problems: [],
      incomplete: options.incomplete?.(domain) ?? false,
    };
    return result;
  };
  return { engine, stats };
}
