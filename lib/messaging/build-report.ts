// Builds the MessageReport view model from the facts, the DNS postures, the probe views, the
// message's own DKIM signers and the scoring engine's output. Pure; the background supplies the
// parts. Every user-visible line is a message key with parameters (lib/score/text.ts).

import { type CheckKey, type CheckTable, EVERY_DNS_CHECK } from '../checks/registry.ts';
import type { MessageFacts } from '../headers/message-facts.ts';
import { text } from '../score/text.ts';
import { combinedLabel, dnssecLabel, postureLabel, sourceOf } from './dnssec-label.ts';
import { postureFindings } from './posture-findings.ts';
import type { ProbeView } from './probe-view.ts';
import type {
  AdminFinding,
  DkimKeyProtectionView,
  MessageReport,
  Msg,
  Padlock,
  PathHop,
  ProviderSummary,
  SenderAlertView,
  StandardCell,
  StandardRow,
  ThreatCell,
} from './report.ts';

/** The parts of a DomainDnsPosture the report reads: one CheckOutcome-like entry per check. */
export type DnsPostureLike = Record<string, unknown>;

export interface ProviderInputs {
  domain: string | null;
  /** The posture, or while it is assessed the checks that finished so far. */
  dns: DnsPostureLike | null;
  probe: ProbeView | null;
  /** Answers still awaited: a cell that needs one says "checking", not "unknown". */
  checking?: { dns: boolean; probe: boolean };
}

/** One verified DKIM signer of this message and what its key lookup found. */
export interface SignerView {
  domain: string;
  selectors: string[];
  key: 'present' | 'fails' | 'absent' | null;
  bits: number | null;
  dnssec: boolean | null;
  /** The key's DNSSEC protection, judged from the signer zone's chain, and who vouched for it. */
  protection?: Omit<DkimKeyProtectionView, 'signer' | 'selectors'>;
}

export interface ScoreParts {
  padlock: Padlock;
  reasons: Msg[];
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
  signers?: readonly SignerView[];
  score: ScoreParts;
  degraded: Msg | null;
  problems?: Msg[];
  pending?: MessageReport['pending'];
  refining?: MessageReport['pending'];
  stage?: number;
  alerts?: SenderAlertView[];
}

const IP_LITERAL = /^\[?(?:ipv6:)?[0-9a-f:.]+\]?$/i;

/** A host "name" that is really an address literal ([192.0.2.1], 2001:db8::1) is an address. */
function hostAndIp(host: string | null, ip: string | null): [string | null, string | null] {
  if (host !== null && IP_LITERAL.test(host) && /[.:]/.test(host) && !/[g-z]/i.test(host)) {
    return [null, ip ?? host.replace(/^\[(?:ipv6:)?|\]$/gi, '')];
  }
  return [host, ip];
}

export function pathOf(facts: MessageFacts): PathHop[] {
  return facts.hops.map((hop) => {
    const [fromHost, fromIp] = hostAndIp(hop.from.host, hop.from.ip);
    return {
      number: hop.index + 1,
      fromHost,
      fromIp,
      byHost: hostAndIp(hop.by.host, null)[0] ?? hop.by.host,
      encrypted: hop.encrypted,
      tlsVersion: hop.tls?.version ?? null,
      cipher: hop.tls?.cipher ?? null,
      delaySeconds: hop.delaySeconds,
      recordedBy: hop.recordedBy,
      handoff: hop.index === facts.trust.handoffIndex,
    };
  });
}

type Outcome = { status?: unknown };

const NEEDS_PROBE: StandardCell = { status: 'not-checked', detail: text('std_needs_probe') };
const CHECKING: StandardCell = { status: 'checking', detail: null };

/** The probe's answer is still awaited: its cells say so, not "needs the probe service". */
const probeAwaited = (p: ProviderInputs) => p.probe === null && p.checking?.probe === true;

/** One DNS check's cell; `check` is a key of the check registry (or of a test's table). */
function dnsCell(p: ProviderInputs, check: string): StandardCell {
  const outcome = p.dns?.[check] as Outcome | undefined;
  if ((!outcome || typeof outcome !== 'object') && p.checking?.dns) return CHECKING;
  if (!outcome || typeof outcome !== 'object')
    return { status: 'unknown', detail: text('std_lookup_failed') };
  switch (outcome.status) {
    case 'pass':
      return { status: 'present', detail: null };
    case 'fail':
    case 'permerror':
      return { status: 'fails', detail: null };
    case 'none':
      return { status: 'absent', detail: null };
    default:
      return { status: 'unknown', detail: text('std_lookup_failed') };
  }
}

