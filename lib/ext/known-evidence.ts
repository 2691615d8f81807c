// What the background knows about one message so far, and the report it supports. The assessor
// fills this in as DNS and probe answers arrive and builds a report after each arrival, so the
// first verdict (headers alone) never waits for the slowest answer.

import type { Answer } from '../assess/answer.ts';
import type { DkimSignerPosture } from '../checks/dkim-signers.ts';
import type { DomainDnsPosture } from '../checks/index.ts';
import type { MessageFacts } from '../headers/message-facts.ts';
import { buildReport, type ProviderInputs, type SignerView } from '../messaging/build-report.ts';
import type { WebmailSite } from '../messaging/protocol.ts';
import type { MessageReport, Msg, SenderAlertView } from '../messaging/report.ts';
import { scoreParts } from '../messaging/score-parts.ts';
import type { CheckOutcome } from '../outcome.ts';
import {
  checksWriting,
  dnsFactsFromPosture,
  dnsFactsSoFar,
  type HandoffObservation,
  PADLOCK_DNS_FACTS,
  padlockCheckKeys,
  probeDecides,
  type SignerKeyInput,
  senderZoneRead,
} from '../score/index.ts';
import { text } from '../score/text.ts';
import type { ProbeReport } from './probe-client.ts';

export interface KnownDomain {
  domain: string | null;
  /** Undefined while the answer is awaited. */
  dns?: Answer<DomainDnsPosture>;
  /** While `dns` is awaited: the checks of its posture that finished, each as it came. */
  checks?: Record<string, CheckOutcome<unknown>>;
  probe?: Answer<ProbeReport>;
}

export interface KnownEvidence {
  site: WebmailSite;
  facts: MessageFacts;
  useProbe: boolean;
  sender: KnownDomain;
  recipient: KnownDomain;
  signers?: Answer<DkimSignerPosture>[];
  observations?: readonly HandoffObservation[];
  alerts?: SenderAlertView[];
}

/** A posture whose every lookup failed is a failed lookup, not a domain without records. */
function unanswered(posture: DomainDnsPosture): boolean {
  return [posture.mx, posture.spf, posture.dmarc].every((o) => o.status === 'temperror');
}

const dnsFailed = (d: KnownDomain) =>
  d.domain !== null && d.dns !== undefined && (!d.dns.ok || unanswered(d.dns.value));
const probeFailed = (d: KnownDomain) => d.probe !== undefined && !d.probe.ok;

function inputsOf(d: KnownDomain, useProbe: boolean): ProviderInputs {
  const dns = d.dns?.ok
    ? (d.dns.value as unknown as Record<string, unknown>)
    : d.dns === undefined && d.checks !== undefined
      ? { ...d.checks }
      : null;
  const checking = {
    dns: d.domain !== null && d.dns === undefined,
    probe: d.domain !== null && useProbe && d.probe === undefined,
  };
  return {
    domain: d.domain,
    dns,
    probe: d.probe?.ok ? d.probe.value.view : null,
    ...(checking.dns || checking.probe ? { checking } : {}),
  };
}

/** The raw errors, each in a line the reader's language frames (the error itself stays raw). */
function problemsOf(d: KnownDomain): Msg[] {
  const out: Msg[] = [];
  const domain = d.domain ?? '?';
  if (d.dns && !d.dns.ok) out.push(text('problem_dns', domain, d.dns.error));
  if (d.probe && !d.probe.ok) out.push(text('problem_probe', domain, d.probe.error));
  return out;
}

export function signerKeyOf(p: DkimSignerPosture): SignerKeyInput {
  const status = p.keys.status;
  return {
    domain: p.domain,
    dnssec: p.dnssec === 'secure' ? true : p.dnssec === 'indeterminate' ? null : false,
    key:
      status === 'pass'
        ? 'present'
        : status === 'none'
          ? 'absent'
          : status === 'temperror'
            ? null
            : 'fails',
    bits: p.smallestKeyBits,
  };
}

/** The key's explicit DNSSEC protection for the report (absent in results cached before it existed). */
function protectionOf(p: DkimSignerPosture): Pick<SignerView, 'protection'> {
  const k = p.protection;
  if (!k) return {};
  return {
    protection: {
      state: k.state,
      reason: k.reason,
      ...(k.zone !== undefined ? { zone: k.zone } : {}),
      detail: k.detail,
      trust: k.trust,
      fallbacks: k.fallbacks,
    },
  };
}

/** One line on what was not checked, in plain words; the raw errors go to the admin view. */
export function degradedLine(state: {
  useProbe: boolean;
  probeFailed: boolean;
  dnsFailed: string[];
}): Msg | null {
  const dns = state.dnsFailed.join(', ');
  if (state.dnsFailed.length > 0 && (state.probeFailed || !state.useProbe))
    return text('degraded_dns_and_probe', dns);
  if (state.dnsFailed.length > 0) return text('degraded_dns_failed', dns);
  if (!state.useProbe) return text('degraded_no_probe');
  if (state.probeFailed) return text('degraded_probe_unreachable');
  return null;
}

type Awaited = MessageReport['pending'][number];

