// What an admin can do when a protocol is missing from a category. One place, so the CLI, the
// extension and docs/scoring.md say the same thing: the words are in the message catalogue
// (text-en.ts, and every locale of the extension); these are the English ones, for the CLI.
import type { Protocol } from './mecsa-tables.ts';
import { englishOf, type ScoreTextKey, type Text, text } from './text.ts';

const KEY: Readonly<Record<Protocol, string>> = {
  starttls: 'starttls',
  x509: 'x509',
  dane: 'dane',
  'mta-sts': 'mta_sts',
  spf: 'spf',
  dkim: 'dkim',
  dmarc: 'dmarc',
  dnssec: 'dnssec',
};

/** A protocol's name as a text to translate (`MTA-STS (enforce)`). */
export const protocolLabel = (p: Protocol): Text =>
  text(`label_protocol_${KEY[p]}` as ScoreTextKey);

/** What to do when a protocol is missing, as a text to translate. */
export const protocolFix = (p: Protocol): Text => text(`fix_protocol_${KEY[p]}` as ScoreTextKey);

const englishTable = (pick: (p: Protocol) => Text): Readonly<Record<Protocol, string>> =>
  Object.fromEntries(
    (Object.keys(KEY) as Protocol[]).map((p) => [p, englishOf(pick(p).key as ScoreTextKey)]),
  ) as Record<Protocol, string>;

export const PROTOCOL_LABEL: Readonly<Record<Protocol, string>> = englishTable(protocolLabel);

export const PROTOCOL_FIX: Readonly<Record<Protocol, string>> = englishTable(protocolFix);
