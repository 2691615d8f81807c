// The per-message transit verdict: what the parsed path and the recipient provider's own
// Authentication-Results say about this one message. Hops before the handoff were written by the
// sender's side and count only as claims.
import { classifyTls, type SecurityClass } from '../tls/index.ts';
import type { AuthResultInput, HopInput, MessageInput } from './inputs.ts';
import { isInternalAddress } from './internal-address.ts';

export interface HopRef {
  index: number;
  from: string | null;
  by: string | null;
  evidence: string;
}

export type DmarcPolicy = 'reject' | 'quarantine' | 'none';

export interface TransitVerdict {
  /** The hop where the message entered the recipient's provider (recipient evidence). */
  handoff: {
    index: number;
    encrypted: boolean | null;
    tlsVersion: string | null;
    cipher: string | null;
    tlsClass: SecurityClass | null;
    from: string | null;
    by: string | null;
    evidence: string;
  } | null;
  /** Recipient-recorded hops from the handoff on. */
  recipientHops: {
    count: number;
    /** true: every hop shows TLS; false: some hop is cleartext; null: some hop has no evidence. */
    allEncrypted: boolean | null;
    /** Cleartext hops an outside attacker can reach: the handoff, or a public client address. */
    exposedCleartext: HopRef[];
    /** Cleartext between provider-internal addresses (loopback, private, no address). */
    internalCleartext: HopRef[];
    noEvidence: HopRef[];
  };
  /** Hops written before the handoff: the sender side's claims, never evidence. */
  senderClaims: { count: number; claimedEncrypted: boolean | null; cleartext: HopRef[] };
  dkim: {
    result: 'pass' | 'fail' | 'none' | 'unknown';
    /** A passing signature's d= aligns with the From domain (relaxed). */
    aligned: boolean | null;
    domain: string | null;
    /** The passing signature covers only part of the body (`l=`). */
    bodyLengthLimited: boolean;
  };
  spf: { result: string; aligned: boolean | null; domain: string | null };
  dmarc: { result: string; policy: DmarcPolicy | null };
  arc: {
    chain: boolean;
    instances: number;
    /** cv= of the newest ARC-Seal. */
    sealValidation: string | null;
    /** The recipient provider's own arc= result (trusted); `none` without a chain. */
    verified: string;
    trusted: boolean;
  };
  /** DMARC failed, or without DMARC both DKIM and SPF failed, and no trusted ARC vouches. */
  authenticationFailed: boolean;
  /** DMARC failed after forwarding, but the recipient's provider verified an ARC chain. */
  arcVouchedForward: boolean;
}

const ref = (h: HopInput): HopRef => ({
  index: h.index,
  from: h.from.host ?? h.from.ip,
  by: h.by.host,
  evidence: h.evidence,
});

function encryptedAll(hops: readonly HopInput[]): boolean | null {
  if (hops.some((h) => h.encrypted === false)) return false;
  if (hops.length === 0 || hops.some((h) => h.encrypted === null)) return null;
  return true;
}

export function dmarcPolicyOf(r: AuthResultInput | null): DmarcPolicy | null {
  if (r === null) return null;
  const raw = r.properties['policy.dmarc'] ?? /\bp=([a-z]+)/i.exec(r.comment ?? '')?.[1] ?? null;
  const p = raw?.toLowerCase();
  return p === 'reject' || p === 'quarantine' || p === 'none' ? p : null;
}

function dkimVerdict(m: MessageInput): TransitVerdict['dkim'] {
  const results = m.authentication.dkim;
  const anyTrusted =
    m.authentication.spf !== null || m.authentication.dmarc !== null || results.length > 0;
  const pass = results.some((r) => r.result === 'pass');
  const result = pass
    ? 'pass'
    : results.some((r) => r.result === 'fail' || r.result === 'permerror')
      ? 'fail'
      : anyTrusted && m.dkimSignatures.length === 0
        ? 'none'
        : results.some((r) => r.result === 'none')
          ? 'none'
          : 'unknown';
  const domain = pass ? (m.alignment.dkim.domain ?? m.alignment.dkimPassDomains[0] ?? null) : null;
  const signed = m.dkimSignatures.filter((s) => s.d !== null && s.d.toLowerCase() === domain);
  return {
    result,
    aligned: pass ? m.alignment.dkim.relaxed : result === 'unknown' ? null : false,
    domain,
    bodyLengthLimited: signed.some((s) => s.bodyLengthLimited),
  };
}

export function transitVerdict(m: MessageInput): TransitVerdict {
  const hi = m.trust.handoffIndex;
  const h = hi === null ? undefined : m.hops[hi];
  const handoff =
    h === undefined || h.recordedBy !== 'recipient'
      ? null
      : {
          index: h.index,
          encrypted: h.encrypted,
          tlsVersion: h.tls?.version ?? null,
          cipher: h.tls?.cipher ?? null,
          tlsClass: h.tls?.class ?? classifyTls(h.tls?.version, h.tls?.cipher),
          from: h.from.host ?? h.from.ip,
          by: h.by.host,
          evidence: h.evidence,
        };
  const recipient = m.hops.filter(
    (x) => x.recordedBy === 'recipient' && (hi === null || x.index >= hi),
  );
  const sender = m.hops.filter((x) => x.recordedBy === 'sender');
  const cleartext = recipient.filter((x) => x.encrypted === false);
  const exposed = (x: HopInput) =>
    x.index === hi || (x.from.ip !== null && !isInternalAddress(x.from.ip));

  const auth = m.authentication;
  const dkim = dkimVerdict(m);
  const spfResult = auth.spf?.result ?? 'unknown';
  const dmarcResult = auth.dmarc?.result ?? 'unknown';
  const seals = [...m.arcSeals].sort((a, b) => (b.i ?? 0) - (a.i ?? 0));
  const arcVerified = auth.arc?.result ?? (seals.length === 0 ? 'none' : 'unknown');
  const spfFailed = spfResult === 'fail';
  const failed =
    dmarcResult === 'fail' || (auth.dmarc === null && dkim.result === 'fail' && spfFailed);
  return {
    handoff,
    recipientHops: {
      count: recipient.length,
      allEncrypted: encryptedAll(recipient),
      exposedCleartext: cleartext.filter(exposed).map(ref),
      internalCleartext: cleartext.filter((x) => !exposed(x)).map(ref),
      noEvidence: recipient.filter((x) => x.encrypted === null).map(ref),
    },
    senderClaims: {
      count: sender.length,
      claimedEncrypted: encryptedAll(sender),
      cleartext: sender.filter((x) => x.encrypted === false).map(ref),
    },
    dkim,
    spf: {
      result: spfResult,
      aligned:
        spfResult === 'pass' ? m.alignment.spf.relaxed : spfResult === 'unknown' ? null : false,
      domain: m.alignment.spf.domain,
    },
    dmarc: { result: dmarcResult, policy: dmarcPolicyOf(auth.dmarc) },
    arc: {
      chain: seals.length > 0,
      instances: seals[0]?.i ?? 0,
      sealValidation: seals[0]?.cv ?? null,
      verified: arcVerified,
      trusted: arcVerified === 'pass',
    },
    authenticationFailed: failed && arcVerified !== 'pass',
    arcVouchedForward: failed && arcVerified === 'pass',
  };
}
