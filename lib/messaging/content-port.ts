// The wire form of the one long-lived port between a webmail page's content script and the
// background (lib/ext/content-channel.ts opens it, lib/ext/content-ports.ts answers it). The
// content script asks for a message's verdicts once, with its cut-down headers, and the
// background pushes each stage (the first verdict, then each refinement) until the final one:
// one message out per message, instead of a request and a reply for every stage that each
// re-sent the header block (bench:ext, issue 15). Pure types and guards.

import type {
  AssessMessage,
  MessageProblem,
  PageOpened,
  TabVerdict,
  ViewTicket,
} from './protocol.ts';
import { awaitsAnswers, type MessageReport } from './report.ts';

export const CONTENT_PORT_NAME = 'mailseal-content';

/**
 * What of a report the page shows: the padlock and its panel (the headline, the two signals,
 * notices, alerts and the first reasons) and where the assessment stands. The rest (path,
 * providers, standards, threats, the admin view: about nine tenths of a report) is for the
 * popup, which reads it from the background; it never crosses into the webmail page.
 */
export type PageReport = Pick<
  MessageReport,
  'padlock' | 'pending' | 'refining' | 'stage' | 'notices' | 'alerts' | 'reasons'
>;

export interface PageVerdict extends Omit<TabVerdict, 'report'> {
  report: PageReport | null;
}

/** The reasons the panel lists, worst first. */
export const PAGE_REASONS = 3;

export function pageVerdict(verdict: TabVerdict): PageVerdict {
  const { report } = verdict;
  if (report === null) return verdict;
  const { padlock, pending, refining, stage, notices, alerts, reasons } = report;
  const shown: PageReport = {
    padlock,
    pending,
    stage,
    notices,
    reasons: reasons.slice(0, PAGE_REASONS),
  };
  if (refining !== undefined) shown.refining = refining;
  if (alerts !== undefined) shown.alerts = alerts;
  return { ...verdict, report: shown };
}

/** What the content script tells the background and wants no answer to (the toolbar's news). */
export type Tell =
  | { type: 'pageOpened'; data: PageOpened }
  | { type: 'messageOpening'; data: ViewTicket }
  | { type: 'messageProblem'; data: MessageProblem };

export type ToBackground =
  | { mailseal: 1; kind: 'tell'; tell: Tell }
  /** Ask `id`: every stage after `request.after` (all of them without it) is pushed back. */
  | { mailseal: 1; kind: 'assess'; id: number; request: AssessMessage };

export type ToContent =
  | { mailseal: 1; kind: 'verdict'; id: number; verdict: PageVerdict }
  /** The last stage is in and shows nothing the page does not show already: the ask ends. */
  | { mailseal: 1; kind: 'done'; id: number }
  | { mailseal: 1; kind: 'failed'; id: number; error: string };

/**
 * The last stage of a message: nothing awaited for the padlock or the details (or no report at
 * all, e.g. a failure). A final padlock whose details still refine is not the last stage.
 */
export function isFinalVerdict(verdict: PageVerdict): boolean {
  return verdict.report === null || !awaitsAnswers(verdict.report);
}

const TELL_TYPES: ReadonlySet<string> = new Set<Tell['type']>([
  'pageOpened',
  'messageOpening',
  'messageProblem',
]);

const tagged = (value: unknown): value is { mailseal: 1; kind: unknown } =>
  typeof value === 'object' && value !== null && (value as { mailseal?: unknown }).mailseal === 1;

export function isToBackground(value: unknown): value is ToBackground {
  if (!tagged(value)) return false;
  const message = value as { kind: unknown; id?: unknown; request?: unknown; tell?: unknown };
  if (message.kind === 'assess')
    return typeof message.id === 'number' && typeof message.request === 'object';
  if (message.kind !== 'tell' || typeof message.tell !== 'object' || message.tell === null)
    return false;
  return TELL_TYPES.has(String((message.tell as { type?: unknown }).type));
}

export function isToContent(value: unknown): value is ToContent {
  if (!tagged(value)) return false;
  const message = value as { kind: unknown; id?: unknown };
  return (
    (message.kind === 'verdict' || message.kind === 'done' || message.kind === 'failed') &&
    typeof message.id === 'number'
  );
}
