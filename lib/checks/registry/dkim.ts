// DKIM keys (RFC 6376) at the selectors seen, or MECSA's estimate without one.
import { checkDkim } from '../dkim.ts';
import { defineCheck, type ScoreOutcome, tested } from './check-entry.ts';

export const dkimCheck = defineCheck({
  key: 'dkim',
  run: ({ dns, domain, signal, dkimSelectors }) => checkDkim(dns, domain, dkimSelectors, signal),
  summary: (outcome) => {
    const d = outcome.details;
    if (!d) return '';
    if (d.estimate) return 'estimate (no selector known)';
    return d.keys
      .map(
        (k) =>
          `${k.selector}: ${k.keyType}${k.bits ? ` ${k.bits} bits` : ''}${k.revoked ? ' revoked' : ''}`,
      )
      .join(', ');
  },
  score: (outcome: ScoreOutcome<unknown>) => ({
    dkim: tested(outcome) ? outcome.status === 'pass' : null,
  }),
  report: { standard: 'DKIM', row: 7 },
  // A scan cannot know a domain's selectors (they are in its mail), so DKIM is only estimated:
  // no row (MECSA's DKIM figure came from received mail, not a scan).
  scanRow: null,
});
