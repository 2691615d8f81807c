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
import {
  dnsFactsFromPosture,
  type HandoffObservation,
  type SignerKeyInput,
} from '../score/index.ts';
import { text } from '../score/text.ts';
import type { ProbeReport } from './probe-client.ts';

export interface KnownDomain {
  domain: string | null;
  /** Undefined while the answer is awaited. */
  dns?: Answer<DomainDnsPosture>;
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

function inputsOf(d: KnownDomain): ProviderInputs {
  return {
    domain: d.domain,
    dns: d.dns?.ok ? (d.dns.value as unknown as Record<string, unknown>) : null,
    probe: d.probe?.ok ? d.probe.value.view : null,
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

/** What is still awaited: DNS (postures, signer keys) and the probe. */
export function pendingOf(k: KnownEvidence): MessageReport['pending'] {
  const both = [k.sender, k.recipient].filter((d) => d.domain !== null);
  const pending: MessageReport['pending'] = [];
  if (both.some((d) => d.dns === undefined) || k.signers === undefined) pending.push('dns');
  if (k.useProbe && both.some((d) => d.probe === undefined)) pending.push('probe');
  return pending;
}

export function reportFrom(k: KnownEvidence, checkedAt: string, stage: number): MessageReport {
  const postures = (k.signers ?? []).flatMap((a) => (a.ok ? [a.value] : []));
  const signerViews = postures.map(
    (p): SignerView => ({ ...signerKeyOf(p), selectors: p.selectors, ...protectionOf(p) }),
  );
  const scored = (d: KnownDomain) => ({
    dns: d.dns?.ok ? dnsFactsFromPosture(d.dns.value) : null,
    probe: d.probe?.ok ? d.probe.value.raw : null,
  });
  const domains = [k.sender, k.recipient];
  return buildReport({
    site: k.site,
    checkedAt,
    stage,
    facts: k.facts,
    sender: inputsOf(k.sender),
    recipient: inputsOf(k.recipient),
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
    pending: pendingOf(k),
    alerts: k.alerts ?? [],
  });
}
