// One call for the badge: a message's facts plus what is known about its two providers give the
// transit verdict, the threat matrix, the padlock and the MECSA stars of both providers.
import { type HandoffObservation, senderDomainOf } from './handoff-history.ts';
import type { DnsFactsInput, MessageInput, ProbeInput, SignerKeyInput } from './inputs.ts';
import { type Padlock, padlockOf } from './padlock.ts';
import {
  probeDecides,
  type RecipientPadlockFacts,
  type SenderPadlockFacts,
} from './padlock-facts.ts';
import { type ProviderScore, scoreProvider } from './provider-score.ts';
import {
  type RecipientTransport,
  type SignerPosture,
  type ThreatMatrix,
  threatMatrix,
} from './threat-matrix.ts';
import { type TransitVerdict, transitVerdict } from './transit-verdict.ts';

export interface DomainEvidence {
  dns?: DnsFactsInput | null;
  probe?: ProbeInput | null;
}

export interface ScoreMessageInput {
  facts: MessageInput;
  /** DNS and probe of the recipient's mailbox domain (`facts.recipientDomain`). */
  recipient?: DomainEvidence;
  /** DNS and probe of the From domain, and its handoff history (handoff-history.ts). */
  sender?: DomainEvidence & { observations?: readonly HandoffObservation[] };
  /** The keys of the message's verified DKIM signers, looked up at `<s>._domainkey.<d>`. */
  signerKeys?: readonly SignerKeyInput[];
}

export interface MessageScore {
  transit: TransitVerdict;
  recipientTransport: RecipientTransport;
  signer: SignerPosture;
  matrix: ThreatMatrix;
  padlock: Padlock;
  providers: { sender: ProviderScore | null; recipient: ProviderScore | null };
}

const same = (a: string | null | undefined, b: string | null | undefined) =>
  a !== null &&
  a !== undefined &&
  b !== null &&
  b !== undefined &&
  a.toLowerCase() === b.toLowerCase();

const within = (name: string, zone: string) =>
  same(name, zone) || name.toLowerCase().endsWith(`.${zone.toLowerCase()}`);

/** Evidence about some other domain than the one asked for is not evidence. */
function forDomain(domain: string | null, e: DomainEvidence | undefined): DomainEvidence {
  if (domain === null || e === undefined) return {};
  return {
    dns: e.dns && same(e.dns.domain, domain) ? e.dns : null,
    probe: e.probe && same(e.probe.domain, domain) ? e.probe : null,
  };
}

/** The padlock's view of the recipient's evidence: only the DNS facts it reads (padlock-facts.ts). */
interface RecipientEvidence {
  dns?: RecipientPadlockFacts | null;
  probe?: ProbeInput | null;
}

export function recipientTransportOf(
  domain: string | null,
  e: RecipientEvidence,
): RecipientTransport {
  const probe = e.probe ?? null;
  if (probeDecides(probe)) {
    const v = probe.verdict;
    const decided = (o: string) => (o === 'untested' ? null : o === 'authenticated-tls');
    // Only enforce mode makes a sender refuse an unverified server; testing mode delivers anyway.
    const enforce =
      probe.mtaSts.mode === 'enforce'
        ? decided(v.mtaSts.outcome)
        : probe.mtaSts.status === 'temperror'
          ? null
          : false;
    return { domain, dane: decided(v.dane.outcome), mtaStsEnforce: enforce };
  }
  const dns = e.dns ?? null;
  return {
    domain,
    dane: dns?.dane ?? null,
    // A record alone says nothing of the mode; no record means no policy.
    mtaStsEnforce: dns?.mtaStsRecord === false ? false : null,
  };
}

/**
 * The signer key's own answer decides its DNSSEC protection (validated, or proven insecure):
 * then the sender's zone signing is not read. Also when the message has no DKIM domain.
 */
export function signerKeyDecides(
  dkimDomain: string | null,
  keys: readonly SignerKeyInput[],
): boolean {
  if (dkimDomain === null) return true;
  const dnssec = keys.find((k) => same(k.domain, dkimDomain))?.dnssec;
  return dnssec !== null && dnssec !== undefined;
}

/** Whether the padlock of this message reads the sender's zone signing, given these keys. */
export function senderZoneRead(facts: MessageInput, keys: readonly SignerKeyInput[]): boolean {
  return !signerKeyDecides(transitVerdict(facts).dkim.domain, keys);
}

/**
 * The signer's key protection comes from the signer's own zone only: first the DNSSEC state of
 * the key answers themselves, else the signer zone's DNSKEY (or an unsigned parent zone, under
 * which nothing validates). The MX hosts' zones have nothing to do with it.
 */
function signerPostureOf(
  dkimDomain: string | null,
  keys: readonly SignerKeyInput[],
  zones: readonly (SenderPadlockFacts | null | undefined)[],
  fromDomain: string | null,
): SignerPosture {
  const key = dkimDomain === null ? undefined : keys.find((k) => same(k.domain, dkimDomain));
  let dnssec: boolean | null = key?.dnssec ?? null;
  const readsZone = !signerKeyDecides(dkimDomain, keys);
  let dmarcPolicy: SignerPosture['dmarcPolicy'] = null;
  for (const dns of zones) {
    if (dns === null || dns === undefined) continue;
    if (readsZone && dkimDomain !== null && dnssec === null) {
      // A zone under an unsigned parent cannot validate; a signed parent proves nothing below it.
      if (same(dkimDomain, dns.domain)) dnssec = dns.zoneSigned;
      else if (within(dkimDomain, dns.domain) && dns.zoneSigned === false) dnssec = false;
    }
    if (fromDomain !== null && dmarcPolicy === null && within(fromDomain, dns.domain)) {
      dmarcPolicy = dns.dmarc.policy;
    }
  }
  const posture: SignerPosture = { domain: dkimDomain, dnssec, dmarcPolicy };
  return key === undefined ? posture : { ...posture, keyBits: key.bits };
}

export function scoreMessage(input: ScoreMessageInput): MessageScore {
  const { facts } = input;
  const transit = transitVerdict(facts);
  const recipientDomain = facts.recipientDomain?.toLowerCase() ?? null;
  const senderDomain = senderDomainOf(facts);
  const recipient = forDomain(recipientDomain, input.recipient);
  const sender = forDomain(senderDomain, input.sender);
  const recipientTransport = recipientTransportOf(recipientDomain, recipient);
  const fromDomain = facts.from?.domain ?? null;
  const signer = signerPostureOf(
    transit.dkim.domain,
    input.signerKeys ?? [],
    [sender.dns],
    fromDomain,
  );
  const matrix = threatMatrix({ transit, recipient: recipientTransport, signer, fromDomain });
  return {
    transit,
    recipientTransport,
    signer,
    matrix,
    padlock: padlockOf(matrix, transit, { fromDomain, dmarcPolicy: signer.dmarcPolicy }),
    providers: {
      sender:
        senderDomain === null
          ? null
          : scoreProvider({
              domain: senderDomain,
              ...sender,
              observations: input.sender?.observations ?? [],
            }),
      recipient:
        recipientDomain === null ? null : scoreProvider({ domain: recipientDomain, ...recipient }),
    },
  };
}
