// The badge: one padlock level and one line in plain words, built from the threat matrix.
//   green  every applicable cell is "yes": protected even against an active network attacker
//   amber  encrypted against eavesdroppers, but something stronger is missing or unknown
//   red    a cleartext hop an outsider can reach, broken encryption, or failed authentication
//   grey   not enough evidence yet
// Unknown never turns green (a green needs every cell proven) and never turns red (red needs a
// proven failure).
import type { Finding, Severity } from '../outcome.ts';
import {
  ATTACKER_LABEL,
  ATTACKERS,
  type Attacker,
  type Cell,
  type CellCode,
  SECURITY_PROPERTIES,
  type SecurityProperty,
  type ThreatMatrix,
} from './threat-matrix.ts';
import type { TransitVerdict } from './transit-verdict.ts';

export type PadlockLevel = 'green' | 'amber' | 'red' | 'grey';

export interface Padlock {
  level: PadlockLevel;
  /** One line for ordinary users. */
  reason: string;
  /** Why it is not green, each with a fix hint for admins; notes about unknowns are `info`. */
  deductions: Finding[];
}

/** Plain words for the badge line, by the code of the cell that decided. */
const PLAIN: Partial<Record<CellCode, string>> = {
  'cleartext-hop': 'Part of this message’s journey was not encrypted.',
  'broken-tls': 'This message travelled with broken encryption.',
  'auth-failed': 'The sender’s domain did not vouch for this message: it may be forged.',
  'outdated-tls': 'Encrypted, but with an outdated version of TLS.',
  'arc-vouched': 'Encrypted; forwarded, so only the forwarder vouches for the original sender.',
  'no-mx-authentication':
    'Encrypted, but the recipient’s mail servers cannot be verified: safe from eavesdroppers, not from an attacker on the path.',
  'tls-unrecorded': 'Encrypted, but the strength of the encryption was not recorded.',
  'recipient-not-checked': 'Encrypted; protection against interception is not checked yet.',
  unauthenticated: 'Encrypted, but nothing proves who sent it.',
  'no-trusted-results': 'Encrypted, but the sender was not verified by your provider.',
  'spf-only':
    'Encrypted; the sender is only checked by network address, which an attacker can fake.',
  'no-aligned-dkim': 'Encrypted, but the message is not signed by the sender’s domain.',
  'dkim-unknown': 'Encrypted; whether the sender signed it is not known.',
  'body-length-limit': 'Encrypted, but the sender’s signature covers only part of the message.',
  'dkim-key-unsigned':
    'Encrypted and signed, but the sender’s signing key is not protected by DNSSEC.',
  'dmarc-not-enforced':
    'Encrypted and signed, but the sender does not ask for forgeries to be rejected.',
  'signer-not-checked': 'Encrypted and signed; the sender’s DNS is not checked yet.',
  'dmarc-policy-unknown': 'Encrypted and signed; the sender’s DMARC policy is not checked yet.',
};

const FIX: Partial<Record<CellCode, string>> = {
  'cleartext-hop':
    'Sender’s admin: use STARTTLS on every outbound server. Recipient’s admin: offer STARTTLS on every MX and encrypt internal relays.',
  'broken-tls': 'Disable NULL, EXPORT, RC4, DES and anonymous cipher suites on both MTAs.',
  'auth-failed':
    'Sender’s admin: sign with DKIM aligned to the From domain and list every sending server in SPF. Treat the message as suspect.',
  'outdated-tls': 'Enable TLS 1.2/1.3 and disable TLS 1.0/1.1 and SSL on both MTAs.',
  'no-mx-authentication':
    'Recipient’s admin: publish DANE TLSA records under DNSSEC, or an MTA-STS policy in mode enforce.',
  'tls-unrecorded':
    'Recipient’s admin: have the MTA log TLS version and cipher in Received headers.',
  unauthenticated: 'Sender’s admin: publish SPF, sign with DKIM and publish DMARC.',
  'no-trusted-results':
    'Tell MailSeal which authserv-id your provider uses, or ask the provider to add Authentication-Results.',
  'spf-only': 'Sender’s admin: sign all mail with DKIM aligned to the From domain.',
  'no-aligned-dkim': 'Sender’s admin: sign all mail with DKIM (d= the From domain or its parent).',
  'body-length-limit': 'Sender’s admin: stop using the DKIM l= tag.',
  'dkim-key-unsigned': 'Sender’s admin: sign the DKIM key’s zone with DNSSEC.',
  'dmarc-not-enforced': 'Sender’s admin: move the DMARC policy to p=quarantine or p=reject.',
};

