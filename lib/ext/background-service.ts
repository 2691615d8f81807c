// The background's message handlers: per-tab verdicts, message assessments, settings, the cache.

import { browser } from 'wxt/browser';
import type { AssessMessage, TabVerdict, ViewTicket, WebmailSite } from '../messaging/protocol.ts';
import { awaitsAnswers, type MessageReport } from '../messaging/report.ts';
import {
  checkingVerdict,
  idleVerdict,
  problemVerdict,
  reportVerdict,
} from '../messaging/tab-verdict.ts';
import type { Settings } from '../settings/settings.ts';
import { createAssessor } from './assessor.ts';
import {
  acceptContentPorts,
  type ConnectEvent,
  DEFAULT_STAGE_PACING,
  type StagePacing,
} from './content-ports.ts';
import type { StorageAreaLike } from './domain-cache.ts';
import { ready, type Translate, t } from './i18n.ts';
import { type Handlers, handleMessages, type MessageSender } from './messaging.ts';
import { createSenderProfiles, type SenderProfiles } from './sender-profiles.ts';
import { loadSettings, saveSettings } from './settings-store.ts';
import { createTabState, type TabState } from './tab-state.ts';
import { showVerdictOnToolbar } from './toolbar-badge.ts';
import { createVerdictJobs } from './verdict-jobs.ts';
import { type OriginsBrowser, syncWebmailOrigins } from './webmail-origins.ts';

export interface BackgroundDeps {
  /** The final report; `onProgress` gets the first verdict and each refinement before it. */
  assess: (
    request: AssessMessage,
    onProgress?: (report: MessageReport) => void,
  ) => Promise<MessageReport>;
  clearCache: () => Promise<number>;
  /** A message is opening (headers not yet fetched): warm the DoH connection. */
  warm?: () => Promise<void>;
  /** storage.session: survives a service-worker restart, not a browser restart. */
  session: StorageAreaLike;
  /** Opens the first-run page on install (off in the end-to-end tests' own browser). */
  openOnboarding?: boolean;
  /** Sender profiles, shared by the assessor (alerts) and the options page (the table). */
  profiles: SenderProfiles;
  /** The settings store (extension storage, always read through migrateSettings). */
  settings: { load(): Promise<Settings>; save(next: Settings): Promise<Settings> };
  /** Paints a verdict onto one tab's toolbar icon. */
  toolbar: (tabId: number, verdict: TabVerdict) => Promise<void>;
  /** Translates the verdict texts the toolbar and the tab get. */
  t: Translate;
  /**
   * Resolves once `t` speaks the reader's language (at once unless the browser's i18n failed:
   * translator.ts). Verdicts wait for it, so no toolbar title is left in the bundled English.
   */
  wordsReady: () => Promise<void>;
  /** Where the webmail pages' content scripts connect their ports (runtime.onConnect). */
  contentPorts: ConnectEvent;
  /** How a message's stages are paced on their way to its page (content-ports.ts). */
  stagePacing: StagePacing;
}

function defaultDeps(): BackgroundDeps {
  const profiles = createSenderProfiles(browser.storage.local as unknown as StorageAreaLike);
  const assessor = createAssessor({ profiles });
  return {
    assess: assessor.assess,
    clearCache: assessor.clearCache,
    warm: assessor.warm,
    session: browser.storage.session as unknown as StorageAreaLike,
    profiles,
    openOnboarding: true,
    settings: { load: loadSettings, save: saveSettings },
    toolbar: showVerdictOnToolbar,
    t,
    wordsReady: ready,
    contentPorts: browser.runtime.onConnect as unknown as ConnectEvent,
    stagePacing: DEFAULT_STAGE_PACING,
  };
}

/** Shows a verdict on one tab's toolbar icon, unless a newer view ticket owns the tab. */
function verdictShower(deps: BackgroundDeps, tabs: TabState) {
  return async (tabId: number, seq: number, verdict: TabVerdict): Promise<TabVerdict> => {
    if (!(await tabs.offer(tabId, seq, verdict))) return verdict;
    const settings = await deps.settings.load();
    if (settings.features.toolbarBadge) await deps.toolbar(tabId, verdict);
    return verdict;
  };
}

type Show = ReturnType<typeof verdictShower>;

