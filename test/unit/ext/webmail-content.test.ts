// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentChannel } from '../../../lib/ext/content-channel.ts';
import {
  type BadgeState,
  type BadgeTimings,
  runWebmailContent,
  type SiteAdapter,
} from '../../../lib/ext/webmail-content.ts';
import { type PageVerdict, pageVerdict } from '../../../lib/messaging/content-port.ts';
import type { MessageReport } from '../../../lib/messaging/report.ts';
import { unreadable, unreadableReason } from '../../../lib/messaging/unreadable-reason.ts';
import type { HeaderFetchResult } from '../../../lib/webmail/header-fetch-result.ts';
import type { OpenMessage } from '../../../lib/webmail/open-message.ts';
import { fixtureVerdict } from '../components/report-fixture.ts';

const tick = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

function harness(
  messages: () => OpenMessage<string>[],
  answers: HeaderFetchResult[],
  stages: PageVerdict[] = [{ level: 'grey', badgeText: '?', summary: '', report: null }],
) {
  const timings: BadgeTimings[] = [];
  const shown = new Map<string, BadgeState>();
  const placed = new Map<string, Element>();
  const fetched: string[] = [];
  let conditions: () => void = () => {};
  const adapter: SiteAdapter<string> = {
    site: 'outlook',
    scan: () => ({ messages: messages(), unreadableView: false }),
    fetchHeaders: async (ref) => {
      fetched.push(ref);
      return answers.shift() ?? unreadable('unreadable_outlookUnexpectedAnswer');
    },
    onConditionsChange: (listener) => {
      conditions = listener;
    },
  };
  const channel: ContentChannel = {
    tell: () => {},
    assess: async (_request, onStage) => {
      for (const verdict of stages) onStage(verdict);
      return stages.at(-1) as PageVerdict;
    },
    close: () => {},
  };
  const stop = runWebmailContent(adapter, {
    document,
    badges: {
      show: (key, anchor, state) => {
        shown.set(key, state);
        placed.set(key, anchor);
      },
      recordTimings: (_key, recorded) => timings.push(recorded),
      keepOnly: () => {},
      owns: () => false,
      close: () => {},
    },
    channel,
    now: () => 0,
    inlineBadge: true,
  });
  return { shown, placed, fetched, timings, stop, changeConditions: () => conditions() };
}

function openMessage(key: string, own = false): OpenMessage<string> {
  const container = document.getElementById(key) as HTMLElement;
  return { key, ref: key, senderAnchor: container.firstElementChild, container, own };
}

describe('webmail content script', () => {
  let stop = () => {};
  afterEach(() => {
    stop();
    document.body.innerHTML = '';
  });

  it("records a message's timings once, when its last stage is in (bench:ext reads them)", async () => {
    const verdict = fixtureVerdict();
    const report = verdict.report as MessageReport;
    const stage = (
      n: number,
      pending: MessageReport['pending'],
      refining: MessageReport['pending'],
    ) => pageVerdict({ ...verdict, report: { ...report, stage: n, pending, refining } });
    document.body.innerHTML = '<div id="m1"><span>alice</span></div>';
    const run = harness(
      () => [openMessage('m1')],
      [{ kind: 'headers', headerBlock: 'Received: from a by b\r\n', source: 'test' }],
      [stage(0, ['dns', 'probe'], []), stage(1, [], ['probe']), stage(2, [], [])],
    );
    stop = run.stop;
    await expect.poll(() => run.timings.length).toBe(1);
    await tick(20);
    expect(run.timings).toHaveLength(1);
    const [recorded] = run.timings;
    expect(recorded?.headersToDetailsMs).toBeGreaterThanOrEqual(recorded?.headersToFinalMs ?? 0);
  });

  it('never fetches the user\'s own message: it says "sent by you"', async () => {
    document.body.innerHTML = '<div id="m1"><span>me</span></div>';
    const run = harness(() => [openMessage('m1', true)], []);
    stop = run.stop;
    await tick();
    expect(run.fetched).toEqual([]);
    expect(run.shown.get('m1')).toEqual({ kind: 'problem', problem: 'sent-by-you' });
  });

  it('asks a message that could not be read again when the session changes', async () => {
    document.body.innerHTML = '<div id="m1"><span>bob</span></div>';
    const run = harness(
      () => [openMessage('m1')],
      [unreadable('unreadable_outlookNoSession'), { kind: 'sent-by-you' }],
    );
    stop = run.stop;
    await tick();
    expect(run.shown.get('m1')).toEqual({
      kind: 'problem',
      problem: 'unreadable',
      reason: unreadableReason('unreadable_outlookNoSession'),
    });
    run.changeConditions();
    await tick();
    expect(run.fetched).toEqual(['m1', 'm1']);
    expect(run.shown.get('m1')).toEqual({ kind: 'problem', problem: 'sent-by-you' });
    // A settled answer is not asked again.
    run.changeConditions();
    await tick();
    expect(run.fetched).toHaveLength(2);
  });

  it('puts the padlock at the top of a message whose sender anchor is gone, never nowhere', async () => {
    document.body.innerHTML = '<div id="m1"><h3>header</h3></div>';
    const message: OpenMessage<string> = {
      key: 'm1',
      ref: 'm1',
      senderAnchor: null,
      container: document.getElementById('m1') as HTMLElement,
    };
    const run = harness(() => [message], [{ kind: 'login-required' }]);
    stop = run.stop;
    await tick();
    expect(run.shown.get('m1')).toEqual({ kind: 'problem', problem: 'login-required' });
    expect(run.placed.get('m1')?.tagName).toBe('H3');
  });
});
