// Builds the MessageReport view model from the facts, the DNS postures, the probe views and the
// scoring engine's output. Pure; the background supplies the parts.

import type { MessageFacts } from '../headers/message-facts.ts';
import type { ProbeView } from './probe-view.ts';
import type {
  AdminFinding,
  MessageReport,
  Padlock,
  PathHop,
  ProviderSummary,
  StandardCell,
  StandardRow,
  ThreatCell,
} from './report.ts';

/** The parts of a DomainDnsPosture the report reads: one CheckOutcome-like entry per check. */
export type DnsPostureLike = Record<string, unknown>;

export interface ProviderInputs {
  domain: string | null;
  dns: DnsPostureLike | null;
  probe: ProbeView | null;
}

export interface ScoreParts {
  padlock: Padlock;
  reasons: string[];
  providers: ProviderSummary[];
  threats: ThreatCell[];
  findings: AdminFinding[];
}

export interface ReportInputs {
  site: MessageReport['site'];
  checkedAt: string;
  facts: MessageFacts;
  sender: ProviderInputs;
  recipient: ProviderInputs;
  score: ScoreParts;
  degraded: string | null;
}

export function pathOf(facts: MessageFacts): PathHop[] {
  return facts.hops.map((hop) => ({
    fromHost: hop.from.host ?? hop.from.ip,
    byHost: hop.by.host,
    encrypted: hop.encrypted,
    tlsVersion: hop.tls?.version ?? null,
    cipher: hop.tls?.cipher ?? null,
    delaySeconds: hop.delaySeconds,
    recordedBy: hop.recordedBy,
    handoff: hop.index === facts.trust.handoffIndex,
  }));
}

type Outcome = { status?: unknown; findings?: unknown; records?: unknown };

function dnsCell(dns: DnsPostureLike | null, check: string): StandardCell {
  const outcome = dns?.[check] as Outcome | undefined;
  if (!outcome || typeof outcome !== 'object') return { status: 'unknown', detail: 'not checked' };
  const findings = Array.isArray(outcome.findings)
    ? (outcome.findings as { message?: unknown }[])
    : [];
  const records = Array.isArray(outcome.records) ? (outcome.records as unknown[]) : [];
  const firstMessage = findings.find((f) => typeof f.message === 'string')?.message as
    | string
    | undefined;
  const detail = firstMessage ?? (typeof records[0] === 'string' ? records[0] : '');
  switch (outcome.status) {
    case 'pass':
      return { status: 'pass', detail };
    case 'fail':
    case 'permerror':
      return { status: 'fail', detail };
    case 'none':
      return { status: 'none', detail };
    default:
      return { status: 'unknown', detail: detail || 'could not be tested' };
  }
}

function triCell(value: 'yes' | 'no' | 'unknown', detail: string): StandardCell {
  return { status: value === 'yes' ? 'pass' : value === 'no' ? 'fail' : 'unknown', detail };
}

function probeCells(probe: ProbeView | null) {
  if (!probe) {
    const missing: StandardCell = { status: 'unknown', detail: 'needs the probe service' };
    return { starttls: missing, certificate: missing, dane: missing, mtaSts: missing };
  }
  return {
    starttls: triCell(probe.starttls, `${probe.mx.length} MX tested`),
    certificate: triCell(probe.certificate, ''),
    dane: triCell(probe.dane, ''),
    mtaSts: {
      status: probe.mtaStsMode === 'enforce' ? 'pass' : probe.mtaStsMode ? 'fail' : 'none',
      detail: probe.mtaStsMode ? `mode ${probe.mtaStsMode}` : 'no policy',
    } satisfies StandardCell,
  };
}

export function standardsOf(sender: ProviderInputs, recipient: ProviderInputs): StandardRow[] {
  const row = (standard: string, pick: (p: ProviderInputs) => StandardCell): StandardRow => ({
    standard,
    sender: pick(sender),
    recipient: pick(recipient),
  });
  return [
    row('STARTTLS', (p) => probeCells(p.probe).starttls),
    row('Certificate (PKIX)', (p) => probeCells(p.probe).certificate),
    row('DANE', (p) => probeCells(p.probe).dane),
    row('MTA-STS', (p) => (p.probe ? probeCells(p.probe).mtaSts : dnsCell(p.dns, 'mtaSts'))),
    row('TLS-RPT', (p) => dnsCell(p.dns, 'tlsRpt')),
    row('DNSSEC', (p) => dnsCell(p.dns, 'dnssec')),
    row('SPF', (p) => dnsCell(p.dns, 'spf')),
    row('DKIM', (p) => dnsCell(p.dns, 'dkim')),
    row('DMARC', (p) => dnsCell(p.dns, 'dmarc')),
  ];
}

export function buildReport(inputs: ReportInputs): MessageReport {
  const { facts, sender, recipient, score } = inputs;
  const probeFindings = [sender.probe, recipient.probe].flatMap((p) => p?.findings ?? []);
  return {
    site: inputs.site,
    checkedAt: inputs.checkedAt,
    padlock: score.padlock,
    degraded: inputs.degraded,
    domains: {
      from: facts.from?.domain ?? null,
      envelope: facts.envelopeFrom?.domain ?? null,
      dkim: facts.dkimDomains,
      recipientProvider: recipient.domain,
    },
    reasons: score.reasons,
    path: pathOf(facts),
    providers: score.providers,
    standards: standardsOf(sender, recipient),
    threats: score.threats,
    admin: {
      findings: [...score.findings, ...probeFindings],
      mx: [...(sender.probe?.mx ?? []), ...(recipient.probe?.mx ?? [])],
    },
  };
}
