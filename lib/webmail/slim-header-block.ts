// What the content script passes on of a message's header block: only the fields the header
// engine reads, with every mailbox reduced to its domain. Subjects, message ids, display names
// and local parts stay in the tab. The heavy analysis (public suffix list, trust boundary) runs in
// the background on this slim block, so the content script stays small and fast.
//
// Field positions matter to the engine (an Authentication-Results header counts only in a place
// the sender cannot reach), so every dropped field leaves an empty placeholder behind.

import { splitHeaderBlock } from '../headers/header-block.ts';
import type { SlimHeaders } from '../messaging/protocol.ts';
import { addressDomains } from './address-domains.ts';

/** Trace and authentication fields, kept with their local parts masked. */
const TRACE_FIELDS: ReadonlySet<string> = new Set([
  'received',
  'authentication-results',
  'arc-authentication-results',
  'received-spf',
  'dkim-signature',
  'arc-seal',
]);

/**
 * Address fields, kept as a list of `<x@domain>`; the engine reads the first (From: all). A Map,
 * since field names come from the message ('constructor' would find Object.prototype's).
 */
const ADDRESS_FIELDS: ReadonlyMap<string, number> = new Map([
  ['from', 32],
  ['return-path', 1],
  ['delivered-to', 1],
  ['x-original-to', 1],
  ['to', 1],
]);

export const OMITTED_FIELD = 'x-mailseal-omitted';
const MASKED_LOCAL_PART = 'x';

// A local part as it appears in trace fields: `for <bob@x>`, `smtp.mailfrom=bob@x`, `i=bob@x`.
const LOCAL_PART = /[^\s<>"'(),;:@=[\]]+@(?=[a-z0-9_[])/gi;

/** Replaces the local part of every address in free header text by `x`. */
export function maskLocalParts(value: string): string {
  return value.replace(LOCAL_PART, `${MASKED_LOCAL_PART}@`);
}

function maskedAddressList(value: string, keep: number): string {
  return addressDomains(value)
    .slice(0, keep)
    .map((domain) => `<${MASKED_LOCAL_PART}@${domain}>`)
    .join(', ');
}

export function slimHeaderBlock(block: string): SlimHeaders {
  const split = splitHeaderBlock(block);
  const lines = split.fields.map(({ name, value }) => {
    if (TRACE_FIELDS.has(name)) return `${name}: ${maskLocalParts(value)}`;
    const keep = ADDRESS_FIELDS.get(name);
    if (keep !== undefined) return `${name}: ${maskedAddressList(value, keep)}`;
    return `${OMITTED_FIELD}:`;
  });
  return { block: lines.join('\r\n'), warnings: split.warnings };
}
