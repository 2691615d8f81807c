// The badge: one padlock level and one line in plain words, built from the threat matrix.
//   green  every applicable cell is "yes": protected even against an active network attacker
//   amber  encrypted against eavesdroppers, but something stronger is missing or unknown
//   red    a cleartext hop an outsider can reach, broken encryption, or failed authentication
//   grey   not enough evidence yet
// Unknown never turns green (a green needs every cell proven) and never turns red (red needs a
// proven failure).
import type { Finding, Severity } from '../outcome.ts';
import { hopNumber } from './confidentiality-cells.ts';
import { english, type ScoreTextKey, type Text, text } from './text.ts';
import { SCORE_TEXT_EN } from './text-en.ts';
import {
  ATTACKERS,
  type Attacker,
  type Cell,
  type CellCode,
  SECURITY_PROPERTIES,
  type SecurityProperty,
  type ThreatMatrix,
} from './threat-matrix.ts';
import type { DmarcPolicy, TransitVerdict } from './transit-verdict.ts';

export type PadlockLevel = 'green' | 'amber' | 'red' | 'grey';

/** How the message travelled: verified = encrypted to servers the sender had to verify. */
export type TransportSignal = 'verified' | 'encrypted' | 'cleartext' | 'broken' | 'unknown';
/**
 * Who sent it: forged = failed the From domain's checks under a policy that asks for rejection
 * (or quarantine); failed = failed them under p=none or an unknown policy; unverified = nothing
 * vouches for the From domain (or only a forwarder does).
 */
export type SenderSignal = 'verified' | 'forged' | 'failed' | 'unverified' | 'unknown';

export interface Padlock {
  level: PadlockLevel;
  /** One line for ordinary users, in English (the CLI's words). */
  reason: string;
  /** The same line as a message key with parameters, for translation. */
  text: Text;
  /** Transport and authenticity as two separate signals, so a forgery never reads as a TLS issue. */
  transport: { state: TransportSignal; text: Text };
  sender: { state: SenderSignal; text: Text };
  /** Why it is not green, each with a fix hint for admins; notes about unknowns are `info`. */
  deductions: Finding[];
}

export interface PadlockContext {
  fromDomain?: string | null;
  /** The From domain's DMARC policy from DNS, when the provider's result does not name it. */
  dmarcPolicy?: DmarcPolicy | null;
}

/** The fix hint of a cell, when the catalogue has one (fix_cell_<code>). */
function fixOf(code: CellCode): Text | undefined {
  const key = `fix_cell_${code.replaceAll('-', '_')}`;
  return key in SCORE_TEXT_EN ? text(key as ScoreTextKey) : undefined;
}

const PROPERTY_LABEL = (p: SecurityProperty) => text(`label_property_${p}` as ScoreTextKey);
const ATTACKER_NAME = (a: Attacker) => text(`label_attacker_${a}` as ScoreTextKey);

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
  'dkim-key-weak': 'medium',
  'dmarc-not-enforced': 'low',
};

/** A finding's message in English (the CLI's words) and as a text to translate. */
const said = (words: Text) => ({ message: english(words), text: words });

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
    const fix = fixOf(cell.code);
    const words = text(
      'finding_matrix_cell',
      PROPERTY_LABEL(property),
      ATTACKER_NAME(attacker),
      cell.text,
    );
    out.push({
      code: `padlock.${cell.code}`,
      severity: cell.status === 'unknown' ? 'info' : (SEVERITY[cell.code] ?? 'low'),
      message: english(words),
      text: words,
      ...(fix === undefined ? {} : { fix: english(fix), fixText: fix }),
    });
  }
  for (const hop of t.recipientHops.internalCleartext) {
    out.push({
      code: 'padlock.internal-cleartext',
      severity: 'info',
      ...said(text('finding_internal_cleartext', hopNumber(hop.index))),
      evidence: hop.evidence,
    });
  }
  for (const hop of t.senderClaims.cleartext) {
    out.push({
      code: 'padlock.sender-claims-cleartext',
      severity: 'info',
      ...said(text('finding_sender_claims_cleartext', hopNumber(hop.index))),
      evidence: hop.evidence,
    });
  }
  if (t.arc.chain && !t.arc.trusted) {
    out.push({
      code: 'padlock.arc-untrusted',
      severity: 'info',
      ...said(text('finding_arc_untrusted', String(t.arc.instances), t.arc.verified)),
    });
  }
  return out;
}

