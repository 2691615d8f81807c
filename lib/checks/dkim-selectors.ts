// DKIM selectors for the DNS checks, taken from a message (`assessDomainDns(domain,
// { dkimSelectors })`). Only selectors the recipient's provider vouched for count: a trusted
// dkim=pass for the domain. Anyone can write a DKIM-Signature naming a selector that does not
// exist; checking that selector would report a missing key for an innocent domain.

/** What this needs of MessageFacts (lib/headers/message-facts.ts); the real object fits. */
export interface DkimSelectorFacts {
  from: { domain: string | null } | null;
  /** Only the recipient provider's own (trusted) results. */
  authentication: {
    dkim: readonly { result: string; properties: Readonly<Record<string, string>> }[];
  };
  dkimSignatures: readonly { d: string | null; s: string | null }[];
}

/** More selectors than this in one message are not looked up (each is a DNS query). */
export const MAX_DKIM_SELECTORS = 4;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const bare = (domain: string) => domain.trim().toLowerCase().replace(/\.$/, '');

/** RFC 6376 §3.1: dot-separated DNS labels; the full key name must fit in 253 characters. */
function validSelector(selector: string, domain: string): boolean {
  const name = `${selector}._domainkey.${domain}`;
  return name.length <= 253 && selector.split('.').every((label) => LABEL.test(label));
}

function signingDomain(properties: Readonly<Record<string, string>>): string | null {
  const d = properties['header.d'];
  if (d !== undefined) return bare(d);
  const i = properties['header.i'];
  const at = i?.lastIndexOf('@') ?? -1;
  return i === undefined ? null : bare(i.slice(at + 1));
}

/**
 * The selectors whose keys signed this message for `domain` (default: the From domain) and
 * verified, as the recipient's provider reported them: `header.s` of each trusted dkim=pass,
 * or, when the result names no selector, the `s=` of the message's signatures by `domain`.
 * Lower-case, deduplicated, in the order found, at most MAX_DKIM_SELECTORS.
 */
export function dkimSelectorsFromFacts(
  facts: DkimSelectorFacts,
  domain: string | null = facts.from?.domain ?? null,
): string[] {
  if (domain === null || domain.trim() === '') return [];
  const target = bare(domain);
  const passes = facts.authentication.dkim.filter(
    (r) => r.result.toLowerCase() === 'pass' && signingDomain(r.properties) === target,
  );
  const found: string[] = [];
  for (const r of passes) {
    const s = r.properties['header.s'];
    if (s !== undefined) found.push(s);
    else {
      for (const sig of facts.dkimSignatures) {
        if (sig.s !== null && sig.d !== null && bare(sig.d) === target) found.push(sig.s);
      }
    }
  }
  const selectors = [...new Set(found.map((s) => s.trim().toLowerCase()))];
  return selectors.filter((s) => validSelector(s, target)).slice(0, MAX_DKIM_SELECTORS);
}
