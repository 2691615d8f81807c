// A real report for component tests: the Gmail fixture message through the same pipeline the
// background runs (slim header block → facts → scores → report), without DNS or probe.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildReport } from '../../../lib/messaging/build-report.ts';
import { factsFromHeaders } from '../../../lib/messaging/facts-from-headers.ts';
import type { TabVerdict } from '../../../lib/messaging/protocol.ts';
import { scoreParts } from '../../../lib/messaging/score-parts.ts';
import { reportVerdict } from '../../../lib/messaging/tab-verdict.ts';
import { text } from '../../../lib/score/text.ts';
import { cutHeaderBlock } from '../../../lib/webmail/header-block.ts';
import { slimHeaderBlock } from '../../../lib/webmail/slim-header-block.ts';
import { englishMessage } from '../ext/i18n-fixture.ts';

export const t = (key: string, subs?: string | string[]) => englishMessage(key, subs) || key;

export function fixtureVerdict(file = 'gmail-original-tls.eml.txt'): TabVerdict {
  const raw = readFileSync(resolve(import.meta.dirname, '../../fixtures/webmail', file), 'utf8');
  const facts = factsFromHeaders('gmail', slimHeaderBlock(cutHeaderBlock(raw) ?? ''), {
    now: Date.parse('2026-03-04T00:00:00Z'),
  });
  const none = { dns: null, probe: null };
  const report = buildReport({
    site: 'gmail',
    checkedAt: '2026-03-04T00:00:00.000Z',
    facts,
    sender: { domain: 'sender.example', ...none },
    recipient: { domain: 'gmail.com', ...none },
    score: scoreParts(facts, none, none),
    degraded: text('degraded_no_probe'),
  });
  return reportVerdict(report, t);
}
