// Foster et al. (CCS 2015) Table 1 for one message and its providers: is confidentiality,
// authenticity and integrity protected against a passive eavesdropper, an active network attacker
// and a forging peer? Minimum requirements, per the table:
//   confidentiality  passive: TLS                 active: TLS with certificate verification
//   authenticity     peer: SPF or DKIM*           active: DKIM* and DNSSEC
//   integrity        active: DKIM* and DNSSEC
// (* with a strict DMARC policy). The other four cells are "—" in the paper: by definition a
// passive attacker cannot forge or modify, and a peer cannot read or modify traffic of others.
// Certificate verification between MTAs only happens when the recipient domain makes senders
// verify: DANE or an MTA-STS policy in enforce mode.
import type { DmarcPolicy, TransitVerdict } from './transit-verdict.ts';

export type CellStatus = 'yes' | 'no' | 'unknown' | 'n/a';
export type SecurityProperty = 'confidentiality' | 'authenticity' | 'integrity';
export type Attacker = 'passive' | 'active' | 'peer';

export const SECURITY_PROPERTIES: readonly SecurityProperty[] = [
  'confidentiality',
  'authenticity',
  'integrity',
];
export const ATTACKERS: readonly Attacker[] = ['passive', 'active', 'peer'];

export const ATTACKER_LABEL: Readonly<Record<Attacker, string>> = {
  passive: 'passive eavesdropper',
  active: 'active network attacker',
  peer: 'forging peer',
};

export interface Cell {
  status: CellStatus;
  /** Stable code of the reason, e.g. `cleartext-hop`; padlock.ts maps it to a fix hint. */
  code: CellCode;
  /** Plain-words reason, naming the evidence. */
  reason: string;
}

export type CellCode =
  | 'not-applicable'
  | 'protected'
  | 'no-handoff'
  | 'cleartext-hop'
  | 'broken-tls'
  | 'no-tls-evidence'
  | 'outdated-tls'
  | 'tls-unrecorded'
  | 'no-mx-authentication'
  | 'recipient-not-checked'
  | 'auth-failed'
  | 'arc-vouched'
  | 'unauthenticated'
  | 'no-trusted-results'
  | 'spf-only'
  | 'no-aligned-dkim'
  | 'dkim-unknown'
  | 'body-length-limit'
  | 'dkim-key-unsigned'
  | 'dmarc-not-enforced'
  | 'signer-not-checked'
  | 'dmarc-policy-unknown';

export type ThreatMatrix = Readonly<Record<SecurityProperty, Readonly<Record<Attacker, Cell>>>>;

/** Whether the recipient domain makes a sending MTA verify its server (RFC 7672, RFC 8461). */
export interface RecipientTransport {
  domain: string | null;
  /** DANE authenticates every MX; null when not checked. */
  dane: boolean | null;
  /** An MTA-STS policy in enforce mode covers every MX; null when not checked. */
  mtaStsEnforce: boolean | null;
}

/** DNS facts of the DKIM signing domain. */
export interface SignerPosture {
  domain: string | null;
  dnssec: boolean | null;
  dmarcPolicy: DmarcPolicy | null;
}

export interface MatrixInput {
  transit: TransitVerdict;
  recipient: RecipientTransport;
  signer: SignerPosture;
}

const cell = (status: CellStatus, code: CellCode, reason: string): Cell => ({
  status,
  code,
  reason,
});

const NA: Readonly<Record<string, Cell>> = {
  confidentialityPeer: cell(
    'n/a',
    'not-applicable',
    'A peer only receives traffic addressed to it; it cannot read this message in transit.',
  ),
  passiveForge: cell(
    'n/a',
    'not-applicable',
    'A passive eavesdropper can only watch; it cannot inject a forged message.',
  ),
  passiveModify: cell(
    'n/a',
    'not-applicable',
    'A passive eavesdropper can only watch; it cannot modify the message.',
  ),
  peerModify: cell(
    'n/a',
    'not-applicable',
    'A peer is not on the path; it cannot modify a message in transit.',
  ),
};

function passiveConfidentiality(t: TransitVerdict): Cell {
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

function activeConfidentiality(t: TransitVerdict, passive: Cell, r: RecipientTransport): Cell {
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

function peerAuthenticity(t: TransitVerdict): Cell {
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

/** DKIM* and DNSSEC; `what` words the reason for authenticity or integrity. */
function activeDkim(
  t: TransitVerdict,
  peer: Cell,
  s: SignerPosture,
  what: 'forge' | 'modify',
): Cell {
  const dkimOk = t.dkim.result === 'pass' && t.dkim.aligned === true;
  if (!dkimOk) {
    if (t.dkim.result === 'unknown')
      return cell('unknown', 'dkim-unknown', 'No trusted DKIM result for this message.');
    if (what === 'forge' && peer.status === 'yes' && t.dkim.result !== 'pass')
      return cell(
        'no',
        'spf-only',
        'Only SPF vouches for the sender; SPF does not stop an attacker who can impersonate the sending server.',
      );
    return cell(
      'no',
      'no-aligned-dkim',
      `No aligned DKIM signature verified, so an active attacker could ${what} the message.`,
    );
  }
  if (what === 'modify' && t.dkim.bodyLengthLimited)
    return cell(
      'no',
      'body-length-limit',
      'The DKIM signature signs only part of the body (l=); the rest can be changed.',
    );
  const d = t.dkim.domain ?? 'the signing domain';
  if (s.dnssec === false)
    return cell(
      'no',
      'dkim-key-unsigned',
      `DKIM verified, but ${d} is not DNSSEC-signed: an active attacker can answer the key lookup and ${what} the message.`,
    );
  const policy = t.dmarc.policy ?? s.dmarcPolicy;
  if (policy === 'none')
    return cell(
      'no',
      'dmarc-not-enforced',
      `DMARC policy p=none: receivers still accept mail with the signature stripped.`,
    );
  if (s.dnssec === null)
    return cell('unknown', 'signer-not-checked', `DNSSEC of ${d} was not checked yet.`);
  if (policy === null)
    return cell(
      'unknown',
      'dmarc-policy-unknown',
      'The From domain’s DMARC policy is not known yet.',
    );
  return cell('yes', 'protected', `DKIM (${d}) with a DNSSEC-signed key and DMARC p=${policy}.`);
}

export function threatMatrix(input: MatrixInput): ThreatMatrix {
  const { transit: t, recipient: r, signer: s } = input;
  const passive = passiveConfidentiality(t);
  const peer = peerAuthenticity(t);
  return {
    confidentiality: {
      passive,
      active: activeConfidentiality(t, passive, r),
      peer: NA.confidentialityPeer as Cell,
    },
    authenticity: {
      passive: NA.passiveForge as Cell,
      active: activeDkim(t, peer, s, 'forge'),
      peer,
    },
    integrity: {
      passive: NA.passiveModify as Cell,
      active: activeDkim(t, peer, s, 'modify'),
      peer: NA.peerModify as Cell,
    },
  };
}
