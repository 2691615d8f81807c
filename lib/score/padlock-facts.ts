// Which of a domain's DNS facts the padlock reads. The padlock (its threat matrix, headline and
// the transport and sender signals) reads the recipient's DANE and MTA-STS record, when no probe
// answer decides them, and the sender's zone signing and DMARC policy. The other facts (SPF, the
// DKIM estimate, MECSA's DNSSEC support) only rate the providers' stars. The extension shows a
// final padlock once these are in and lets the slower details refine after it
// (lib/ext/known-evidence.ts); score-message.ts reads no other field (its types say so).

import type { DnsFactsInput, ProbeInput } from './inputs.ts';

export const PADLOCK_DNS_FACTS = {
  sender: ['zoneSigned', 'dmarc'],
  recipient: ['dane', 'mtaStsRecord'],
} as const satisfies Record<string, readonly (keyof DnsFactsInput)[]>;

export type PadlockRole = keyof typeof PADLOCK_DNS_FACTS;

/**
 * The sender's facts the padlock reads: DMARC, and its zone signing (the DKIM key's protection)
 * unless the signer key's own answer decides that (score-message.ts `senderZoneRead`).
 */
export type SenderPadlockFacts = Pick<
  DnsFactsInput,
  'domain' | (typeof PADLOCK_DNS_FACTS.sender)[number]
>;

/** The recipient's facts the padlock reads when no probe answer decides them. */
export type RecipientPadlockFacts = Pick<
  DnsFactsInput,
  'domain' | (typeof PADLOCK_DNS_FACTS.recipient)[number]
>;

/** A probe answer that decides the recipient's transport: then its DNS facts are not read. */
export function probeDecides(probe: ProbeInput | null | undefined): probe is ProbeInput {
  return probe !== null && probe !== undefined && probe.mxStatus !== 'temperror';
}