/** The headline of the cell that decided, when it has one of its own. */
function padlockKey(code: CellCode): ScoreTextKey | null {
  const key = `padlock_${code.replaceAll('-', '_')}`;
  return key in SCORE_TEXT_EN ? (key as ScoreTextKey) : null;
}

function transportOf(m: ThreatMatrix): Padlock['transport'] {
  const passive = m.confidentiality.passive;
  const state: TransportSignal =
    passive.status === 'no'
      ? passive.code === 'broken-tls'
        ? 'broken'
        : 'cleartext'
      : passive.status !== 'yes'
        ? 'unknown'
        : m.confidentiality.active.status === 'yes'
          ? 'verified'
          : 'encrypted';
  const key: Record<TransportSignal, ScoreTextKey> = {
    verified: 'signal_transport_verified',
    encrypted: 'signal_transport_encrypted',
    cleartext: 'signal_transport_cleartext',
    broken: 'signal_transport_broken',
    unknown: 'signal_transport_unknown',
  };
  return { state, text: text(key[state]) };
}

function senderOf(m: ThreatMatrix, t: TransitVerdict, ctx: PadlockContext): Padlock['sender'] {
  const policy = t.dmarc.policy ?? ctx.dmarcPolicy ?? null;
  if (t.authenticationFailed) {
    return t.dmarc.result === 'fail' && (policy === 'reject' || policy === 'quarantine')
      ? { state: 'forged', text: text('signal_sender_forged', policy) }
      : { state: 'failed', text: text('signal_sender_failed') };
  }
  const peer = m.authenticity.peer;
  if (peer.status === 'yes')
    return {
      state: 'verified',
      text: text('signal_sender_verified', ctx.fromDomain ?? t.dkim.domain ?? '?'),
    };
  if (peer.status === 'no' || peer.code === 'arc-vouched')
    return { state: 'unverified', text: text('signal_sender_unverified') };
  return { state: 'unknown', text: text('signal_sender_unknown') };
}

const line = (level: PadlockLevel, t: Text) => ({ level, reason: english(t), text: t });

/** The headline: the worst finding first. A forgery leads, then a failed check, then cleartext. */
function headlineOf(
  m: ThreatMatrix,
  sender: Padlock['sender'],
  ctx: PadlockContext,
): { level: PadlockLevel; reason: string; text: Text } {
  const from = ctx.fromDomain ?? '?';
  if (sender.state === 'forged')
    return line('red', text('padlock_forged_enforced', from, sender.text.params[0] ?? ''));
  if (sender.state === 'failed') return line('red', text('padlock_auth_failed', from));
  const passive = m.confidentiality.passive;
  if (passive.status === 'no')
    return line('red', text(padlockKey(passive.code) ?? 'padlock_cleartext_hop'));
  const cells = cellsOf(m).filter((c) => c.cell.status !== 'n/a');
  if (cells.every((c) => c.cell.status === 'yes')) return line('green', text('padlock_green'));
  if (passive.status === 'yes') {
    // The first weakness, with proven ones ahead of unknown ones.
    const weak =
      cells.find((c) => c.cell.status === 'no') ?? cells.find((c) => c.cell.status === 'unknown');
    const key = weak === undefined ? null : padlockKey(weak.cell.code);
    return line('amber', text(key ?? 'padlock_amber'));
  }
  return line(
    'grey',
    text(passive.code === 'no-handoff' ? 'padlock_no_handoff' : 'padlock_tls_unknown'),
  );
}

export function padlockOf(m: ThreatMatrix, t: TransitVerdict, ctx: PadlockContext = {}): Padlock {
  const sender = senderOf(m, t, ctx);
  return {
    ...headlineOf(m, sender, ctx),
    transport: transportOf(m),
    sender,
    deductions: deductionsOf(m, t),
  };
}
