// Authenticity against a forging peer (Foster et al. Table 1): SPF or DKIM, under DMARC, must
// vouch for the From domain in the recipient provider's own (trusted) results.
import { type Cell, cell } from './matrix-cell.ts';
import type { TransitVerdict } from './transit-verdict.ts';

export function peerAuthenticity(t: TransitVerdict): Cell {
  if (t.authenticationFailed) {
    return cell(
      'no',
      'auth-failed',
      `Authentication failed (dmarc=${t.dmarc.result}, dkim=${t.dkim.result}, spf=${t.spf.result}).`,
    );
  }
  if (t.arcVouchedForward) {
    return cell(
      'unknown',
      'arc-vouched',
      'DMARC failed after forwarding; only the forwarder’s ARC seal vouches for the original checks.',
    );
  }
  if (t.dmarc.result === 'pass')
    return cell('yes', 'protected', 'DMARC passed: SPF or DKIM vouch for the From domain.');
  if (t.dkim.result === 'pass' && t.dkim.aligned === true)
    return cell('yes', 'protected', `An aligned DKIM signature (${t.dkim.domain}) verified.`);
  if (t.spf.result === 'pass' && t.spf.aligned === true)
    return cell('yes', 'protected', `SPF passed for an aligned sender domain (${t.spf.domain}).`);
  const known =
    t.dmarc.result !== 'unknown' || (t.dkim.result !== 'unknown' && t.spf.result !== 'unknown');
  if (known)
    return cell(
      'no',
      'unauthenticated',
      `Nothing authenticates the From domain (dkim=${t.dkim.result}, spf=${t.spf.result}, dmarc=${t.dmarc.result}).`,
    );
  return cell(
    'unknown',
    'no-trusted-results',
    'The recipient’s provider reported no authentication results we can trust.',
  );
}
