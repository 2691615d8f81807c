// One message as a profile observation: how its handoff, DKIM, alignment and ARC looked, read
// only from what the user's own provider recorded (the handoff hop and the trusted
// Authentication-Results). Everything below the handoff can be forged, so none of it counts.
import { domainOfAddress, organizationalDomain } from '../headers/identity.ts';
import type { MessageFacts } from '../headers/message-facts.ts';
import type {
  AlignmentState,
  DkimSigner,
  DkimState,
  HandoffTransport,
  ProfileObservation,
} from './profile-types.ts';
import { shortHash } from './short-hash.ts';

/** The fields of MessageFacts the profile reads. */
export type ProfileFacts = Pick<
  MessageFacts,
  'hops' | 'from' | 'authentication' | 'alignment' | 'trust' | 'dkimSignatures' | 'arcSeals'
>;

/** Published DKIM key fingerprints by `<selector>._domainkey.<signer>`, lower-case. */
export type KeyFingerprints = ReadonlyMap<string, string>;

export const keyName = (d: string, s: string): string => `${s}._domainkey.${d}`.toLowerCase();

/** The sender organisational domain a profile is kept under; null when the From has none. */
export function profileSenderOf(facts: Pick<ProfileFacts, 'from'>): string | null {
  const org = facts.from?.organizationalDomain ?? facts.from?.domain ?? null;
  return org === null || org === '' ? null : org.toLowerCase();
}

const DAY_MS = 86_400_000;

export function dayNumber(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function transportOf(hop: ProfileFacts['hops'][number]): HandoffTransport {
  if (hop.encrypted === false) return 'cleartext';
  if (hop.encrypted !== true) return 'unknown';
  const version = hop.tls?.version;
  return version === 'SSLv3' || (version?.startsWith('TLSv1.') ?? false)
    ? (version as HandoffTransport)
    : 'tls';
}

function passingSigners(facts: ProfileFacts, keys: KeyFingerprints): DkimSigner[] {
  const signers: DkimSigner[] = [];
  for (const result of facts.authentication.dkim) {
    if (result.result !== 'pass') continue;
    // header.d names the signer; some providers give only header.i (RFC 8601 §2.7.1).
    const d = (
      result.properties['header.d'] ??
      domainOfAddress(result.properties['header.i']) ??
      ''
    ).toLowerCase();
    // Providers often omit header.s; the message's own signature by that signer names it.
    const s = (
      result.properties['header.s'] ??
      facts.dkimSignatures.find((sig) => sig.d?.toLowerCase() === d)?.s ??
      ''
    ).toLowerCase();
    if (d === '' || signers.some((x) => x.d === d && x.s === s)) continue;
    signers.push({ d, s, key: s === '' ? null : (keys.get(keyName(d, s)) ?? null) });
  }
  return signers.sort((a, b) => a.d.localeCompare(b.d) || a.s.localeCompare(b.s));
}

function dkimStateOf(facts: ProfileFacts, signers: readonly DkimSigner[]): DkimState {
  if (signers.length > 0) return 'pass';
  if (facts.authentication.dkim.length > 0) {
    return facts.authentication.dkim.every((r) => r.result === 'none') ? 'none' : 'fail';
  }
  // No trusted DKIM result: an unsigned message is still "none"; a signed one is unknown.
  if (facts.authentication.authservId === null) return 'unknown';
  return facts.dkimSignatures.length === 0 ? 'none' : 'unknown';
}

function dmarcOf(facts: ProfileFacts): AlignmentState {
  const result = facts.authentication.dmarc?.result;
  if (result === undefined) return 'unknown';
  if (result === 'pass') return 'aligned';
  return result === 'fail' ? 'unaligned' : 'unknown';
}

function spfOf(facts: ProfileFacts): AlignmentState {
  const result = facts.authentication.spf?.result;
  if (result === undefined) return 'unknown';
  return result === 'pass' && facts.alignment.spf.relaxed ? 'aligned' : 'unaligned';
}

/**
 * The message as an observation on `now`'s day (or its handoff day when recorded); null when
 * the user's provider recorded no handoff, so there is nothing trustworthy to learn from.
 */
export async function observeMessage(
  facts: ProfileFacts,
  now: Date,
  keys: KeyFingerprints = new Map(),
): Promise<ProfileObservation | null> {
  const index = facts.trust.handoffIndex;
  const hop = index === null ? undefined : facts.hops[index];
  if (hop === undefined || hop.recordedBy !== 'recipient') return null;
  const at = hop.at === null ? now : new Date(hop.at);
  const signers = passingSigners(facts, keys);
  const host = hop.from.host;
  return {
    day: dayNumber(Number.isNaN(at.getTime()) ? now : at),
    id: await shortHash([hop.at ?? '', hop.from.ip ?? host ?? '', hop.by.host ?? ''].join('|')),
    tls: transportOf(hop),
    cipher: hop.tls?.class ?? null,
    auth: hop.authenticated,
    dkim: dkimStateOf(facts, signers),
    signers,
    dmarc: dmarcOf(facts),
    spf: spfOf(facts),
    arc: facts.arcSeals.length > 0 || facts.authentication.arc !== null,
    provider: host === null ? null : organizationalDomain(host.toLowerCase()),
  };
}
