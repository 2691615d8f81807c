// DMARC (RFC 7489): the domain's policy for mail that fails SPF and DKIM alignment.
import type { RecordState } from '../../score/inputs.ts';
import { checkDmarc, type DmarcDetails } from '../dmarc/dmarc-check.ts';
import { defineCheck, publishedAdoption, type ScoreOutcome, tested } from './check-entry.ts';

export const dmarcCheck = defineCheck({
  key: 'dmarc',
  run: ({ dns, domain, signal }) => checkDmarc(dns, domain, signal),
  summary: (outcome, posture) => {
    const d = outcome.details;
    if (!d?.effectivePolicy) return '';
    const where =
      d.recordDomain && d.recordDomain !== posture.domain ? ` (from ${d.recordDomain})` : '';
    return `p=${d.effectivePolicy}${d.record && d.record.pct < 100 ? ` pct=${d.record.pct}` : ''}${where}`;
  },
  // DMARC counts when a valid record exists (MECSA); p=none is the checker's `fail` but valid.
  score: (outcome: ScoreOutcome<Pick<DmarcDetails, 'effectivePolicy'>>) => {
    const state: RecordState = !tested(outcome)
      ? null
      : outcome.status === 'pass' || outcome.status === 'fail'
        ? 'valid'
        : outcome.status === 'none'
          ? 'missing'
          : 'invalid';
    return { dmarc: { state, policy: outcome.details?.effectivePolicy ?? null } };
  },
  report: { standard: 'DMARC', row: 8 },
  adoption: publishedAdoption,
  scanRow: { label: 'DMARC', order: 7 },
});
