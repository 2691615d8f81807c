// The MX hosts of the population: a few large providers (as Google and Microsoft host most real
// domains) and a tail of self-hosted servers, each a real lab Postfix listener with its own
// certificate, some with DANE. They are lab scenarios (signed zones), loaded like any other.

import type { CertProfile } from '../catalogue-types.ts';

export interface MxTarget {
  /** Fully qualified MX host name. */
  host: string;
  starttls: boolean;
  certificate: CertProfile;
  /** A DANE-EE TLSA record matching the certificate (in a signed zone). */
  tlsa: boolean;
  /** Fixed listener address, outside the lab's allocation pools. */
  address: string;
}

const target = (
  host: string,
  address: string,
  options: Partial<Pick<MxTarget, 'starttls' | 'certificate' | 'tlsa'>> = {},
): MxTarget => ({
  host,
  address,
  starttls: options.starttls ?? true,
  certificate: options.certificate ?? 'valid',
  tlsa: options.tlsa ?? false,
});

/** Large providers without DANE (weights: share of the domains that do not use DANE). */
export const PLAIN_PROVIDERS: Array<{ target: MxTarget; weight: number }> = [
  { target: target('mx1.pmxa.lab', '127.0.5.1'), weight: 0.45 },
  { target: target('mx2.pmxa.lab', '127.0.5.2'), weight: 0.05 },
  { target: target('mx1.pmxe.lab', '127.0.5.3'), weight: 0.2 },
];

/** Self-hosted tail (the remaining 30% of non-DANE domains), with its classic mistakes. */
export const TAIL: Array<{ target: MxTarget; weight: number }> = [
  { target: target('h1.ptail.lab', '127.0.5.11'), weight: 0.35 },
  { target: target('h2.ptail.lab', '127.0.5.12'), weight: 0.35 },
  // The 2.4% without STARTTLS (MECSA): 0.1 × 0.3 × 82.4% non-DANE domains ≈ 2.5%.
  { target: target('h3.ptail.lab', '127.0.5.13', { starttls: false }), weight: 0.1 },
  { target: target('h4.ptail.lab', '127.0.5.14', { certificate: 'self-signed' }), weight: 0.1 },
  { target: target('h5.ptail.lab', '127.0.5.15', { certificate: 'expired' }), weight: 0.1 },
];
export const TAIL_SHARE = 0.3;

/** MX hosts with DANE: what signed domains mostly use (MECSA: DANE 17.6% of 23.23% signed). */
export const DANE_PROVIDERS: Array<{ target: MxTarget; weight: number }> = [
  { target: target('mx1.pmxb.lab', '127.0.5.21', { tlsa: true }), weight: 0.45 },
  { target: target('mx1.pmxc.lab', '127.0.5.22', { tlsa: true }), weight: 0.35 },
  { target: target('h6.ptail.lab', '127.0.5.16', { tlsa: true }), weight: 0.2 },
];

export const ALL_TARGETS: MxTarget[] = [...PLAIN_PROVIDERS, ...TAIL, ...DANE_PROVIDERS].map(
  (t) => t.target,
);

/** One signed lab scenario per provider zone, holding its MX listeners and TLSA records. */
export function providerScenarios(): object[] {
  const zones = new Map<string, MxTarget[]>();
  for (const t of ALL_TARGETS) {
    const zone = t.host.split('.').slice(1).join('.');
    zones.set(zone, [...(zones.get(zone) ?? []), t]);
  }
  return [...zones].map(([domain, targets]) => {
    const id = (t: MxTarget) => t.host.split('.')[0] ?? 'mx';
    return {
      name: domain.replace(/\.lab$/, ''),
      domain,
      group: 'good',
      description: `Population MX provider ${domain} (test/lab/population).`,
      dnssec: 'signed',
      records: targets.flatMap((t) => [
        `${id(t)} A {{addr:${id(t)}}}`,
        ...(t.tlsa ? [`_25._tcp.${id(t)} TLSA {{tlsa:${id(t)}:3 1 1}}`] : []),
      ]),
      expect: {},
      mx: targets.map((t) => ({
        id: id(t),
        hostname: id(t),
        address: t.address,
        certificate: t.certificate,
        ...(t.starttls ? {} : { tls: { starttls: false } }),
      })),
    };
  });
}
