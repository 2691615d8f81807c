// DANE TLSA records of the MX hosts (RFC 7672).
import { checkTlsa } from '../tlsa.ts';
import { defineCheck, type ScoreOutcome, tested } from './check-entry.ts';

export const tlsaCheck = defineCheck({
  key: 'tlsa',
  run: ({ dns, domain, signal }) => checkTlsa(dns, domain, signal),
  summary: (outcome) =>
    (outcome.details?.hosts ?? [])
      .filter((h) => h.records.length > 0)
      .map((h) => `${h.host}: ${h.records.length} record(s)${h.usable ? '' : ', unusable'}`)
      .join('; '),
  score: (outcome: ScoreOutcome<unknown>) => ({
    dane: tested(outcome) ? outcome.status === 'pass' : null,
  }),
  // The report's DANE row: the probe's DANE match when there is one, else these records.
  report: { standard: 'DANE', row: 2 },
  // TLSA records alone are not DANE: the probe's DANE row matches them against the MX hosts.
  scanRow: null,
});