const SEVERITY: Partial<Record<CellCode, Severity>> = {
  'cleartext-hop': 'high',
  'broken-tls': 'high',
  'auth-failed': 'high',
  unauthenticated: 'medium',
  'no-mx-authentication': 'medium',
  'outdated-tls': 'medium',
  'spf-only': 'medium',
  'no-aligned-dkim': 'medium',
  'body-length-limit': 'low',
  'dkim-key-unsigned': 'low',
  'dmarc-not-enforced': 'low',
};

type Placed = { property: SecurityProperty; attacker: Attacker; cell: Cell };

function cellsOf(m: ThreatMatrix): Placed[] {
  return SECURITY_PROPERTIES.flatMap((property) =>
    ATTACKERS.map((attacker) => ({ property, attacker, cell: m[property][attacker] })),
  );
}

function deductionsOf(m: ThreatMatrix, t: TransitVerdict): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const { property, attacker, cell } of cellsOf(m)) {
    if (cell.status === 'yes' || cell.status === 'n/a' || seen.has(cell.code)) continue;
    seen.add(cell.code);
    const fix = FIX[cell.code];
    out.push({
      code: `padlock.${cell.code}`,
      severity: cell.status === 'unknown' ? 'info' : (SEVERITY[cell.code] ?? 'low'),
      message: `${property} vs ${ATTACKER_LABEL[attacker]}: ${cell.reason}`,
      ...(fix === undefined ? {} : { fix }),
    });
  }
  for (const hop of t.recipientHops.internalCleartext) {
    out.push({
      code: 'padlock.internal-cleartext',
      severity: 'info',
      message: `Hop ${hop.index} inside the recipient’s provider shows no TLS (internal addresses).`,
      evidence: hop.evidence,
    });
  }
  for (const hop of t.senderClaims.cleartext) {
    out.push({
      code: 'padlock.sender-claims-cleartext',
      severity: 'info',
      message: `The sender’s side reports hop ${hop.index} without TLS (a claim, not verified).`,
      evidence: hop.evidence,
    });
  }
  if (t.arc.chain && !t.arc.trusted) {
    out.push({
      code: 'padlock.arc-untrusted',
      severity: 'info',
      message: `An ARC chain of ${t.arc.instances} sets is present, but your provider reported arc=${t.arc.verified}.`,
    });
  }
  return out;
}

export function padlockOf(m: ThreatMatrix, t: TransitVerdict): Padlock {
  const deductions = deductionsOf(m, t);
  const passive = m.confidentiality.passive;
  const cells = cellsOf(m).filter((c) => c.cell.status !== 'n/a');
  const redCause =
    passive.status === 'no' ? passive : t.authenticationFailed ? m.authenticity.peer : null;
  if (redCause !== null) {
    return { level: 'red', reason: PLAIN[redCause.code] ?? redCause.reason, deductions };
  }
  if (cells.every((c) => c.cell.status === 'yes')) {
    return {
      level: 'green',
      reason:
        'Encrypted and authenticated all the way, even against an attacker on the network path.',
      deductions,
    };
  }
  if (passive.status === 'yes') {
    // The first weakness, with proven ones ahead of unknown ones.
    const weak =
      cells.find((c) => c.cell.status === 'no') ?? cells.find((c) => c.cell.status === 'unknown');
    const code = weak?.cell.code;
    return {
      level: 'amber',
      reason:
        (code === undefined ? undefined : PLAIN[code]) ?? 'Encrypted against eavesdroppers only.',
      deductions,
    };
  }
  return {
    level: 'grey',
    reason:
      passive.code === 'no-handoff'
        ? 'Not enough information in the headers to tell how this message travelled.'
        : 'Whether this message travelled encrypted is not known.',
    deductions,
  };
}