/** The checks of each role's posture whose outcome the padlock reads (sorted by their score). */
export const PADLOCK_CHECKS = {
  sender: padlockCheckKeys('sender'),
  recipient: padlockCheckKeys('recipient'),
};

/**
 * Whether an answer about `role`'s domain can change the padlock: one of the checks it reads, a
 * whole posture, or the recipient's probe answer. The others (SPF, TLS-RPT, BIMI, the sender's
 * probe answer, ...) refine only the details.
 */
export function padlockReads(
  role: 'sender' | 'recipient',
  part: { part: 'check'; key: string } | { part: 'dns' | 'probe' },
): boolean {
  if (part.part === 'check') return PADLOCK_CHECKS[role].includes(part.key);
  return part.part === 'dns' || role === 'recipient';
}

/** The sender's checks when its signer key decides the key's protection: DMARC's alone. */
const SENDER_WITHOUT_ZONE = checksWriting(
  PADLOCK_DNS_FACTS.sender.filter((fact) => fact !== 'zoneSigned'),
);

/** Whether one of `keys` of `d`'s posture has not finished (none once the posture is in). */
function checksAwaited(d: KnownDomain, keys: readonly string[]): boolean {
  if (d.domain === null || d.dns !== undefined) return false;
  return keys.some((key) => d.checks?.[key] === undefined);
}

/** The checks of the sender the padlock reads, given the signer keys known so far. */
function senderPadlockChecks(k: KnownEvidence): readonly string[] {
  if (k.signers === undefined) return PADLOCK_CHECKS.sender;
  const keys = k.signers.flatMap((a) => (a.ok ? [signerKeyOf(a.value)] : []));
  return senderZoneRead(k.facts, keys) ? PADLOCK_CHECKS.sender : SENDER_WITHOUT_ZONE;
}

/**
 * What the padlock still waits for: what its level, headline, signals and reasons read
 * (lib/score/padlock-facts.ts), and the alerts shown beside it. The message's signers' keys;
 * the sender's zone signing and DMARC policy; the recipient's probe answer, and its DANE and
 * MTA-STS record unless that answer decides them. Once none is awaited, no later answer can
 * change the padlock (test/unit/ext/padlock-final.test.ts).
 */
export function padlockPendingOf(k: KnownEvidence): MessageReport['pending'] {
  const pending = new Set<Awaited>();
  if (k.signers === undefined || k.alerts === undefined) pending.add('dns');
  // The sender's zone signing only when its signer key's own answer does not decide.
  if (checksAwaited(k.sender, senderPadlockChecks(k))) pending.add('dns');
  const r = k.recipient;
  if (k.useProbe && r.domain !== null && r.probe === undefined) pending.add('probe');
  const decided = r.probe?.ok === true && probeDecides(r.probe.value.raw);
  if (!decided && checksAwaited(r, PADLOCK_CHECKS.recipient)) pending.add('dns');
  return [...pending];
}

/** What only the details (stars, standards table, admin view) still wait for. */
export function refiningOf(k: KnownEvidence): MessageReport['pending'] {
  const both = [k.sender, k.recipient].filter((d) => d.domain !== null);
  const pending: Awaited[] = [];
  if (both.some((d) => d.dns === undefined)) pending.push('dns');
  if (k.useProbe && both.some((d) => d.probe === undefined)) pending.push('probe');
  const padlock = padlockPendingOf(k);
  return pending.filter((p) => !padlock.includes(p));
}

/** Anything still awaited, for the padlock or the details. */
export function awaitingAny(k: KnownEvidence): boolean {
  return padlockPendingOf(k).length > 0 || refiningOf(k).length > 0;
}

export function reportFrom(k: KnownEvidence, checkedAt: string, stage: number): MessageReport {
  const postures = (k.signers ?? []).flatMap((a) => (a.ok ? [a.value] : []));
  const signerViews = postures.map(
    (p): SignerView => ({ ...signerKeyOf(p), selectors: p.selectors, ...protectionOf(p) }),
  );
  const scored = (d: KnownDomain) => ({
    dns: d.dns?.ok
      ? dnsFactsFromPosture(d.dns.value)
      : d.dns === undefined && d.checks !== undefined && d.domain !== null
        ? dnsFactsSoFar(d.domain, d.checks)
        : null,
    probe: d.probe?.ok ? d.probe.value.raw : null,
  });
  const domains = [k.sender, k.recipient];
  return buildReport({
    site: k.site,
    checkedAt,
    stage,
    facts: k.facts,
    sender: inputsOf(k.sender, k.useProbe),
    recipient: inputsOf(k.recipient, k.useProbe),
    signers: signerViews,
    score: scoreParts(
      k.facts,
      { ...scored(k.sender), observations: k.observations ?? [] },
      scored(k.recipient),
      postures.map(signerKeyOf),
    ),
    degraded: degradedLine({
      useProbe: k.useProbe,
      probeFailed: domains.some(probeFailed),
      dnsFailed: domains.filter(dnsFailed).map((d) => d.domain ?? '?'),
    }),
    problems: domains.flatMap(problemsOf),
    pending: padlockPendingOf(k),
    refining: refiningOf(k),
    alerts: k.alerts ?? [],
  });
}
