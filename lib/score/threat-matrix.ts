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
  /** Plain-words reason, naming the evidence. */
  reason: string;
}

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

const cell = (status: CellStatus, reason: string): Cell => ({ status, reason });

const NA: Readonly<Record<string, Cell>> = {
  confidentialityPeer: cell(
    'n/a',
    'A peer only receives traffic addressed to it; it cannot read this message in transit.',
  ),
  passiveForge: cell(
    'n/a',
    'A passive eavesdropper can only watch; it cannot inject a forged message.',
  ),
  passiveModify: cell(
    'n/a',
    'A passive eavesdropper can only watch; it cannot modify the message.',
  ),
  peerModify: cell('n/a', 'A peer is not on the path; it cannot modify a message in transit.'),
};

function passiveConfidentiality(t: TransitVerdict): Cell {
  const h = t.handoff;
  if (h === null)
    return cell('unknown', 'No handoff to the recipient’s provider was found in the headers.');
  const exposed = t.recipientHops.exposedCleartext[0];
  if (exposed !== undefined) {
    return cell(
      'no',
      `Hop ${exposed.index} (${exposed.from ?? '?'} → ${exposed.by ?? '?'}) travelled in cleartext.`,
    );
  }
  if (h.tlsClass === 'insecure') {
    return cell('no', `The handoff used broken encryption (${h.cipher ?? h.tlsVersion}).`);
  }
  if (h.encrypted === null)
    return cell('unknown', 'The handoff hop records no evidence of TLS either way.');
  const blind = t.recipientHops.noEvidence.find((x) => x.index === h.index);
  if (blind !== undefined) return cell('unknown', 'The handoff hop records no evidence of TLS.');
  const how = h.tlsVersion ?? 'TLS';
  return cell(
    'yes',
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
      `The handoff used outdated TLS (${t.handoff?.tlsVersion ?? t.handoff?.cipher}).`,
    );
  const name = r.domain ?? 'the recipient domain';
  if (r.dane === true)
    return cell(
      cls === null ? 'unknown' : 'yes',
      cls === null
        ? 'DANE protects the MX, but the handoff does not record its TLS version and cipher.'
        : `DANE lets senders verify ${name}’s mail servers.`,
    );
  if (r.mtaStsEnforce === true)
    return cell(
      cls === null ? 'unknown' : 'yes',
      cls === null
        ? 'MTA-STS enforce protects the MX, but the handoff does not record its TLS version and cipher.'
        : `${name}’s MTA-STS policy (enforce) makes senders verify its mail servers.`,
    );
  if (r.dane === false && r.mtaStsEnforce === false) {
    return cell(
      'no',
      `TLS without DANE or MTA-STS enforce: an attacker on the path can strip STARTTLS or present its own certificate (${name}).`,
    );
  }
  return cell('unknown', `${name}’s DANE and MTA-STS were not checked yet.`);
}

function peerAuthenticity(t: TransitVerdict): Cell {
  if (t.authenticationFailed) {
    return cell(
      'no',
      `Authentication failed (dmarc=${t.dmarc.result}, dkim=${t.dkim.result}, spf=${t.spf.result}).`,
    );
  }
  if (t.dmarc.result === 'pass')
    return cell('yes', 'DMARC passed: SPF or DKIM vouch for the From domain.');
  if (t.dkim.result === 'pass' && t.dkim.aligned === true)
    return cell('yes', `An aligned DKIM signature (${t.dkim.domain}) verified.`);
  if (t.spf.result === 'pass' && t.spf.aligned === true)
    return cell('yes', `SPF passed for an aligned sender domain (${t.spf.domain}).`);
  const known =
    t.dmarc.result !== 'unknown' || (t.dkim.result !== 'unknown' && t.spf.result !== 'unknown');
  if (known)
    return cell(
      'no',
      `Nothing authenticates the From domain (dkim=${t.dkim.result}, spf=${t.spf.result}, dmarc=${t.dmarc.result}).`,
    );
  return cell(
    'unknown',
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
      return cell('unknown', 'No trusted DKIM result for this message.');
    if (what === 'forge' && peer.status === 'yes')
      return cell(
        'no',
        'Only SPF vouches for the sender; SPF does not stop an attacker who can impersonate the sending server.',
      );
    return cell(
      'no',
      `No aligned DKIM signature verified, so an active attacker could ${what} the message.`,
    );
  }
  if (what === 'modify' && t.dkim.bodyLengthLimited)
    return cell(
      'no',
      'The DKIM signature signs only part of the body (l=); the rest can be changed.',
    );
  const d = t.dkim.domain ?? 'the signing domain';
  if (s.dnssec === false)
    return cell(
      'no',
      `DKIM verified, but ${d} is not DNSSEC-signed: an active attacker can answer the key lookup and ${what} the message.`,
    );
  const policy = t.dmarc.policy ?? s.dmarcPolicy;
  if (policy === 'none')
    return cell(
      'no',
      `DMARC policy p=none: receivers still accept mail with the signature stripped.`,
    );
  if (s.dnssec === null) return cell('unknown', `DNSSEC of ${d} was not checked yet.`);
  if (policy === null) return cell('unknown', 'The From domain’s DMARC policy is not known yet.');
  return cell('yes', `DKIM (${d}) with a DNSSEC-signed key and DMARC p=${policy}.`);
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
