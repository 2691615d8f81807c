// The report of one message, as the popup, the inline badge and "copy as JSON" show it.
// A view model: built in the background from MessageFacts, DNS postures, probe results and scores.

export type PadlockLevel = 'green' | 'amber' | 'red' | 'grey';

export interface Padlock {
  level: PadlockLevel;
  /** One line in plain words for ordinary users. */
  reason: string;
}

export type TriState = 'yes' | 'no' | 'unknown';

/** One hop of the delivery path, oldest first. */
export interface PathHop {
  fromHost: string | null;
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
  label: string;
  /** 0–5 in half steps; null when it could not be rated. */
  stars: number | null;
  /** The range unknown protocols leave open (equal to stars when definite). */
  lowest: number;
  highest: number;
  why: string;
}

export interface ProviderSummary {
  role: 'sender' | 'recipient';
  domain: string | null;
  stars: CategoryStars[];
}

export interface StandardCell {
  status: 'pass' | 'fail' | 'none' | 'unknown';
  detail: string;
}

export interface StandardRow {
  standard: string;
  sender: StandardCell;
  recipient: StandardCell;
}

export interface ThreatCell {
  attacker: 'passive' | 'active' | 'forging-peer';
  property: 'confidentiality' | 'authenticity' | 'integrity';
  /** n/a: this attacker cannot attack this property at all (a passive one cannot forge). */
  protectedAgainst: TriState | 'n/a';
  reason: string;
}

export interface AdminFinding {
  code: string;
  severity: 'info' | 'low' | 'medium' | 'high' | 'critical';
  message: string;
  fix?: string;
}

export interface MxVerdictRow {
  host: string;
  starttls: TriState;
  certificate: string;
  dane: string;
  mtaSts: string;
  /** What a DANE sender, an MTA-STS sender and an opportunistic sender would do. */
  strictSenders: { dane: string; mtaSts: string; opportunistic: string };
}

export interface MessageReport {
  site: 'gmail' | 'outlook';
  checkedAt: string;
  padlock: Padlock;
  /** Why the report is partial (no probe configured, DNS failed …); null when complete. */
  degraded: string | null;
  domains: {
    from: string | null;
    envelope: string | null;
    dkim: string[];
    recipientProvider: string | null;
  };
  reasons: string[];
  path: PathHop[];
  providers: ProviderSummary[];
  standards: StandardRow[];
  threats: ThreatCell[];
  admin: { findings: AdminFinding[]; mx: MxVerdictRow[] };
}
