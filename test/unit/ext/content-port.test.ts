// One long-lived port per content script (bench:ext, issue 15): a message is asked for once, with
// its cut-down header block, and the background pushes every stage of its verdict over the port.
// A stopped MV3 worker disconnects the port; the content script connects again and asks anew from
// the stage it shows. Both ends are the real ones (content-channel.ts, the background service);
// only the browser's port transport is an in-process fake (fake-ports.ts).

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackgroundService } from '../../../lib/ext/background-service.ts';
import { openContentChannel } from '../../../lib/ext/content-channel.ts';
import type { StagePacing } from '../../../lib/ext/content-ports.ts';
import type { StorageAreaLike } from '../../../lib/ext/domain-cache.ts';
import { sendToBackground } from '../../../lib/ext/messaging.ts';
import { CONTENT_PORT_NAME, type PageVerdict } from '../../../lib/messaging/content-port.ts';
import type { AssessMessage } from '../../../lib/messaging/protocol.ts';
import type { MessageReport } from '../../../lib/messaging/report.ts';
import { fixtureVerdict } from '../components/report-fixture.ts';
import { type FakePorts, fakePorts } from './fake-ports.ts';
import { installEnglishI18n } from './i18n-fixture.ts';

const BLOCK = 'Received: from mx.sender.example by mx.google.com\r\n\r\n';

function stage(
  n: number,
  pending: MessageReport['pending'],
  refining: MessageReport['pending'] = [],
): MessageReport {
  const report = fixtureVerdict().report;
  if (!report) throw new Error('the fixture has a report');
  return { ...report, stage: n, pending, refining };
}

const request = (seq: number, block = BLOCK): AssessMessage => ({
  site: 'gmail',
  seq,
  inView: true,
  headers: { block, warnings: [] },
});

