// What of MessageFacts may leave the content script: hosts, IPs, TLS and authentication results,
// domains. Addresses, raw header lines, queue ids and signatures stay in the tab.

import type { AuthResult, Identity, MessageFacts } from '../headers/message-facts.ts';

const ADDRESS = /[^\s<>"'(),;:@]+@([a-z0-9.-]+)/gi;

/** Replaces every mail address in free text by its domain. */
export function scrubAddresses(text: string): string {
  return text.replace(ADDRESS, (_whole, domain: string) => `…@${domain}`);
}

function identity<T extends Identity>(value: T | null): T | null {
  return value ? { ...value, address: null } : null;
}

function authResult(result: AuthResult): AuthResult {
  const properties = Object.fromEntries(
    Object.entries(result.properties).map(([key, value]) => [key, scrubAddresses(value)]),
  );
  return {
    ...result,
    properties,
    reason: result.reason === null ? null : scrubAddresses(result.reason),
    comment: result.comment === null ? null : scrubAddresses(result.comment),
  };
}

export function redactFacts(facts: MessageFacts): MessageFacts {
  return {
    ...facts,
    hops: facts.hops.map((hop) => ({
      ...hop,
      for: null,
      id: null,
      raw: '',
      evidence: scrubAddresses(hop.evidence),
      warnings: hop.warnings.map(scrubAddresses),
    })),
    from: identity(facts.from),
    envelopeFrom: identity(facts.envelopeFrom),
    authentication: {
      ...facts.authentication,
      spf: facts.authentication.spf && authResult(facts.authentication.spf),
      dkim: facts.authentication.dkim.map(authResult),
      dmarc: facts.authentication.dmarc && authResult(facts.authentication.dmarc),
      arc: facts.authentication.arc && authResult(facts.authentication.arc),
      other: facts.authentication.other.map(authResult),
    },
    claims: facts.claims.map(authResult),
    dkimSignatures: facts.dkimSignatures.map((signature) => ({
      ...signature,
      i: signature.i === null ? null : scrubAddresses(signature.i),
      b: null,
      bh: null,
      warnings: signature.warnings.map(scrubAddresses),
    })),
    warnings: facts.warnings.map(scrubAddresses),
  };
}
