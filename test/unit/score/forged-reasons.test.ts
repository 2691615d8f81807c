// A forged message's reasons lead with the failed checks, as its headline does: before, the
// popup and the panel opened with "No DKIM signature by the sender's domain verified" and
// named the DMARC failure second (seen in the forged-sender screenshots).
import { describe, expect, it } from 'vitest';
import { factsFromHeaders } from '../../../lib/messaging/facts-from-headers.ts';
import { scoreParts } from '../../../lib/messaging/score-parts.ts';
import { cutHeaderBlock } from '../../../lib/webmail/header-block.ts';
import { slimHeaderBlock } from '../../../lib/webmail/slim-header-block.ts';
import { levelMessages } from '../../e2e/harness/level-messages.ts';

describe('reasons of a forged message', () => {
  it('the failed DMARC/DKIM/SPF checks come first', () => {
    const forged = levelMessages().find((m) => m.name === 'forged');
    const block = slimHeaderBlock(cutHeaderBlock(forged?.raw.replace(/\n/g, '\r\n') ?? '') ?? '');
    const facts = factsFromHeaders('gmail', block, { now: Date.parse('2026-03-04T00:00:00Z') });
    const none = { dns: null, probe: null };
    const parts = scoreParts(facts, none, none);
    expect(parts.padlock.sender.state).toBe('forged');
    expect(parts.reasons[0]?.key).toBe('cell_auth_failed');
  });
});
