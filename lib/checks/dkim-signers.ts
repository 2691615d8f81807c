// The DKIM keys that signed one message: for every signature the recipient's provider verified
// (a trusted dkim=pass), its signer d= and selector s=, then the key at <s>._domainkey.<d>,
// judged (type, size, revoked) and with the DNSSEC state of that very answer. A signer may be a
// subdomain of the From domain (d=mail.example.com for From example.com): its key lives in the
// signer's own zone, so only that zone's chain says whether an attacker could swap the key.
import type { DnsClient } from '../dns/types.ts';
import type { CheckOutcome } from '../outcome.ts';
import { checkDkim, type DkimDetails, type DkimKeyProtection, keyProtectionOf } from './dkim.ts';
import type { DnssecState } from './dnssec-state.ts';

/** More signers than this in one message are not looked up (each key is a DNS query). */
export const MAX_DKIM_SIGNERS = 3;
const MAX_SELECTORS_PER_SIGNER = 2;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;

/** What this needs of MessageFacts (lib/headers/message-facts.ts); the real object fits. */
export interface DkimSignerFacts {
  authentication: {
    dkim: readonly { result: string; properties: Readonly<Record<string, string>> }[];
  };
  dkimSignatures: readonly { d: string | null; s: string | null }[];
}

export interface DkimSigner {
  /** The signing domain d=, lower case. */
  domain: string;
  selectors: string[];
}

const bare = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

function validName(selector: string, domain: string): boolean {
  const name = `${selector}._domainkey.${domain}`;
  return (
    name.length <= 253 &&
    [...selector.split('.'), ...domain.split('.')].every((label) => LABEL.test(label))
  );
}

function signerOf(properties: Readonly<Record<string, string>>): string | null {
  const d = properties['header.d'];
  if (d !== undefined) return bare(d);
  const i = properties['header.i'];
  if (i === undefined) return null;
  return bare(i.slice(i.lastIndexOf('@') + 1));
}

/**
 * Every signer the recipient's provider verified, with its selectors: `header.s` of the
 * trusted dkim=pass, else the `s=` of the message's own signatures by that d=. Only verified
 * signatures count: anyone can write a DKIM-Signature naming a key that does not exist.
 */
export function dkimSignersFromFacts(facts: DkimSignerFacts): DkimSigner[] {
  const bySigner = new Map<string, Set<string>>();
  for (const r of facts.authentication.dkim) {
    if (r.result.toLowerCase() !== 'pass') continue;
    const domain = signerOf(r.properties);
    if (domain === null || domain === '') continue;
    const selectors = bySigner.get(domain) ?? new Set<string>();
    bySigner.set(domain, selectors);
    const s = r.properties['header.s'];
    if (s !== undefined) selectors.add(bare(s));
    else
      for (const sig of facts.dkimSignatures)
        if (sig.s !== null && sig.d !== null && bare(sig.d) === domain) selectors.add(bare(sig.s));
  }
  const signers: DkimSigner[] = [];
  for (const [domain, set] of bySigner) {
    const selectors = [...set]
      .filter((s) => validName(s, domain))
      .slice(0, MAX_SELECTORS_PER_SIGNER);
    if (selectors.length > 0) signers.push({ domain, selectors });
  }
  return signers.slice(0, MAX_DKIM_SIGNERS);
}

export interface DkimSignerPosture {
  domain: string;
  selectors: string[];
  /** The key records judged by checkDkim (pass: every key present and sound). */
  keys: CheckOutcome<DkimDetails>;
  /** DNSSEC of the key answers themselves, the weakest of them (= protection.state). */
  dnssec: DnssecState;
  /** The explicit key-protection verdict: state, reason, zone, who vouched, any fallback. */
  protection: DkimKeyProtection;
  /** The smallest key among them, in bits; null when none could be read. */
  smallestKeyBits: number | null;
}

/** Looks up and judges the keys of one signer. Two lookups per selector at most (CD retry). */
export async function assessDkimSigner(
  dns: DnsClient,
  signer: DkimSigner,
  signal?: AbortSignal,
): Promise<DkimSignerPosture> {
  const keys = await checkDkim(dns, signer.domain, signer.selectors, signal);
  const protection = keys.details?.protection ?? keyProtectionOf(signer.domain, []);
  const bits = (keys.details?.keys ?? [])
    .map((k) => k.bits)
    .filter((b): b is number => b !== undefined);
  return {
    domain: signer.domain,
    selectors: signer.selectors,
    keys,
    dnssec: protection.state,
    protection,
    smallestKeyBits: bits.length === 0 ? null : Math.min(...bits),
  };
}