/** The assessment the background runs: three stages, each released by the test. */
function steppedAssessment(
  stages: MessageReport['pending'][] = [['dns', 'probe'], ['probe'], []],
  refining: MessageReport['pending'][] = [],
) {
  const releases: (() => void)[] = [];
  const asked: AssessMessage[] = [];
  const step = () => new Promise<void>((resolve) => releases.push(resolve));
  const assess = async (
    message: AssessMessage,
    onProgress?: (report: MessageReport) => void,
  ): Promise<MessageReport> => {
    asked.push(message);
    const last = stages.length - 1;
    for (let n = 0; n < last; n++) {
      onProgress?.(stage(n, stages[n] ?? [], refining[n]));
      await step();
    }
    return stage(last, stages[last] ?? [], refining[last]);
  };
  const release = async () => {
    await expect.poll(() => releases.length).toBeGreaterThan(0);
    releases.shift()?.();
  };
  /** Lets every assessment run to its end. */
  const finishAll = async (until: Promise<unknown>) => {
    let done = false;
    void until.finally(() => {
      done = true;
    });
    while (!done) {
      for (const next of releases.splice(0)) next();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { assess, asked, release, finishAll };
}

function start(
  ports: FakePorts,
  assess: ReturnType<typeof steppedAssessment>['assess'],
  stagePacing?: StagePacing,
) {
  return startBackgroundService({
    contentPorts: ports.onConnect,
    ...(stagePacing ? { stagePacing } : {}),
    assess,
    clearCache: async () => 0,
    session: fakeBrowser.storage.session as unknown as StorageAreaLike,
    openOnboarding: false,
  });
}

const stagesOf = (verdicts: PageVerdict[]) => verdicts.map((v) => v.report?.stage);

describe('the content script’s port to the background', () => {
  let ports: FakePorts;
  beforeEach(() => {
    fakeBrowser.reset();
    installEnglishI18n();
    ports = fakePorts({ tab: { id: 7 } as never });
  });

  it('asks once and gets every stage pushed, the header block sent only with the ask', async () => {
    const assessment = steppedAssessment();
    const stop = start(ports, assessment.assess);
    const channel = openContentChannel({ connect: () => ports.connect(CONTENT_PORT_NAME) });
    const shown: PageVerdict[] = [];
    const final = channel.assess(request(1), (verdict) => shown.push(verdict));
    await expect.poll(() => shown.length).toBe(1);
    expect(shown[0]?.report?.pending).toEqual(['dns', 'probe']);
    await assessment.release();
    await assessment.release();
    expect((await final).report?.pending).toEqual([]);
    // Stage 1 only shortened what the padlock waits for: it still waits, so nothing new to draw.
    expect(stagesOf(shown)).toEqual([0, 2]);
    // One message out for the whole message; the block crossed the port once.
    expect(ports.posted).toHaveLength(1);
    expect(JSON.stringify(ports.posted).split('mx.sender.example')).toHaveLength(2);
    expect(ports.pushed).toHaveLength(2);
    expect(ports.connections()).toBe(1);
    // The toolbar of the tab the port belongs to followed to the final stage.
    await expect.poll(() => fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('!');
    // Only what the padlock and its panel show crosses into the page; the popup, which reads
    // the tab's verdict from the background, has the whole report.
    const pushedReport = (ports.pushed[1] as { verdict: PageVerdict }).verdict.report;
    expect(Object.keys(pushedReport ?? {}).sort()).toEqual(
      ['alerts', 'notices', 'padlock', 'pending', 'reasons', 'refining', 'stage'].filter(
        (key) => key !== 'alerts' || stage(2, []).alerts !== undefined,
      ),
    );
    expect(JSON.stringify(ports.pushed)).not.toContain('"standards"');
    const popup = await sendToBackground('getTabVerdict', { tabId: 7 });
    expect(popup?.report?.standards).toEqual(stage(2, []).standards);
    channel.close();
    stop();
  });

  /** What the page is shown of an assessment run through to its end. */
  async function shownOf(...lists: Parameters<typeof steppedAssessment>): Promise<PageVerdict[]> {
    const assessment = steppedAssessment(...lists);
    const stop = start(ports, assessment.assess);
    const channel = openContentChannel({ connect: () => ports.connect(CONTENT_PORT_NAME) });
    const shown: PageVerdict[] = [];
    const final = channel.assess(request(1), (verdict) => shown.push(verdict));
    await assessment.finishAll(final);
    await final;
    channel.close();
    stop();
    return shown;
  }

  it('does not push a stage that changes nothing the page shows; the final one always', async () => {
    const shown = await shownOf([['dns', 'probe'], ['dns', 'probe'], ['probe'], []]);
    expect(stagesOf(shown)).toEqual([0, 3]);
  });

  it('pushes when the padlock stops waiting, not for each detail refined after it', async () => {
    const shown = await shownOf(
      [['dns', 'probe'], ['probe'], [], [], [], []],
      [['dns', 'probe'], ['dns', 'probe'], ['dns', 'probe'], ['dns'], ['dns'], []],
    );
    // First verdict and the padlock final (details still refining); the details' last stage
    // changes nothing the page shows, so it only ends the ask.
    expect(stagesOf(shown)).toEqual([0, 2]);
    expect(shown[1]?.report?.pending).toEqual([]);
    expect(shown[1]?.report?.refining).toEqual(['dns', 'probe']);
    expect(ports.pushed.at(-1)).toEqual({ mailseal: 1, kind: 'done', id: 1 });
  });

  it('ends the ask with the stage shown when the last one only says "done"', async () => {
    const assessment = steppedAssessment([['dns'], [], []], [['dns'], ['probe'], []]);
    const stop = start(ports, assessment.assess);
    const channel = openContentChannel({ connect: () => ports.connect(CONTENT_PORT_NAME) });
    const final = channel.assess(request(1), () => {});
    await assessment.finishAll(final);
    expect((await final).report?.stage).toBe(1);
    expect(ports.pushed.map((m) => (m as { kind: string }).kind)).toEqual([
      'verdict',
      'verdict',
      'done',
    ]);
    channel.close();
    stop();
  });

  it('connects again when the worker is stopped and asks anew from the stage it shows', async () => {
    const assessment = steppedAssessment();
    const stop = start(ports, assessment.assess);
    const channel = openContentChannel({
      connect: () => ports.connect(CONTENT_PORT_NAME),
      sleep: async () => {},
    });
    const shown: PageVerdict[] = [];
    const final = channel.assess(request(1), (verdict) => shown.push(verdict));
    await expect.poll(() => shown.length).toBe(1);
    ports.stopWorker();
    await expect.poll(() => ports.connections()).toBe(2);
    const again = ports.posted[1] as { kind: string; request: AssessMessage };
    expect(again.kind).toBe('assess');
    expect(again.request.after).toBe(0);
    // The restarted worker's assessment runs afresh; only stages newer than 0 are pushed.
    await assessment.finishAll(final);
    const last = await final;
    expect(last.report?.pending).toEqual([]);
    expect(stagesOf(shown)[0]).toBe(0);
    expect(
      stagesOf(shown)
        .slice(1)
        .every((n) => (n ?? 0) > 0),
    ).toBe(true);
    channel.close();
    stop();
  });

  it('gives up on an ask when the background keeps going away, rather than wait forever', async () => {
    let connects = 0;
    const channel = openContentChannel({
      sleep: async () => {},
      connect: () => {
        connects += 1;
        const gone = new Set<() => void>();
        setTimeout(() => {
          for (const listener of gone) listener();
        }, 0);
        return {
          postMessage: () => {},
          disconnect: () => {},
          onMessage: { addListener: () => {} },
          onDisconnect: { addListener: (listener) => void gone.add(listener) },
        };
      },
    });
    await expect(channel.assess(request(1), () => {})).rejects.toThrow(/did not answer/);
    expect(connects).toBe(6);
  });

  it('routes what a page tells to the toolbar of the port’s own tab', async () => {
    const stop = start(ports, steppedAssessment().assess);
    const channel = openContentChannel({ connect: () => ports.connect(CONTENT_PORT_NAME) });
    channel.tell({ type: 'pageOpened', data: { site: 'outlook' } });
    await expect.poll(() => fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('…');
    channel.tell({
      type: 'messageProblem',
      data: { site: 'outlook', seq: 1, inView: true, problem: 'login-required' },
    });
    await expect
      .poll(() => fakeBrowser.action.getTitle({ tabId: 7 }))
      .toMatch(/signed out|sign in/i);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 8 })).toBe('');
    channel.close();
    stop();
  });

  it('ignores ports of other names and messages that are not MailSeal’s', async () => {
    const assessment = steppedAssessment();
    const stop = start(ports, assessment.assess);
    const stranger = ports.connect('something-else');
    stranger.postMessage({ mailseal: 1, kind: 'assess', id: 1, request: request(1) });
    const ours = ports.connect(CONTENT_PORT_NAME);
    ours.postMessage({ kind: 'assess', id: 2, request: request(2) });
    ours.postMessage({ mailseal: 1, kind: 'tell', tell: { type: 'clearCache', data: null } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(assessment.asked).toHaveLength(0);
    expect(ports.pushed).toHaveLength(0);
    stop();
  });
});

/** An assessment whose every stage draws a new padlock line: each one is news to the page. */
function newsAtEveryStage(...lists: Parameters<typeof steppedAssessment>) {
  const assessment = steppedAssessment(...lists);
  const assess: typeof assessment.assess = async (message, onProgress) => {
    const withLine = (report: MessageReport): MessageReport => ({
      ...report,
      padlock: { ...report.padlock, reason: `line ${report.stage}` },
    });
    const last = await assessment.assess(message, (report) => onProgress?.(withLine(report)));
    return withLine(last);
  };
  return { ...assessment, assess };
}

/** A clock that stands still and timers the test fires by hand. */
function manualPacing(intervalMs = 100) {
  const timers: { ms: number; fire: () => void }[] = [];
  const pacing: StagePacing = {
    intervalMs,
    now: () => 0,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ ms, fire: resolve })),
  };
  return { pacing, timers };
}

