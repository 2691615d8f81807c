import type { ResolvedScenario } from '../lab-info.ts';
import { type IssuedCert, tlsaData } from './ca.ts';
import { ADDR } from './resolve.ts';

const SOA = '@ 300 IN SOA ns.lab. hostmaster.lab. 1 3600 600 86400 300';

/**
 * Expands {{addr:ID}} (an MX id, policy, doh or nginx) and {{tlsa:ID:U S M}} in a scenario's
 * records; {{tlsa:ID:2 S M:root}} names the lab root, which no server sends (DANE-TA from DNS).
 */
export function expandRecords(
  scenario: ResolvedScenario,
  certFor: (id: string) => IssuedCert,
): string[] {
  const addressOf = (id: string): string => {
    if (id === 'policy' && scenario.policy) return scenario.policy.address;
    if (id === 'doh' && scenario.doh) return scenario.doh.address;
    if (id === 'nginx') return ADDR.policyNginx; // the shared policy host address
    const mx = scenario.mx.find((m) => m.id === id);
    if (!mx) throw new Error(`lab: ${scenario.name}: no address for "${id}"`);
    return mx.address;
  };
  return scenario.records.map((line) =>
    line
      .replace(/\{\{addr:([a-z0-9-]+)\}\}/g, (_, id: string) => addressOf(id))
      .replace(
        /\{\{tlsa:([a-z0-9-]+):(\d) (\d) (\d)(:root)?\}\}/g,
        (_, id: string, u, s, m, root?: string) =>
          tlsaData(certFor(id), Number(u), Number(s), Number(m), root ? 'root' : 'issuer'),
      ),
  );
}

/** A scenario's own zone: SOA and NS are added, the records follow. */
export function scenarioZone(domain: string, records: readonly string[]): string {
  return [`$ORIGIN ${domain}.`, '$TTL 300', SOA, '@ IN NS ns.lab.', ...records, ''].join('\n');
}

/** The `lab` TLD zone: infrastructure names plus one delegation (and DS when secure) per scenario. */
export function labZone(
  scenarios: readonly ResolvedScenario[],
  dsFor: (s: ResolvedScenario) => readonly string[],
): string {
  const lines = [
    '$ORIGIN lab.',
    '$TTL 300',
    SOA,
    '@ IN NS ns.lab.',
    `ns IN A ${ADDR.authoritative}`,
    `doh IN A ${ADDR.resolver}`,
  ];
  for (const s of scenarios) {
    const label = s.domain.slice(0, -'.lab'.length);
    lines.push(`${label} IN NS ns.lab.`);
    for (const ds of dsFor(s)) lines.push(`${label} IN DS ${ds}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Turns a DS digest into a different valid-looking one (for bogus-ds). */
export function breakDs(ds: string): string {
  const parts = ds.trim().split(/\s+/);
  const digest = parts.pop() ?? '';
  const flipped = digest.replace(/^./, (c) => (c.toLowerCase() === '0' ? '1' : '0'));
  return [...parts, flipped].join(' ');
}