/** Assessments step by step, for the tab that asks and for jobs a stopped worker left. */
function assessmentRunner(deps: BackgroundDeps, tabs: TabState, show: Show) {
  const { t } = deps;
  const jobs = createVerdictJobs((request, onProgress) => deps.assess(request, onProgress));

  /**
   * One step of an assessment: the first verdict at once (headers alone), then, asked again
   * with the stage the caller has, the next refinement. The toolbar follows every step.
   */
  async function runAssessment(
    tabId: number | undefined,
    request: AssessMessage,
  ): Promise<TabVerdict> {
    const first = request.after === undefined;
    // Stored for a restarted worker to finish, while the assessment already runs: the write is
    // not on the way to the first verdict (tab-state keeps a tab's job writes in order).
    if (tabId !== undefined && request.inView && first)
      void tabs.saveJob(tabId, request).catch(() => {});
    let verdict: TabVerdict;
    let final = true;
    try {
      const step = await jobs.next(request, request.after, String(tabId ?? ''));
      final = step.final;
      verdict = reportVerdict(step.report, t);
    } catch (error) {
      verdict = problemVerdict(
        { error: error instanceof Error ? error.message : String(error) },
        t,
      );
    }
    if (tabId === undefined) return verdict;
    if (request.inView) {
      // The toolbar follows in order (tab-state serialises it); the tab is answered at once.
      void show(tabId, request.seq, verdict)
        .then(() => (final ? tabs.finishJob(tabId, request.seq) : undefined))
        .catch(() => {});
    }
    return verdict;
  }

  /** A job a stopped worker left: run it to the end, showing each step. */
  async function resume(tabId: number, request: AssessMessage): Promise<void> {
    const { after: _ignored, ...fresh } = request;
    let verdict = await runAssessment(tabId, fresh);
    while (verdict.report !== null && awaitsAnswers(verdict.report))
      verdict = await runAssessment(tabId, { ...request, after: verdict.report.stage });
  }

  return { runAssessment, resume, forgetFinished: () => jobs.forgetFinished() };
}

type Runner = ReturnType<typeof assessmentRunner>;

const inTab = (sender: MessageSender) => sender.tab?.id;

/** Roundcube's provider is where the frame is served from: read from the browser, not the page. */
function selfHostedWebmail(site: WebmailSite, sender: MessageSender) {
  const url = sender.url ?? sender.tab?.url;
  return site === 'roundcube' && url ? { webmailHost: new URL(url).hostname } : {};
}

/** Every message the background answers: tab verdicts, assessments, settings, the cache. */
function messageHandlers(deps: BackgroundDeps, tabs: TabState, show: Show, run: Runner): Handlers {
  const { t } = deps;
  const ticketed = (sender: MessageSender, ticket: ViewTicket, verdict: TabVerdict) => {
    const tabId = inTab(sender);
    return tabId === undefined || !ticket.inView ? verdict : show(tabId, ticket.seq, verdict);
  };
  return {
    pageOpened: (request, sender) => {
      const tabId = inTab(sender);
      // A (re)loaded page starts a fresh sequence of view tickets.
      return tabId === undefined
        ? idleVerdict(request.site, t)
        : tabs.forget(tabId).then(() => show(tabId, -1, idleVerdict(request.site, t)));
    },
    messageOpening: (ticket, sender) => {
      // Its headers are being fetched: the resolver's connection opens meanwhile.
      void deps.warm?.().catch(() => {});
      return ticketed(sender, ticket, checkingVerdict(t));
    },
    assessMessage: ({ webmailHost: _never, ...request }, sender) =>
      run.runAssessment(inTab(sender), {
        ...request,
        privateWindow: sender.tab?.incognito === true,
        ...selfHostedWebmail(request.site, sender),
      }),
    messageProblem: (request, sender) =>
      ticketed(sender, request, problemVerdict(request.problem, t, request.reason)),
    getTabVerdict: async ({ tabId }) => (await tabs.get(tabId))?.verdict ?? null,
    getSettings: () => deps.settings.load(),
    // New settings (a DNSSEC mode, a resolver) or an emptied cache: a message opened again is
    // assessed afresh, not answered from a finished job of the old ones.
    saveSettings: async (next) => {
      const saved = await deps.settings.save(next);
      run.forgetFinished();
      return saved;
    },
    clearCache: async () => {
      const removed = await deps.clearCache();
      run.forgetFinished();
      return { removed };
    },
    ...profileHandlers(deps.profiles, () => run.forgetFinished()),
  };
}

