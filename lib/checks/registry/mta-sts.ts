// The MTA-STS TXT record (RFC 8461 §3.1): the domain announces a policy.
import { checkMtaStsRecord } from '../mta-sts-record.ts';
import { defineCheck, publishedAdoption, type ScoreOutcome, tested } from './check-entry.ts';

export const mtaStsCheck = defineCheck({
  key: 'mtaSts',
  run: ({ dns, domain, signal }) => checkMtaStsRecord(dns, domain, signal),
  summary: (outcome) => (outcome.details?.id ? `id=${outcome.details.id}` : ''),
  score: (outcome: ScoreOutcome<unknown>) => ({
    mtaStsRecord: tested(outcome) ? outcome.status === 'pass' : null,
  }),
  report: { standard: 'MTA-STS', row: 3, integrity: true },
  adoption: publishedAdoption,
  // The probe reads the same record again with the policy; domain-facts.ts prefers its view.
  scanRow: { key: 'mtaStsRecord', label: 'MTA-STS record', order: 3 },
});
