// Runs the scoring engine (lib/score) for one message and keeps what the report shows.

import type { MessageFacts } from '../headers/message-facts.ts';
import {
  ATTACKERS,
  CATEGORIES,
  CATEGORY_LABEL,
  type DnsFactsInput,
  type HandoffObservation,
  type ProbeInput,
  type ProviderScore,
  SECURITY_PROPERTIES,
  scoreMessage,
} from '../score/index.ts';
import type { ScoreParts } from './build-report.ts';
import type { AdminFinding, ProviderSummary, ThreatCell } from './report.ts';

export interface ScoreEvidence {
  dns: DnsFactsInput | null;
  probe: ProbeInput | null;
}

export interface SenderEvidence extends ScoreEvidence {
  /** Earlier handoffs from the same sender domain (lib/score/handoff-history.ts). */
  observations?: readonly HandoffObservation[];
}

function summary(
  role: ProviderSummary['role'],
  domain: string | null,
  score: ProviderScore | null,
): ProviderSummary {
  return {
    role,
    domain,
    stars: CATEGORIES.map((category) => {
      const rated = score?.combined.categories[category];
      return {
        category,
        label: CATEGORY_LABEL[category],
        stars: rated?.stars ?? null,
        lowest: rated?.lowest ?? 0,
        highest: rated?.highest ?? 5,
        why: rated
          ? rated.unknown.length > 0
            ? `not known: ${rated.unknown.join(', ')}`
            : rated.deductions.map((d) => d.message).join(' ')
          : 'not rated',
      };
    }),
  };
}

export function scoreParts(
  facts: MessageFacts,
  sender: SenderEvidence,
  recipient: ScoreEvidence,
): ScoreParts {
  const score = scoreMessage({ facts, sender, recipient });
  const threats: ThreatCell[] = SECURITY_PROPERTIES.flatMap((property) =>
    ATTACKERS.map((attacker) => {
      const cell = score.matrix[property][attacker];
      return {
        property,
        attacker: attacker === 'peer' ? 'forging-peer' : attacker,
        protectedAgainst: cell.status,
        reason: cell.reason,
      } satisfies ThreatCell;
    }),
  );
  const findings: AdminFinding[] = score.padlock.deductions.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.fix ? { fix: d.fix } : {}),
  }));
  return {
    padlock: { level: score.padlock.level, reason: score.padlock.reason },
    reasons: [
      score.padlock.reason,
      ...score.padlock.deductions.filter((d) => d.severity !== 'info').map((d) => d.message),
    ].slice(0, 5),
    providers: [
      summary(
        'sender',
        score.providers.sender?.domain ?? facts.from?.organizationalDomain ?? null,
        score.providers.sender,
      ),
      summary('recipient', facts.recipientDomain, score.providers.recipient),
    ],
    threats,
    findings,
  };
}
