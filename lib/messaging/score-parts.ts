// Runs the scoring engine (lib/score) for one message and keeps what the report shows.

import type { MessageFacts } from '../headers/message-facts.ts';
import { protocolLabel } from '../score/fix-hints.ts';
import {
  ATTACKERS,
  CATEGORIES,
  type DnsFactsInput,
  type HandoffObservation,
  PROTOCOL_LABEL,
  type ProbeInput,
  type ProviderScore,
  SECURITY_PROPERTIES,
  type SignerKeyInput,
  scoreMessage,
} from '../score/index.ts';
import type { Category, Protocol } from '../score/mecsa-tables.ts';
import { listOf, type Text, text } from '../score/text.ts';
import type { ScoreParts } from './build-report.ts';
import type { AdminFinding, Msg, ProviderSummary, ThreatCell } from './report.ts';

export interface ScoreEvidence {
  dns: DnsFactsInput | null;
  probe: ProbeInput | null;
}

export interface SenderEvidence extends ScoreEvidence {
  /** Earlier handoffs from the same sender domain (lib/score/handoff-history.ts). */
  observations?: readonly HandoffObservation[];
}

type RatedCategory = ProviderScore['combined']['categories'][Category];

/**
 * A protocol its mail servers support but an earlier message from it did not use (a cleartext
 * handoff seen by this recipient): "STARTTLS on every message it sends", not "STARTTLS", which
 * would contradict the standards table beside it.
 */
function missingLabel(p: Protocol, score: ProviderScore | null): Text {
  const sentWithout =
    score?.inbound.support[p].status === 'supported' &&
    score.outbound.support[p].status === 'unsupported';
  return sentWithout ? text('stars_protocol_when_sending', protocolLabel(p)) : protocolLabel(p);
}

function whyOf(rated: RatedCategory, score: ProviderScore | null): Msg {
  // Protocol names are texts of their own ("valid certificate (x509)" reads differently in German).
  if (rated.unknown.length > 0)
    return text('stars_unknown', listOf(rated.unknown.map(protocolLabel)));
  const missing = rated.deductions.map((d) => /^score\.[a-z]+\.(.+)-missing$/.exec(d.code)?.[1]);
  const labels = missing
    .filter((p): p is Protocol => p !== undefined && p in PROTOCOL_LABEL)
    .map((p) => missingLabel(p, score));
  return labels.length > 0 ? text('stars_missing', listOf(labels)) : text('stars_full');
}

function summary(
  role: ProviderSummary['role'],
  domain: string | null,
  score: ProviderScore | null,
  notRated: Msg | null,
): ProviderSummary {
  return {
    role,
    domain,
    notRated,
    stars: CATEGORIES.map((category) => {
      const rated = score?.combined.categories[category];
      return {
        category,
        stars: rated?.stars ?? null,
        lowest: rated?.lowest ?? 0,
        highest: rated?.highest ?? 5,
        why: rated ? whyOf(rated, score) : text('stars_no_domain'),
      };
    }),
  };
}

const ORDER = { no: 0, unknown: 1, yes: 2, 'n/a': 3 } as const;

/** A failed authentication leads the reasons, as it leads the headline: the forgery first. */
const leadsOf = (m: Msg) => (m.key === 'cell_auth_failed' ? 0 : 1);

export function scoreParts(
  facts: MessageFacts,
  sender: SenderEvidence,
  recipient: ScoreEvidence,
  signerKeys: readonly SignerKeyInput[] = [],
): ScoreParts {
  const score = scoreMessage({ facts, sender, recipient, signerKeys });
  const threats: ThreatCell[] = SECURITY_PROPERTIES.flatMap((property) =>
    ATTACKERS.map((attacker) => {
      const cell = score.matrix[property][attacker];
      return {
        property,
        attacker: attacker === 'peer' ? 'forging-peer' : attacker,
        protectedAgainst: cell.status,
        reason: cell.reason,
        text: cell.text,
      } satisfies ThreatCell;
    }),
  );
  const findings: AdminFinding[] = score.padlock.deductions.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.fix ? { fix: d.fix } : {}),
    ...(d.text ? { text: d.text } : {}),
    ...(d.fixText ? { fixText: d.fixText } : {}),
  }));
  // What an attacker could do first, then what is not known, then what it could not do.
  const seen = new Set<string>();
  const reasons = [...threats]
    .filter((c) => c.protectedAgainst !== 'n/a')
    .sort(
      (a, b) =>
        ORDER[a.protectedAgainst] - ORDER[b.protectedAgainst] || leadsOf(a.text) - leadsOf(b.text),
    )
    .map((c) => c.text)
    .filter((m) => {
      const id = `${m.key}|${m.params.join('|')}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .slice(0, 5);
  const from = facts.from?.organizationalDomain ?? facts.from?.domain ?? null;
  const forged = score.padlock.sender.state === 'forged' || score.padlock.sender.state === 'failed';
  const { level, reason, text: headline, transport, sender: who } = score.padlock;
  return {
    padlock: { level, reason, text: headline, transport, sender: who },
    reasons,
    providers: [
      summary(
        'sender',
        score.providers.sender?.domain ?? from,
        score.providers.sender,
        // A forgery says nothing about the real sender: its stars would only mislead.
        forged ? text('stars_not_this_sender', facts.from?.domain ?? from ?? '?') : null,
      ),
      summary('recipient', facts.recipientDomain, score.providers.recipient, null),
    ],
    threats,
    findings,
  };
}