function triCell(value: 'yes' | 'no' | 'unknown', detail: Msg | null = null): StandardCell {
  return { status: value === 'yes' ? 'present' : value === 'no' ? 'fails' : 'unknown', detail };
}

/** A cell with its "validated locally" / "resolver's word" label, when one is known. */
function labelled(cell: StandardCell, label: StandardCell['dnssec']): StandardCell {
  return label ? { ...cell, dnssec: label } : cell;
}

function daneCell(p: ProviderInputs): StandardCell {
  // DANE is usable only on DNSSEC-secure MX and TLSA answers: say whose word that rests on.
  if (p.probe) return labelled(triCell(p.probe.dane), combinedLabel(p.probe.daneDnssec ?? []));
  if (probeAwaited(p)) return CHECKING;
  const dns = dnsCell(p, 'tlsa');
  const cell: StandardCell =
    dns.status === 'present' ? { status: 'present', detail: text('std_tlsa_published') } : dns;
  return labelled(cell, postureLabel(p.dns, 'tlsa'));
}

function mtaStsCell(p: ProviderInputs): StandardCell {
  // The integrity note: whether the _mta-sts record was DNSSEC-signed, and whose word that is.
  const label = postureLabel(p.dns, 'mtaSts');
  if (probeAwaited(p)) return CHECKING;
  if (!p.probe) return labelled(dnsCell(p, 'mtaSts'), label);
  const mode = p.probe.mtaStsMode;
  if (mode === null) return labelled({ status: 'absent', detail: null }, label);
  return labelled(
    { status: mode === 'enforce' ? 'present' : 'fails', detail: text('std_mtasts_mode', mode) },
    label,
  );
}

function dkimLabel(own: SignerView): StandardCell['dnssec'] {
  const source = sourceOf(own.protection?.trust);
  return source ? dnssecLabel(source, own.protection?.fallbacks ?? []) : undefined;
}

const mxTested = (n: number): Msg =>
  n === 1 ? text('std_mx_tested_one') : text('std_mx_tested', String(n));

const within = (name: string, zone: string) => name === zone || name.endsWith(`.${zone}`);

/** The message's own signature when the signer is the domain or below it, else DNS's estimate. */
function dkimCell(p: ProviderInputs, signers: readonly SignerView[]): StandardCell {
  const domain = p.domain?.toLowerCase() ?? null;
  const own = domain === null ? undefined : signers.find((s) => within(s.domain, domain));
  if (own === undefined) {
    const dns = dnsCell(p, 'dkim');
    return dns.status === 'present' ? { ...dns, detail: text('std_dkim_estimate') } : dns;
  }
  // The key lookup itself failed: say so, not "?-bit key".
  if (own.key === null) return { status: 'unknown', detail: text('std_lookup_failed') };
  const who = `d=${own.domain} s=${own.selectors.join(',')}`;
  // No key (or an unusable one) at <s>._domainkey.<d> now: say that, not "?-bit key, protected".
  if (own.key === 'absent')
    return labelled(
      { status: 'absent', detail: text('std_dkim_signed_key_absent', who) },
      dkimLabel(own),
    );
  if (own.key === 'fails')
    return labelled(
      { status: 'fails', detail: text('std_dkim_signed_key_unusable', who) },
      dkimLabel(own),
    );
  const bits = own.bits === null ? '?' : String(own.bits);
  const key =
    own.dnssec === true
      ? 'std_dkim_signed_secure'
      : own.dnssec === false
        ? 'std_dkim_signed_insecure'
        : 'std_dkim_signed_unknown';
  return labelled({ status: 'present', detail: text(key, who, bits) }, dkimLabel(own));
}

type CellOf = (p: ProviderInputs, signers: readonly SignerView[]) => StandardCell;

