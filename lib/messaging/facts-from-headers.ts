// The background's half of header analysis: the content script's slim header block (see
// lib/webmail/slim-header-block.ts) → redacted MessageFacts. Here, not in the page, because the
// header engine's organizational domains need the public suffix list, far too big for a
// content script.

import { analyzeHeaders } from '../headers/analyze.ts';
import type { MessageFacts } from '../headers/message-facts.ts';
import type { SlimHeaders, WebmailSite } from './protocol.ts';
import { redactFacts } from './redact-facts.ts';

/**
 * Organizational domains of each webmail's provider: the header engine's trust boundary. A
 * self-hosted Roundcube has none built in: its provider is the organization of the host it is
 * served from (webmail.example.org reads mail that mx.example.org received).
 */
export const PROVIDER_DOMAINS: Readonly<
  Record<Exclude<WebmailSite, 'roundcube'>, readonly string[]>
> = {
  gmail: ['google.com'],
  outlook: ['outlook.com', 'office365.com', 'microsoft.com'],
};

export function providerDomainsOf(site: WebmailSite, webmailHost?: string): readonly string[] {
  if (site !== 'roundcube') return PROVIDER_DOMAINS[site];
  return webmailHost ? [webmailHost] : [];
}

export function factsFromHeaders(
  site: WebmailSite,
  headers: SlimHeaders,
  options: { now?: number; webmailHost?: string } = {},
): MessageFacts {
  const facts = analyzeHeaders(headers.block, {
    providerDomains: providerDomainsOf(site, options.webmailHost),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  // The original block's own warnings (truncation, junk lines) come first, as the engine orders them.
  const warnings = Array.isArray(headers.warnings)
    ? headers.warnings.filter((w) => typeof w === 'string')
    : [];
  return redactFacts({ ...facts, warnings: [...warnings, ...facts.warnings] });
}
