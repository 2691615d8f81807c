// Confidentiality in Foster et al. Table 1. Against a passive eavesdropper: TLS on the handoff
// and on every recipient hop an outsider could reach. Against an active network attacker: TLS
// with certificate verification, which between MTAs only happens when the recipient domain makes
// senders verify (DANE, or an MTA-STS policy in enforce mode).
import { type Cell, cell, type RecipientTransport } from './matrix-cell.ts';
import type { TransitVerdict } from './transit-verdict.ts';

export function passiveConfidentiality(t: TransitVerdict): Cell {
  const h = t.handoff;
  if (h === null)
    return cell(
      'unknown',
      'no-handoff',
      'No handoff to the recipient’s provider was found in the headers.',
    );
  const exposed = t.recipientHops.exposedCleartext[0];
  if (exposed !== undefined) {
    return cell(
      'no',
      'cleartext-hop',
      `Hop ${exposed.index} (${exposed.from ?? '?'} → ${exposed.by ?? '?'}) travelled in cleartext.`,
    );
  }
  if (h.tlsClass === 'insecure') {
    return cell(
      'no',
      'broken-tls',
      `The handoff used broken encryption (${h.cipher ?? h.tlsVersion}).`,
    );
  }
  if (h.encrypted === null)
    return cell(
      'unknown',
      'no-tls-evidence',
      'The handoff hop records no evidence of TLS either way.',
    );
  const blind = t.recipientHops.noEvidence.find((x) => x.index === h.index);
  if (blind !== undefined)
    return cell('unknown', 'no-tls-evidence', 'The handoff hop records no evidence of TLS.');
  const how = h.tlsVersion ?? 'TLS';
  return cell(
    'yes',
    'protected',
    `The handoff ${h.from ?? ''} → ${h.by ?? ''} was encrypted (${how}${h.cipher ? `, ${h.cipher}` : ''}).`.replace(
      '  ',
      ' ',
    ),
  );
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
      `The handoff used outdated TLS (${t.handoff?.tlsVersion ?? t.handoff?.cipher}).`,
    );
  const name = r.domain ?? 'the recipient domain';
  const verifiedBy =
    r.dane === true
      ? `DANE lets senders verify ${name}’s mail servers.`
      : r.mtaStsEnforce === true
        ? `${name}’s MTA-STS policy (enforce) makes senders verify its mail servers.`
        : null;
  if (verifiedBy !== null) {
    if (cls === null) {
      return cell(
        'unknown',
        'tls-unrecorded',
        `${verifiedBy} The handoff does not record its TLS version and cipher.`,
      );
    }
    return cell('yes', 'protected', verifiedBy);
  }
  if (r.dane === false && r.mtaStsEnforce === false) {
    return cell(
      'no',
      'no-mx-authentication',
      `TLS without DANE or MTA-STS enforce: an attacker on the path can strip STARTTLS or present its own certificate (${name}).`,
    );
  }
  return cell(
    'unknown',
    'recipient-not-checked',
    `${name}’s DANE and MTA-STS were not checked yet.`,
  );
}
