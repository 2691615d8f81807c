// Foster et al. (CCS 2015) Table 1 for one message and its providers: is confidentiality,
// authenticity and integrity protected against a passive eavesdropper, an active network attacker
// and a forging peer? Minimum requirements, per the table:
//   confidentiality  passive: TLS                 active: TLS with certificate verification
//   authenticity     peer: SPF or DKIM*           active: DKIM* and DNSSEC
//   integrity        active: DKIM* and DNSSEC
// (* with a strict DMARC policy). The other four cells are "—" in the paper: by definition a
// passive attacker cannot forge or modify, and a peer cannot read or modify traffic of others.
// Certificate verification between MTAs only happens when the recipient domain makes senders
// verify: DANE or an MTA-STS policy in enforce mode. One file per kind of cell:
// confidentiality-cells.ts, peer-authenticity.ts, active-dkim-cell.ts; the vocabulary is in
// matrix-cell.ts.
import { activeDkim } from './active-dkim-cell.ts';
import { activeConfidentiality, passiveConfidentiality } from './confidentiality-cells.ts';
import { type Cell, cell, type MatrixInput, type ThreatMatrix } from './matrix-cell.ts';
import { peerAuthenticity } from './peer-authenticity.ts';
import { text } from './text.ts';

export {
  ATTACKER_LABEL,
  ATTACKERS,
  type Attacker,
  type Cell,
  type CellCode,
  type CellStatus,
  type MatrixInput,
  type RecipientTransport,
  SECURITY_PROPERTIES,
  type SecurityProperty,
  type SignerPosture,
  type ThreatMatrix,
} from './matrix-cell.ts';

// The four cells the paper marks "—".
const NA = {
  confidentialityPeer: cell('n/a', 'not-applicable', text('cell_na_conf_peer')),
  passiveForge: cell('n/a', 'not-applicable', text('cell_na_passive_forge')),
  passiveModify: cell('n/a', 'not-applicable', text('cell_na_passive_modify')),
  peerModify: cell('n/a', 'not-applicable', text('cell_na_peer_modify')),
} satisfies Record<string, Cell>;

export function threatMatrix(input: MatrixInput): ThreatMatrix {
  const { transit: t, recipient: r, signer: s } = input;
  const passive = passiveConfidentiality(t);
  const peer = peerAuthenticity(t, input.fromDomain ?? null);
  return {
    confidentiality: {
      passive,
      active: activeConfidentiality(t, passive, r),
      peer: NA.confidentialityPeer,
    },
    authenticity: {
      passive: NA.passiveForge,
      active: activeDkim(t, peer, s, 'forge'),
      peer,
    },
    integrity: {
      passive: NA.passiveModify,
      active: activeDkim(t, peer, s, 'modify'),
      peer: NA.peerModify,
    },
  };
}
