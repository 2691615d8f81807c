// SPF (RFC 7208): which hosts may send for the domain.
import type { RecordState } from '../../score/inputs.ts';
import { checkSpf } from '../spf/spf-check.ts';
import { defineCheck, publishedAdoption, type ScoreOutcome, tested } from './check-entry.ts';

export const spfCheck = defineCheck({
  key: 'spf',
  run: ({ dns, domain, signal }) => checkSpf(dns, domain, signal),
  summary: (outcome) => {
    const d = outcome.details;
    return d?.allPolicy
      ? `all=${d.allPolicy}, ${d.totalLookups}/10 lookups, ${d.voidLookups}/2 void`
      : '';
  },
  // SPF counts when the record can fail a forgery (-all or ~all, the checker's `pass`);
  // a ?all or +all record is syntactically fine but protects nothing.
  score: (outcome: ScoreOutcome<unknown>) => {
    const spf: RecordState = !tested(outcome)
      ? null
      : outcome.status === 'pass'
        ? 'valid'
        : outcome.status === 'none'
          ? 'missing'
          : 'invalid';
    return { spf };
  },
  report: { standard: 'SPF', row: 6 },
  adoption: publishedAdoption,
  scanRow: { label: 'SPF', order: 6 },
});
