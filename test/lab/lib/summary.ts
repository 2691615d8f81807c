import type { LabInfo } from '../lab-info.ts';

/** Prints what runs where, one line per listener. */
export function printLab(info: LabInfo): void {
  const rows: string[][] = [
    [
      'authoritative (knot)',
      `${info.authoritative.join(', ')}:53`,
      `zone ${info.tld}. and every scenario zone`,
    ],
    ['resolver (unbound)', `${info.resolverAddress}:53`, 'validating, trust anchor: lab KSK'],
    ['DoH (unbound)', info.dohUrl, `certificate for ${info.dohHostname}`],
    ['policy hosts (nginx)', `${info.policyAddress}:443`, 'SNI per mta-sts.<domain>'],
  ];
  for (const s of info.scenarios) {
    for (const mx of s.mx)
      rows.push([
        `${s.name} MX ${mx.server}`,
        `${mx.address}:25`,
        `${mx.hostname} (${mx.certificate})`,
      ]);
    if (s.policy && s.policy.server !== 'nginx') {
      rows.push([
        `${s.name} policy ${s.policy.server}`,
        `${s.policy.address}:443`,
        s.policy.hostname,
      ]);
    }
    if (s.doh) rows.push([`${s.name} DoH ${s.doh.server}`, s.doh.url, '']);
  }
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) {
    console.log(
      `  ${(r[0] ?? '').padEnd(widths[0] ?? 0)}  ${(r[1] ?? '').padEnd(widths[1] ?? 0)}  ${r[2] ?? ''}`,
    );
  }
  console.log(`  CA: ${info.caCertPath} (SPKI sha256 ${info.caSpkiSha256Base64})`);
}
