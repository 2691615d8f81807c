// `mailseal check --dnssec-trace <domain>`: the DNSSEC chain behind the domain's mail records,
// zone by zone from the trust anchor, with each answer's local verdict and reason.
import type { DnsAnswer, RecordType } from '../../lib/dns/index.ts';
import type { DnssecMode, ValidatingDohClient } from '../../lib/dns/validating-client.ts';
import type { CliIo } from '../io.ts';

export interface TracedAnswer {
  name: string;
  type: RecordType;
  state: string;
  reason: string;
  source: string;
  detail: string;
  trace: { zone: string; state: string; note: string }[];
}

function traced(answer: DnsAnswer): TracedAnswer {
  const v = answer.dnssec;
  return {
    name: answer.name,
    type: answer.type,
    state: v?.state ?? (answer.authenticData ? 'secure' : 'insecure'),
    reason: v?.reason ?? 'resolver-ad-flag',
    source: v?.source ?? 'resolver-ad-flag',
    detail: v?.detail ?? "the resolver's AD flag",
    trace: v?.trace ?? [],
  };
}

/** The MX RRset, each MX host's addresses and TLSA, and the domain's DNSKEY. */
export async function traceDomain(
  dns: ValidatingDohClient,
  domain: string,
): Promise<TracedAnswer[]> {
  const [mx, key] = await Promise.all([dns.query(domain, 'MX'), dns.query(domain, 'DNSKEY')]);
  const hosts = mx.records.map((r) => r.exchange).filter((h) => h !== '' && h !== '.');
  const perHost = await Promise.all(
    hosts
      .slice(0, 10)
      .flatMap((host) => [dns.query(host, 'A'), dns.query(`_25._tcp.${host}`, 'TLSA')]),
  );
  return [key, mx, ...perHost].map(traced);
}

export function formatTrace(
  answers: readonly TracedAnswer[],
  anchor: string,
  mode: DnssecMode = 'local',
): string {
  const lines = [
    mode === 'local'
      ? `DNSSEC, validated locally from the trust anchor ${anchor}`
      : "DNSSEC as the resolver's AD flag says (the AD-flag setting, --dnssec resolver): the resolver's word, no chain validated locally",
  ];
  const chains = new Map<string, TracedAnswer['trace'][number]>();
  for (const a of answers)
    for (const step of a.trace) chains.set(`${step.zone} ${step.state}`, step);
  const steps = [...chains.values()].sort(
    (x, y) => x.zone.split('.').length - y.zone.split('.').length,
  );
  const width = Math.max(4, ...steps.map((s) => s.zone.length));
  lines.push('', 'chain (zone by zone):');
  for (const s of steps) lines.push(`  ${s.zone.padEnd(width)}  ${s.state.padEnd(13)}  ${s.note}`);
  lines.push('', 'answers:');
  for (const a of answers) {
    const label = a.source === 'validated-locally' ? 'validated locally' : "resolver's word";
    lines.push(`  ${a.name} ${a.type}: ${a.state} (${a.reason}, ${label})`, `    ${a.detail}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runDnssecTrace(
  dns: ValidatingDohClient,
  domain: string,
  io: CliIo,
  json: boolean,
): Promise<void> {
  const answers = await traceDomain(dns, domain.toLowerCase().replace(/\.$/, ''));
  const anchor =
    dns.validator.anchor.zone.length === 0 ? '. (IANA root KSKs 20326, 38696)' : 'of the lab';
  io.out(json ? `${JSON.stringify(answers, null, 2)}\n` : formatTrace(answers, anchor, dns.mode));
}
