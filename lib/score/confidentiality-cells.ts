// Confidentiality in Foster et al. Table 1. Against a passive eavesdropper: TLS on the handoff
// and on every recipient hop an outsider could reach. Against an active network attacker: TLS
// with certificate verification, which between MTAs only happens when the recipient domain makes
// senders verify (DANE, or an MTA-STS policy in enforce mode).
import { type Cell, cell, type RecipientTransport } from './matrix-cell.ts';
import { text } from './text.ts';
import type { TransitVerdict } from './transit-verdict.ts';

/** Hops are numbered from 1, oldest first, wherever a person reads them. */
export const hopNumber = (index: number): string => String(index + 1);

export function passiveConfidentiality(t: TransitVerdict): Cell {
  const h = t.handoff;
  if (h === null) return cell('unknown', 'no-handoff', text('cell_no_handoff'));
  const exposed = t.recipientHops.exposedCleartext[0];
  if (exposed !== undefined) {
    return cell(
      'no',
      'cleartext-hop',
      text('cell_cleartext_hop', hopNumber(exposed.index), exposed.from ?? '?', exposed.by ?? '?'),
    );
  }
  if (h.tlsClass === 'insecure') {
    return cell('no', 'broken-tls', text('cell_broken_tls', h.cipher ?? h.tlsVersion ?? 'TLS'));
  }
  if (h.encrypted === null) return cell('unknown', 'no-tls-evidence', text('cell_no_tls_evidence'));
  const blind = t.recipientHops.noEvidence.find((x) => x.index === h.index);
  if (blind !== undefined) return cell('unknown', 'no-tls-evidence', text('cell_no_tls_evidence'));
  const how = `${h.tlsVersion ?? 'TLS'}${h.cipher ? `, ${h.cipher}` : ''}`;
  return cell('yes', 'protected', text('cell_passive_protected', h.from ?? '?', h.by ?? '?', how));
}

/** Builds on the passive cell: whatever fails there fails here too. */
export function activeConfidentiality(
  t: TransitVerdict,
  passive: Cell,
  r: RecipientTransport,
): Cell {
  if (passive.status !== 'yes') return passive;
  const cls = t.handoff?.tlsClass ?? null;
  if (cls === 'obsolete')
    return cell(
      'no',
      'outdated-tls',
      text('cell_outdated_tls', t.handoff?.tlsVersion ?? t.handoff?.cipher ?? 'TLS'),
    );
  const name = r.domain ?? '?';
  const by = r.dane === true ? 'dane' : r.mtaStsEnforce === true ? 'mtasts' : null;
  if (by !== null) {
    if (cls === null)
      return cell(
        'unknown',
        'tls-unrecorded',
        text(by === 'dane' ? 'cell_tls_unrecorded_dane' : 'cell_tls_unrecorded_mtasts', name),
      );
    return cell(
      'yes',
      'protected',
      text(by === 'dane' ? 'cell_dane_verifies' : 'cell_mtasts_verifies', name),
    );
  }
  if (r.dane === false && r.mtaStsEnforce === false)
    return cell('no', 'no-mx-authentication', text('cell_no_mx_authentication', name));
  return cell('unknown', 'recipient-not-checked', text('cell_recipient_not_checked', name));
}
