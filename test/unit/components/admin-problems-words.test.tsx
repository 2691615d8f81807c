// @vitest-environment happy-dom
// The admin view's "problems" (the raw errors behind the degraded line) read in the reader's
// language (issue 16, "Languages"): the frame is a catalogue key, the raw error stays as it came.
// Before, the line was English in every locale ("probe for x: …").
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminView } from '../../../components/report-tables.tsx';
import { english, text } from '../../../lib/score/text.ts';
import { messageIn } from '../ext/i18n-fixture.ts';
import { fixtureVerdict } from './report-fixture.ts';

const german = messageIn('de');
const tGerman = (key: string, subs?: string | string[]) => german(key, subs) || key;

describe('the admin view’s problems in the reader’s language', () => {
  afterEach(() => document.body.replaceChildren());

  it('frames each raw error in German, keeping the error itself', () => {
    const report = fixtureVerdict().report;
    if (!report) throw new Error('fixture');
    report.problems = [
      text('problem_dns', 'sender.example', 'SERVFAIL'),
      text('problem_probe', 'gmail.com', 'HTTP 502'),
    ];
    expect(report.problems.map(english)).toEqual([
      'DNS for sender.example: SERVFAIL',
      'probe for gmail.com: HTTP 502',
    ]);
    const root = document.createElement('div');
    document.body.append(root);
    render(<AdminView report={report} t={tGerman} />, root);
    const lines = [...root.querySelectorAll('.problems li')].map((li) => li.textContent);
    expect(lines).toEqual([
      'DNS für sender.example: SERVFAIL',
      'Prüfdienst für gmail.com: HTTP 502',
    ]);
  });
});
