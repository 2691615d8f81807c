// Regenerates test/lab/scenarios.md from the catalogue: `npx node test/lab/write-scenarios-doc.ts`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue, type Scenario } from './catalogue.ts';

const GROUPS: Record<string, string> = {
  good: 'All good',
  starttls: 'STARTTLS and certificates',
  dane: 'DANE',
  'mta-sts': 'MTA-STS',
  mx: 'MX',
  spf: 'SPF',
  dmarc: 'DMARC',
  adversarial: 'Adversarial servers',
  dnssec: 'DNSSEC validation',
  webmail: 'Webmail mail flow',
};

function servers(s: Scenario): string {
  const parts = (s.mx ?? []).map(
    (m) =>
      `MX \`${m.id}\` ${m.server ?? 'postfix'}, certificate ${m.certificate ?? 'valid'}` +
      (m.tls?.starttls === false ? ', no STARTTLS' : '') +
      (m.tls?.protocols ? `, protocols \`${m.tls.protocols}\`` : '') +
      (m.tls?.ciphers ? `, ciphers \`${m.tls.ciphers}\`` : ''),
  );
  if (s.policy) {
    const p = s.policy;
    const what = p.redirect ? `301 to ${p.redirect}` : `status ${p.status ?? 200}`;
    parts.push(
      `policy host ${p.server ?? 'nginx'} (${what}, certificate ${p.certificate ?? 'valid'})`,
    );
  }
  if (s.doh) parts.push(`DoH endpoint ${s.doh.server}`);
  return parts.join('; ') || 'DNS only';
}

const lines = [
  '# Lab scenarios',
  '',
  'Generated from `scenarios/*.json` (catalogue.json first) by `npx node test/lab/write-scenarios-doc.ts`; do not edit by hand.',
  'Addresses are allocated at start in catalogue order: read them from `<state>/lab.json`.',
  'The `expect.lab` column is what `npm run lab:selftest` checks with kdig, posttls-finger and curl.',
  '',
];
const scenarios = loadCatalogue({});
for (const [group, title] of Object.entries(GROUPS)) {
  const inGroup = scenarios.filter((s) => s.group === group);
  if (inGroup.length === 0) continue;
  lines.push(`## ${title}`, '');
  for (const s of inGroup) {
    lines.push(`### \`${s.name}\` (${s.domain}, DNSSEC ${s.dnssec})`, '', s.description, '');
    lines.push(`- Serves: ${servers(s)}.`);
    lines.push(`- Records: ${s.records.map((r) => `\`${r}\``).join(', ') || 'SOA and NS only'}.`);
    lines.push(`- expect.lab: \`${JSON.stringify(s.expect.lab ?? {})}\``, '');
  }
}
const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'scenarios.md'), `${lines.join('\n').trimEnd()}\n`);
console.log(`wrote scenarios.md (${scenarios.length} scenarios)`);
