// The DoH questions a cold bench message (allgood.lab to daneta.lab) asks in its first round,
// as the extension sends them: what bench:ext's wave diagnostic and bench/doh-wave-diag.ts ask
// at once to see what one wave costs through the latency proxy.

export interface DohQuestion {
  name: string;
  type: string;
}

export const FIRST_ROUND: DohQuestion[] = [
  { name: 'lab', type: 'DNSKEY' },
  { name: 's1._domainkey.allgood.lab', type: 'TXT' },
  ...['allgood.lab', 'daneta.lab'].flatMap((d) => [
    { name: d, type: 'DS' },
    { name: d, type: 'DNSKEY' },
    { name: d, type: 'MX' },
    { name: d, type: 'TXT' },
    ...['_dmarc', '_mta-sts', '_smtp._tls', 'default._bimi', '_domainkey'].map((l) => ({
      name: `${l}.${d}`,
      type: 'TXT',
    })),
  ]),
];
