// N mail domains that share one real lab MX host, as Google's MX is shared by many domains:
// the lab resolver answers everything, except that the MX of each alias domain points at
// mx1.allgood.lab (the alias names themselves do not exist in the signed lab zone). The SMTP
// transport is the real one, wrapped to count TCP connections per address.

import { createDohClient } from '../../../lib/dns/index.ts';
import { createUndiciTransport } from '../../../lib/dns/node/undici-transport.ts';
import type { DnsAnswer, DnsClient, RecordType } from '../../../lib/dns/types.ts';
import { nodeTransport, type ProbeTransport } from '../../../lib/probe/transport.ts';
import { createRealEngine } from '../../../server/engine/real-engine.ts';
import { findScenario, type LabInfo } from '../../lab/lab-info.ts';

export const SHARED_MX = 'mx1.allgood.lab';

export function aliasDomains(count: number, tag: string): string[] {
  return Array.from({ length: count }, (_, i) => `dedupe-${tag}-${i + 1}.allgood.lab`);
}

export function sharedMxAddress(lab: LabInfo): string {
  const mx = findScenario(lab, 'allgood').mx[0];
  if (!mx) throw new Error('allgood has no MX');
  return mx.address;
}

function aliasDns(inner: DnsClient, isAlias: (name: string) => boolean): DnsClient {
  return {
    async query<T extends RecordType>(name: string, type: T, options?: object) {
      const answer = await inner.query(name, type, options);
      if (type !== 'MX' || !isAlias(name)) return answer;
      const mx = {
        ...answer,
        status: 'noerror',
        records: [{ preference: 10, exchange: SHARED_MX }],
        authenticData: false, // an alias zone of our making is not DNSSEC-signed
      } as DnsAnswer<'MX'>;
      return mx as unknown as DnsAnswer<T>;
    },
  };
}

export interface ConnectionCounter {
  transport: ProbeTransport;
  /** TCP connections opened per address. */
  connects: Map<string, number>;
}

export function countingTransport(inner: ProbeTransport = nodeTransport): ConnectionCounter {
  const connects = new Map<string, number>();
  return {
    connects,
    transport: {
      connect(address, port, timeoutMs) {
        connects.set(address, (connects.get(address) ?? 0) + 1);
        return inner.connect(address, port, timeoutMs);
      },
      startTls: (socket, serverName, timeoutMs) => inner.startTls(socket, serverName, timeoutMs),
    },
  };
}

/** The real engine on the lab, with the alias MX records and a connection counter. */
export function sharedMxEngine(lab: LabInfo, aliases: readonly string[]) {
  const undici = createUndiciTransport({ ca: lab.caCertPem });
  const doh = createDohClient({ resolvers: [lab.dohUrl], transport: undici.transport });
  const set = new Set(aliases);
  const counter = countingTransport();
  const dns = aliasDns(doh, (name) => set.has(name));
  const engine = createRealEngine({
    dns,
    extraRoots: [lab.caCertPem],
    transport: counter.transport,
  });
  // The same world for a bare probeDomain (no service, so no memo).
  const probeDeps = { dns, transport: counter.transport, trustedRoots: [lab.caCertPem] };
  return { engine, probeDeps, connects: counter.connects, close: () => undici.close() };
}
