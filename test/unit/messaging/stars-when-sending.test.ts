// The sender's stars never contradict the standards table beside them. MECSA pools a provider's
// mail servers with the handoffs seen from it (test/unit/score/support-rule.test.ts: 2 MX with
// STARTTLS and 1 cleartext handoff → 0 stars); when the servers offer STARTTLS and only an
// earlier message arrived without it, "Would rate higher with: STARTTLS" read as if STARTTLS were
// missing, beside a table that says it is present. It now names what is missing: STARTTLS on
// every message the provider sends.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsFromHeaders } from '../../../lib/messaging/facts-from-headers.ts';
import { say } from '../../../lib/messaging/say.ts';
import { scoreParts } from '../../../lib/messaging/score-parts.ts';
import type { HandoffObservation } from '../../../lib/score/handoff-history.ts';
import { english } from '../../../lib/score/text.ts';
import { cutHeaderBlock } from '../../../lib/webmail/header-block.ts';
import { slimHeaderBlock } from '../../../lib/webmail/slim-header-block.ts';
import { dnsFacts, handoff, mx, probe } from '../../fixtures/score/builders.ts';
import { messageIn } from '../ext/i18n-fixture.ts';

const german = messageIn('de');

function facts() {
  const file = resolve(import.meta.dirname, '../../fixtures/webmail/gmail-original-tls.eml.txt');
  const block = slimHeaderBlock(cutHeaderBlock(readFileSync(file, 'utf8')) ?? '');
  return factsFromHeaders('gmail', block, { now: Date.parse('2026-03-04T00:00:00Z') });
}

function confidentialityWhy(observations: HandoffObservation[]) {
  const f = facts();
  const domain = f.from?.organizationalDomain ?? f.from?.domain ?? '';
  const sender = {
    dns: dnsFacts(domain),
    probe: probe(domain, [mx({ host: `mx1.${domain}` }), mx({ host: `mx2.${domain}` })]),
    observations,
  };
  const parts = scoreParts(f, sender, { dns: null, probe: null });
  const row = parts.providers[0]?.stars.find((s) => s.category === 'confidentiality');
  if (!row) throw new Error('no confidentiality row');
  return row.why;
}

describe('stars of a provider whose servers offer STARTTLS but an earlier message lacked it', () => {
  it('says STARTTLS is missing on the messages it sends, in English and German', () => {
    const why = confidentialityWhy([handoff(false, 0)]);
    expect(english(why)).toContain('Would rate higher with: STARTTLS on every message it sends');
    expect(say((k, s) => german(k, s), why)).toContain(
      'STARTTLS bei jeder Nachricht, die er versendet',
    );
  });

  it('keeps the plain protocol name when nothing was seen sent without it', () => {
    const why = confidentialityWhy([handoff(true, 0)]);
    expect(english(why)).not.toContain('on every message it sends');
  });
});