/** The messages whose answer is a worded verdict (for the tab and its toolbar title). */
const WORDED = ['pageOpened', 'messageOpening', 'assessMessage', 'messageProblem'] as const;

/**
 * Verdicts are worded in the reader's language: each waits until the translator speaks it. When
 * the browser translates this costs a resolved promise; when it failed, the first verdicts wait
 * for one local file instead of painting a German reader's toolbar in English.
 */
function inReadersWords(handlers: Handlers, wordsReady: () => Promise<void>): Handlers {
  const worded: Record<string, unknown> = { ...handlers };
  for (const type of WORDED) {
    const handle = handlers[type] as (data: unknown, sender: MessageSender) => unknown;
    worded[type] = async (data: unknown, sender: MessageSender) => {
      await wordsReady();
      return handle(data, sender);
    };
  }
  return worded as Handlers;
}

/** First run: a store user has no probe service; explain what works without one. */
function openOnboardingOnInstall(deps: BackgroundDeps): void {
  const onInstalled = (details: { reason: string }) => {
    if (details.reason === 'install' && deps.openOnboarding)
      void browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') }).catch(() => {});
  };
  browser.runtime.onInstalled.addListener(onInstalled);
}

export function startBackgroundService(overrides: Partial<BackgroundDeps> = {}): () => void {
  const deps: BackgroundDeps = { ...defaultDeps(), ...overrides };
  // Warming belongs to the default assessor: one handed in (a test's) warms only if told how.
  if (overrides.assess !== undefined && overrides.warm === undefined) delete deps.warm;
  // Likewise a translator handed in is ready as it is.
  if (overrides.t !== undefined && overrides.wordsReady === undefined)
    deps.wordsReady = async () => {};
  const tabs = createTabState(deps.session);
  const show = verdictShower(deps, tabs);
  const run = assessmentRunner(deps, tabs, show);
  const handlers = inReadersWords(messageHandlers(deps, tabs, show, run), deps.wordsReady);
  const stopMessages = handleMessages(handlers);
  // The webmail pages' content scripts talk over one long-lived port each (content-ports.ts).
  const stopPorts = acceptContentPorts(
    {
      tell: (tell, sender) =>
        (handlers[tell.type] as (data: unknown, sender: MessageSender) => unknown)(
          tell.data,
          sender,
        ),
      assess: async (request, sender) => handlers.assessMessage(request, sender),
    },
    deps.contentPorts,
    deps.stagePacing,
  );
  openOnboardingOnInstall(deps);
  watchWebmailOrigins();
  // Finish what a stopped service worker left half done.
  void deps
    .wordsReady()
    .then(() => tabs.pendingJobs())
    .then((pending) => Promise.all(pending.map(({ tabId, job }) => run.resume(tabId, job))));
  return () => {
    stopMessages();
    stopPorts();
  };
}

/** A Roundcube origin whose permission was taken back keeps no registered script. */
function watchWebmailOrigins(): void {
  const api = browser as unknown as OriginsBrowser & {
    permissions: { onRemoved?: { addListener(listener: () => void): void } };
  };
  if (!api.scripting?.getRegisteredContentScripts) return;
  const sync = () => void syncWebmailOrigins(api).catch(() => {});
  sync();
  try {
    api.permissions.onRemoved?.addListener(sync);
  } catch {
    // No permission events here (a test double): the start-up sync above still ran.
  }
}

/** The options page's sender-profile table: list, forget, clear, export, import. */
function profileHandlers(profiles: SenderProfiles, changed: () => void) {
  const thenChanged = async <T>(work: Promise<T>): Promise<T> => {
    const result = await work;
    changed();
    return result;
  };
  return {
    profilesList: () => profiles.list(),
    profilesForget: ({ sender }: { sender: string }) =>
      thenChanged(profiles.forget(sender)).then(() => null),
    profilesClear: () => thenChanged(profiles.clear()).then(() => null),
    profilesExport: () => profiles.exportAll(),
    profilesImport: (data: unknown) =>
      thenChanged(profiles.importAll(data)).then((count) => ({ count })),
  } satisfies Partial<Handlers>;
}
