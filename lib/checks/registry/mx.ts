// MX (RFC 5321 §5.1, RFC 7505): where the domain takes mail.
import { checkMx } from '../mx.ts';
import { defineCheck } from './check-entry.ts';

export const mxCheck = defineCheck({
  key: 'mx',
  run: ({ dns, domain, signal }) => checkMx(dns, domain, signal),
  summary: (outcome) => {
    const d = outcome.details;
    if (!d) return '';
    if (d.nullMx && !d.nullMixed) return 'null MX: accepts no mail';
    return (
      d.hosts.map((h) => `${h.preference} ${h.exchange}`).join(', ') +
      (d.implicit ? ' (implicit)' : '') +
      (d.nullMixed ? ' and a null MX (conflicting, RFC 7505 §3)' : '')
    );
  },
  // The MX hosts show in the report's mail-server list, not as a standard.
  report: null,
  // Every domain has MX hosts or not; the probe's rows (STARTTLS, certificates) count them.
  scanRow: null,
});
