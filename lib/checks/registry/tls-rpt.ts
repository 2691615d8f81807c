// TLS-RPT (RFC 8460): where senders report TLS failures.
import { checkTlsRpt } from '../tls-rpt.ts';
import { defineCheck, publishedAdoption } from './check-entry.ts';

export const tlsRptCheck = defineCheck({
  key: 'tlsRpt',
  run: ({ dns, domain, signal }) => checkTlsRpt(dns, domain, signal),
  summary: (outcome) => outcome.details?.rua.join(', ') ?? '',
  report: { standard: 'TLS-RPT', row: 4, integrity: true },
  adoption: publishedAdoption,
  scanRow: { label: 'TLS-RPT', order: 8 },
});
