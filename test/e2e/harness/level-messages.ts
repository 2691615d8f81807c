// One lab message per padlock level, as Gmail's "show original" would serve them, for the
// screenshot, contrast and accessibility tests. Each differs from labMessage (lab-messages.ts)
// only where its level comes from: the handoff's TLS, or the provider's authentication results.
//   green           TLS 1.3 into a DANE + MTA-STS recipient, sender passes DMARC
//   amber           the same into a recipient whose MX has a self-signed certificate
//   red             the handoff into the recipient's MX was plain SMTP
//   could-not-test  the handoff records no protocol (no "with" clause): no TLS evidence either way
//   forged          DMARC fails for the From domain under p=reject
// and one that is about the message, not a level: two From fields (two-from).

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labMessage } from './lab-messages.ts';

export const LEVEL_NAMES = ['green', 'amber', 'red', 'could-not-test', 'forged'] as const;
export type LevelName = (typeof LEVEL_NAMES)[number] | 'two-from';

export interface LevelMessage {
  name: LevelName;
  /** data-state the inline padlock ends in; null when the level is not the point. */
  state: 'green' | 'amber' | 'red' | 'grey' | null;
  sender: string;
  recipient: string;
  /** Gmail's permmsgid for the fixture. */
  permId: string;
  raw: string;
}

const TLS_WITH = /with ESMTPS id a1si1 for <([^>]+)> \(version=TLS1_3 cipher=[^)]+\)/;

function plainHandoff(raw: string): string {
  return raw.replace(TLS_WITH, 'with SMTP id a1si1 for <$1>');
}

function noTlsEvidence(raw: string): string {
  // "with ESMTP" would be evidence of cleartext (RFC 3848 section 2); no clause is none at all.
  return raw.replace(TLS_WITH, 'id a1si1 for <$1>');
}

/** The provider saw DKIM, SPF and DMARC fail for the From domain (policy reject). */
function forged(raw: string, sender: string): string {
  return raw
    .replace(
      /^Received-SPF: pass[^\n]*/m,
      `Received-SPF: fail (google.com: domain of alice@${sender} does not designate 192.0.2.66 as permitted sender) client-ip=192.0.2.66;`,
    )
    .replace(
      /^Authentication-Results: [^\n]*/m,
      `Authentication-Results: mx.google.com; dkim=fail header.i=@${sender} header.s=s1 header.b=abc; spf=fail (google.com: domain of alice@${sender} does not designate 192.0.2.66 as permitted sender) smtp.mailfrom=alice@${sender}; dmarc=fail (p=REJECT sp=REJECT dis=REJECT) header.from=${sender}`,
    )
    .replace(/\[192\.0\.2\.25\]/, '[192.0.2.66]');
}

export function levelMessages(): LevelMessage[] {
  const base = (name: LevelName, sender: string, recipient: string, n: number) => ({
    name,
    sender,
    recipient,
    permId: `msg-f:17438369770436230${String(n).padStart(2, '0')}`,
    // Signed with the selector the lab publishes for its senders (catalogue.json: lab2026).
    raw: labMessage(sender, recipient).replaceAll('s=s1', 's=lab2026'),
  });
  const green = base('green', 'allgood.lab', 'allgood.lab', 1);
  const amber = base('amber', 'allgood.lab', 'selfsigned.lab', 2);
  const red = base('red', 'allgood.lab', 'allgood.lab', 3);
  const grey = base('could-not-test', 'allgood.lab', 'allgood.lab', 4);
  const fake = base('forged', 'allgood.lab', 'allgood.lab', 5);
  const twoFrom = base('two-from', 'allgood.lab', 'allgood.lab', 6);
  return [
    { ...green, state: 'green' },
    { ...amber, state: 'amber' },
    { ...red, state: 'red', raw: plainHandoff(red.raw) },
    { ...grey, state: 'grey', raw: noTlsEvidence(grey.raw) },
    { ...fake, state: 'red', raw: forged(fake.raw, fake.sender) },
    // A second From field below the first: the reader's mail program may show either.
    {
      ...twoFrom,
      state: null,
      raw: twoFrom.raw.replace(/^(From: [^\n]*)$/m, '$1\nFrom: Bank <security@bank.example>'),
    },
  ];
}

/** Writes each message to `dir`; returns permId → path for serveGmailThread. */
export async function writeLevelMessages(
  dir: string,
  messages: readonly LevelMessage[],
): Promise<Record<string, string>> {
  const originals: Record<string, string> = {};
  for (const m of messages) {
    const path = join(dir, `${m.name}.eml.txt`);
    await writeFile(path, m.raw);
    originals[m.permId] = path;
  }
  return originals;
}

/** A Gmail page with an empty conversation pane and one template per message (SPA navigation). */
export function levelPage(messages: readonly LevelMessage[], lang: string): { html: string } {
  const templates = messages
    .map(
      (m, i) => `<template id="thread-${m.name}">
      <h2 class="hP" data-legacy-thread-id="1833${i}">Quarterly report</h2>
      <div role="listitem" class="h7">
        <div class="adn ads" data-message-id="#${m.permId}" data-legacy-message-id="1833${i}">
          <h3 class="iw"><span class="gD" email="alice@${m.sender}" name="Alice">Alice</span></h3>
          <div class="a3s aiL">Hello.</div>
        </div>
      </div></template>`,
    )
    .join('\n');
  return {
    html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Inbox - me@example.com - Gmail</title>
    <script>var GLOBALS = [null, null, null, null, null, null, null, null, null, '0a1b2c3d4e'];</script></head>
    <body><div role="main" id="main"></div>${templates}</body></html>`,
  };
}