/** The standards only the probe can tell: STARTTLS and the certificate, first in the table. */
const PROBE_ROWS: ReadonlyArray<{ standard: string; label?: Msg; row: number; cell: CellOf }> = [
  {
    standard: 'STARTTLS',
    row: 0,
    cell: (p) =>
      p.probe
        ? triCell(p.probe.starttls, mxTested(p.probe.mx.length))
        : probeAwaited(p)
          ? CHECKING
          : NEEDS_PROBE,
  },
  {
    standard: 'Certificate (PKIX)',
    label: text('std_row_certificate'),
    row: 1,
    cell: (p) =>
      p.probe ? triCell(p.probe.certificate) : probeAwaited(p) ? CHECKING : NEEDS_PROBE,
  },
];

/** Checks whose cell reads more than their DNS outcome: the probe's view, the message's signers. */
const CELLS: Partial<Record<CheckKey, CellOf>> = {
  tlsa: daneCell,
  mtaSts: mtaStsCell,
  dkim: dkimCell,
};

/** Every other check: its DNS outcome, with whose word its DNSSEC state is when it says so. */
const dnsRowCell =
  (key: string, integrity: boolean): CellOf =>
  (p) => {
    const cell = dnsCell(p, key);
    return integrity ? labelled(cell, postureLabel(p.dns, key)) : cell;
  };

/** One row per probe standard and per check of the registry that the report shows, in order. */
export function standardsOf(
  sender: ProviderInputs,
  recipient: ProviderInputs,
  signers: readonly SignerView[] = [],
  checks: CheckTable = EVERY_DNS_CHECK,
): StandardRow[] {
  const fromChecks = checks.flatMap((check) =>
    check.report
      ? [
          {
            ...check.report,
            cell:
              CELLS[check.key as CheckKey] ??
              dnsRowCell(check.key, check.report.integrity === true),
          },
        ]
      : [],
  );
  return [...PROBE_ROWS, ...fromChecks]
    .sort((a, b) => a.row - b.row)
    .map(({ standard, cell, ...rest }) => ({
      standard,
      ...('label' in rest && rest.label ? { label: rest.label } : {}),
      sender: cell(sender, signers),
      recipient: cell(recipient, signers),
    }));
}

/** What the reader must know about the message itself, before any verdict. */
export function noticesOf(facts: MessageFacts, judged: string | null): Msg[] {
  const from = facts.from?.domain ?? null;
  const notices: Msg[] = [];
  if (facts.warnings.includes('multiple From headers'))
    notices.push(text('notice_multiple_from', from ?? '?'));
  else if (facts.warnings.includes('From has several addresses'))
    notices.push(text('notice_several_from_addresses', from ?? '?'));
  if (from !== null && judged !== null && from.toLowerCase() !== judged.toLowerCase())
    notices.push(text('notice_judged_parent', from, judged));
  return notices;
}

export function buildReport(inputs: ReportInputs): MessageReport {
  const { facts, sender, recipient, score } = inputs;
  const probeFindings = [sender.probe, recipient.probe].flatMap((p) => p?.findings ?? []);
  return {
    site: inputs.site,
    checkedAt: inputs.checkedAt,
    padlock: score.padlock,
    degraded: inputs.degraded,
    problems: inputs.problems ?? [],
    pending: inputs.pending ?? [],
    ...(inputs.refining && inputs.refining.length > 0 ? { refining: inputs.refining } : {}),
    stage: inputs.stage ?? 0,
    notices: noticesOf(facts, sender.domain),
    alerts: inputs.alerts ?? [],
    domains: {
      from: facts.from?.domain ?? null,
      judged: sender.domain,
      envelope: facts.envelopeFrom?.domain ?? null,
      dkim: facts.dkimDomains,
      recipientProvider: recipient.domain,
    },
    reasons: score.reasons,
    path: pathOf(facts),
    providers: score.providers,
    standards: standardsOf(sender, recipient, inputs.signers ?? []),
    threats: score.threats,
    admin: {
      findings: [
        ...score.findings,
        ...probeFindings,
        ...postureFindings(sender.domain, sender.dns, EVERY_DNS_CHECK),
        ...postureFindings(recipient.domain, recipient.dns, EVERY_DNS_CHECK),
      ],
      mx: [...(sender.probe?.mx ?? []), ...(recipient.probe?.mx ?? [])],
    },
    dkimKeyProtection: (inputs.signers ?? []).flatMap((s) =>
      s.protection ? [{ signer: s.domain, selectors: s.selectors, ...s.protection }] : [],
    ),
  };
}
