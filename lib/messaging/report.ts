// The report of one message, as the popup, the inline badge and "copy as JSON" show it.
// A view model: built in the background from MessageFacts, DNS postures, probe results and scores.

import type { SenderSignal, TransportSignal } from '../score/padlock.ts';
import type { Text } from '../score/text.ts';
import type { WebmailSite } from './webmail-site.ts';

export type PadlockLevel = 'green' | 'amber' | 'red' | 'grey';

/** A user-visible line as a message key and parameters (lib/score/text.ts); the UI translates. */
export type Msg = Text;

export interface Padlock {
  level: PadlockLevel;
  /** One line in plain words for ordinary users, in English. */
  reason: string;
  /** The same line, to translate. */
  text: Msg;
  /** How it travelled and who sent it: two signals, so a forgery never reads as a TLS issue. */
  transport: { state: TransportSignal; text: Msg };
  sender: { state: SenderSignal; text: Msg };
}

export type TriState = 'yes' | 'no' | 'unknown';

/** One hop of the delivery path, oldest first. */
export interface PathHop {
  /** 1 for the oldest hop; the same number every finding and reason uses. */
  number: number;
  /** The sending host's name; null when only an address (or nothing) was recorded. */
  fromHost: string | null;
  /** The sending host's address as recorded (IP literals are shown as addresses, not names). */
  fromIp: string | null;
  byHost: string | null;
  encrypted: boolean | null;
  tlsVersion: string | null;
  cipher: string | null;
  /** Seconds since the previous hop. */
  delaySeconds: number | null;
  recordedBy: 'recipient' | 'sender';
  /** This hop is where the recipient's provider took the message over. */
  handoff: boolean;
}

export interface CategoryStars {
  category: 'confidentiality' | 'phishing' | 'integrity';
  /** 0–5 in half steps; null when it could not be rated (then no stars are drawn). */
  stars: number | null;
  /** The range unknown protocols leave open (equal to stars when definite). */
  lowest: number;
  highest: number;
  why: Msg;
}

export interface ProviderSummary {
  role: 'sender' | 'recipient';
  domain: string | null;
  stars: CategoryStars[];
  /** Why the stars are not shown for this message (a forgery says nothing of the real sender). */
  notRated: Msg | null;
}

/**
 * One vocabulary for every standard: present (published and sound), absent (not published),
 * fails (published but broken or failing), unknown (the lookup failed), not-checked (needs the
 * probe service, which is not configured or not reachable).
 */
/** `checking`: the answer the cell needs is still awaited (it refines after the padlock). */
export type StandardStatus =
  | 'present'
  | 'absent'
  | 'fails'
  | 'unknown'
  | 'not-checked'
  | 'checking';

/**
 * Who vouched for a DNSSEC verdict shown in a cell: MailSeal's own validation from the trust
 * anchor ("validated locally") or the resolver's AD flag ("resolver's word"), as the AD-flag
 * setting or as a fallback where local validation did not complete (then the text says why).
 */
export interface DnssecLabel {
  source: 'validated-locally' | 'resolver-ad-flag' | 'mixed';
  /** The resolver's word stood in for local validation (a labelled downgrade). */
  fallback: boolean;
  text: Msg;
  /** For a record's integrity note (MTA-STS, TLS-RPT): whether the record was DNSSEC-signed. */
  integrity?: Msg;
}

export interface StandardCell {
  status: StandardStatus;
  /** Shown under the state; null when the state says it all. */
  detail: Msg | null;
  /** Beside every verdict that rests on DNSSEC: who vouched for it. */
  dnssec?: DnssecLabel;
}

export interface StandardRow {
  /** The standard's name (STARTTLS, DANE …), the same in every language. */
  standard: string;
  /** The name in words to translate, where it is more than a name ("Certificate (PKIX)"). */
  label?: Msg;
  sender: StandardCell;
  recipient: StandardCell;
}

export interface ThreatCell {
  attacker: 'passive' | 'active' | 'forging-peer';
  property: 'confidentiality' | 'authenticity' | 'integrity';
  /** n/a: this attacker cannot attack this property at all (a passive one cannot forge). */
  protectedAgainst: TriState | 'n/a';
  reason: string;
  text: Msg;
}

export interface AdminFinding {
  code: string;
  severity: 'info' | 'low' | 'medium' | 'high' | 'critical';
  /** In English (copy as JSON, and the words shown when no `text` is given). */
  message: string;
  fix?: string;
  /** `message` to translate: findings the engine words from the message catalogue. */
  text?: Msg;
  fixText?: Msg;
}

export interface MxVerdictRow {
  host: string;
  starttls: TriState;
  certificate: Msg;
  dane: Msg;
  mtaSts: Msg;
  /** What a DANE sender, an MTA-STS sender and an opportunistic sender would do. */
  strictSenders: { dane: Msg; mtaSts: Msg; opportunistic: Msg };
}

export interface SenderAlertView {
  kind: string;
  tone: 'warning' | 'info';
  title: Msg;
  usually: Msg;
  meaning: Msg;
}

export interface MessageReport {
  site: WebmailSite;
  checkedAt: string;
  padlock: Padlock;
  /** Which checks were not run, in one line (no probe, DNS failed …); null when complete. */
  degraded: Msg | null;
  /** Raw errors behind `degraded`, for the admin view only ("DNS for x: <raw error>"). */
  problems: Msg[];
  /**
   * Answers the padlock still waits for: its level, headline, signals, reasons and alerts will be
   * refined ("still checking"). Empty: the padlock is final and no later answer changes it.
   */
  pending: ('dns' | 'probe')[];
  /**
   * Answers only the details still wait for (stars, the standards table, the admin view): they
   * refine after a final padlock, each cell saying "checking" meanwhile. Absent: none.
   */
  refining?: ('dns' | 'probe')[];
  /** 0 for the verdict from the headers alone, one more for each refinement. */
  stage: number;
  /** Things about the message itself a reader must know (two From fields …). */
  notices: Msg[];
  /**
   * Where this message is worse than the sender's established profile (docs/downgrade-alerts.md):
   * an extra, dismissible signal that never changes the padlock.
   */
  alerts?: SenderAlertView[];
  domains: {
    from: string | null;
    /** The domain the sender was judged by (the From domain's organizational domain). */
    judged: string | null;
    envelope: string | null;
    dkim: string[];
    recipientProvider: string | null;
  };
  /** What an attacker could or could not do, worst first; never repeats the headline. */
  reasons: Msg[];
  path: PathHop[];
  providers: ProviderSummary[];
  standards: StandardRow[];
  threats: ThreatCell[];
  admin: { findings: AdminFinding[]; mx: MxVerdictRow[] };
  /**
   * Per verified DKIM signer: could an attacker on the verifier's DNS path swap its key? The
   * DNSSEC verdict of the key answers, judged from the signer zone's chain, with its reason, the
   * zone where the chain ended and who vouched (validated locally, or the resolver's word).
   */
  dkimKeyProtection?: DkimKeyProtectionView[];
}

export interface DkimKeyProtectionView {
  signer: string;
  selectors: string[];
  state: string;
  reason: string;
  zone?: string;
  detail: string;
  trust: string;
  fallbacks: string[];
}

/** More answers will come: for the padlock (`pending`) or only for the details (`refining`). */
export function awaitsAnswers(report: Pick<MessageReport, 'pending' | 'refining'>): boolean {
  return report.pending.length > 0 || (report.refining?.length ?? 0) > 0;
}
