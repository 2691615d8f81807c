// BIMI (draft-brand-indicators-for-message-identification): its verdict needs DMARC's.

import type { CheckOutcome } from '../../outcome.ts';
import { checkBimi } from '../bimi.ts';
import type { DmarcDetails } from '../dmarc/dmarc-check.ts';
import { defineCheck } from './check-entry.ts';

export const bimiCheck = defineCheck({
  key: 'bimi',
  // The record is fetched at once; only the verdict waits for DMARC.
  run: async ({ dns, domain, signal, outcomeOf }) => {
    const lookup = dns.query(`default._bimi.${domain}`, 'TXT', signal ? { signal } : {});
    const dmarc = (await outcomeOf('dmarc')) as CheckOutcome<DmarcDetails>;
    await lookup;
    return checkBimi(dns, domain, dmarc.details, signal);
  },
  summary: () => '',
  // A brand logo protects nothing in transit: not a row of the standards table.
  report: null,
  // Not counted in a scan's summary (MECSA's table has no BIMI column).
  scanRow: null,
});
