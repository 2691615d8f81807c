import type { Scenario } from '../catalogue-types.ts';
import type { ResolvedMx, ResolvedPolicy, ResolvedScenario } from '../lab-info.ts';

/** Fixed addresses of the lab's infrastructure. */
export const ADDR = {
  authoritative: '127.0.0.2',
  policyNginx: '127.0.0.3',
  resolver: '127.0.0.53',
  dohPort: 8443,
} as const;

/** Address pools: MX listeners, dedicated policy hosts, adversarial DoH endpoints. */
const POOLS = { mx: '127.0.1.', policy: '127.0.2.', doh: '127.0.3.' } as const;

class Allocator {
  readonly #used = new Set<string>();
  readonly #next = { mx: 1, policy: 1, doh: 1 };
  reserve(address: string | undefined): void {
    if (address) this.#used.add(address);
  }
  take(pool: keyof typeof POOLS): string {
    for (;;) {
      const address = `${POOLS[pool]}${this.#next[pool]++}`;
      if (this.#next[pool] > 254) throw new Error(`lab: address pool ${pool} exhausted`);
      if (!this.#used.has(address)) {
        this.#used.add(address);
        return address;
      }
    }
  }
}

const fqdn = (name: string, domain: string) =>
  name.endsWith('.') ? name.slice(0, -1) : name === '@' ? domain : `${name}.${domain}`;

/** Fills in addresses, host names and defaults, in catalogue order (stable across starts). */
export function resolveScenarios(scenarios: readonly Scenario[]): ResolvedScenario[] {
  const alloc = new Allocator();
  for (const s of scenarios) {
    for (const mx of s.mx ?? []) alloc.reserve(mx.address);
    alloc.reserve(s.policy?.address);
    alloc.reserve(s.doh?.address);
  }
  return scenarios.map((s) => {
    const mx: ResolvedMx[] = (s.mx ?? []).map((m) => ({
      ...m,
      hostname: fqdn(m.hostname, s.domain),
      address: m.address ?? alloc.take('mx'),
      port: 25,
      server: m.server ?? 'postfix',
      certificate: m.certificate ?? 'valid',
    }));
    const { policy: _p, doh: _d, mx: _m, ...rest } = s;
    const resolved: ResolvedScenario = { ...rest, mx };
    let policy: ResolvedPolicy | undefined;
    if (s.policy) {
      const server = s.policy.server ?? 'nginx';
      const hostname = fqdn(s.policy.hostname ?? 'mta-sts', s.domain);
      policy = {
        ...s.policy,
        server,
        hostname,
        address: s.policy.address ?? (server === 'nginx' ? ADDR.policyNginx : alloc.take('policy')),
        port: 443,
        certificate: s.policy.certificate ?? 'valid',
        url: `https://${hostname}/.well-known/mta-sts.txt`,
      };
    }
    const doh = s.doh
      ? (() => {
          const address = s.doh.address ?? alloc.take('doh');
          const port = s.doh.port ?? ADDR.dohPort;
          return { ...s.doh, address, port, url: `https://${address}:${port}/dns-query` };
        })()
      : undefined;
    return {
      ...resolved,
      ...(policy ? { policy } : {}),
      ...(doh ? { doh } : {}),
    };
  });
}