describe('pacing the stages of one message on their way to the page', () => {
  let ports: FakePorts;
  beforeEach(() => {
    fakeBrowser.reset();
    installEnglishI18n();
    ports = fakePorts({ tab: { id: 7 } as never });
  });

  async function follow(
    assessment: ReturnType<typeof newsAtEveryStage>,
    pacing: StagePacing,
  ): Promise<{ shown: PageVerdict[]; final: Promise<PageVerdict>; stop: () => void }> {
    const stopService = start(ports, assessment.assess, pacing);
    const channel = openContentChannel({ connect: () => ports.connect(CONTENT_PORT_NAME) });
    const shown: PageVerdict[] = [];
    const final = channel.assess(request(1), (verdict) => shown.push(verdict));
    await expect.poll(() => shown.length).toBe(1);
    return {
      shown,
      final,
      stop: () => {
        channel.close();
        stopService();
      },
    };
  }

  it('holds a stage between the first and the last, and lets a newer one replace it', async () => {
    const { pacing, timers } = manualPacing();
    const assessment = newsAtEveryStage([['dns', 'probe'], ['dns', 'probe'], ['probe'], []]);
    const { shown, final, stop } = await follow(assessment, pacing);
    await assessment.release();
    // Stage 1 shows a new line but came right after the first verdict: it waits its turn.
    await expect.poll(() => timers.length).toBe(1);
    expect(timers[0]?.ms).toBe(100);
    expect(stagesOf(shown)).toEqual([0]);
    await assessment.release();
    await expect.poll(() => timers.length).toBe(2);
    expect(stagesOf(shown)).toEqual([0]);
    // The padlock's final verdict does not wait, and the stages it overtook are never drawn.
    await assessment.release();
    await final;
    expect(stagesOf(shown)).toEqual([0, 3]);
    expect(ports.pushed).toHaveLength(2);
    stop();
  });

  it('delivers the stage it holds once the interval is over, if nothing newer came', async () => {
    const { pacing, timers } = manualPacing();
    const assessment = newsAtEveryStage([['dns', 'probe'], ['probe'], []]);
    const { shown, final, stop } = await follow(assessment, pacing);
    await assessment.release();
    await expect.poll(() => timers.length).toBe(1);
    timers[0]?.fire();
    await expect.poll(() => stagesOf(shown)).toEqual([0, 1]);
    await assessment.release();
    await final;
    expect(stagesOf(shown)).toEqual([0, 1, 2]);
    stop();
  });

  it('delivers the details’ last stage at once, after the padlock’s final one', async () => {
    const { pacing, timers } = manualPacing();
    const assessment = newsAtEveryStage([['dns', 'probe'], [], []], [['dns'], ['dns'], []]);
    const { shown, final, stop } = await follow(assessment, pacing);
    await assessment.release();
    await assessment.release();
    await final;
    expect(stagesOf(shown)).toEqual([0, 1, 2]);
    expect(timers).toHaveLength(0);
    stop();
  });
});
