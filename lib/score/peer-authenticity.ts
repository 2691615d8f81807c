// Authenticity against a forging peer (Foster et al. Table 1): SPF or DKIM, under DMARC, must
// vouch for the From domain in the recipient provider's own (trusted) results.
import { type Cell, cell } from './matrix-cell.ts';
import { text } from './text.ts';
import type { TransitVerdict } from './transit-verdict.ts';

export function peerAuthenticity(t: TransitVerdict, fromDomain: string | null): Cell {
  const from = fromDomain ?? '?';
  if (t.authenticationFailed) {
    return cell(
      'no',
      'auth-failed',
      text('cell_auth_failed', from, t.dmarc.result, t.dkim.result, t.spf.result),
    );
  }
  if (t.arcVouchedForward) return cell('unknown', 'arc-vouched', text('cell_arc_vouched'));
  if (t.dmarc.result === 'pass') return cell('yes', 'protected', text('cell_peer_dmarc', from));
  if (t.dkim.result === 'pass' && t.dkim.aligned === true)
    return cell('yes', 'protected', text('cell_peer_dkim', t.dkim.domain ?? from));
  if (t.spf.result === 'pass' && t.spf.aligned === true)
    return cell('yes', 'protected', text('cell_peer_spf', t.spf.domain ?? from));
  const known =
    t.dmarc.result !== 'unknown' || (t.dkim.result !== 'unknown' && t.spf.result !== 'unknown');
  if (known)
    return cell(
      'no',
      'unauthenticated',
      text('cell_unauthenticated', from, t.dkim.result, t.spf.result, t.dmarc.result),
    );
  return cell('unknown', 'no-trusted-results', text('cell_no_trusted_results'));
}
