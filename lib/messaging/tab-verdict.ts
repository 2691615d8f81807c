// The toolbar's words for each state of a tab. Pure: the caller passes the translator
// (lib/ext/i18n.ts in the extension), so tests and every UI agree on the same strings.

import type { MessageProblemKind, TabVerdict, WebmailSite } from './protocol.ts';
import type { MessageReport, PadlockLevel } from './report.ts';
import { say, type Translate } from './say.ts';
import { readUnreadableReason } from './unreadable-reason.ts';

export type { Translate } from './say.ts';

const SITE_KEYS: Record<WebmailSite, string> = {
  gmail: 'siteGmail',
  outlook: 'siteOutlook',
  roundcube: 'siteRoundcube',
};

/** Badge text per level: a symbol as well as a colour, so colour is never the only signal. */
export const BADGE_TEXT: Record<TabVerdict['level'], string> = {
  green: '✓',
  amber: '!',
  red: '✗',
  grey: '?',
  idle: '…',
  checking: '…',
};

export const LEVEL_KEYS: Record<TabVerdict['level'], string> = {
  green: 'levelGreen',
  amber: 'levelAmber',
  red: 'levelRed',
  grey: 'levelGrey',
  idle: 'levelIdle',
  checking: 'levelChecking',
};

export function idleVerdict(site: WebmailSite, t: Translate): TabVerdict {
  return {
    level: 'idle',
    badgeText: BADGE_TEXT.idle,
    summary: t('verdictIdle', t(SITE_KEYS[site])),
    report: null,
  };
}

export function checkingVerdict(t: Translate): TabVerdict {
  return {
    level: 'checking',
    badgeText: BADGE_TEXT.checking,
    summary: t('verdictChecking'),
    report: null,
  };
}

const PROBLEM_KEYS: Record<MessageProblemKind, string> = {
  unreadable: 'verdictUnreadable',
  'login-required': 'verdictLoginRequired',
  'sent-by-you': 'verdictSentByYou',
  'rate-limited': 'verdictRateLimited',
};

/**
 * The padlock's own word for a message without a verdict. Each problem has its own, so "signed
 * out" or "sent by you" never reads as the "unknown" of a message with no evidence.
 */
export const PROBLEM_WORD_KEYS: Record<MessageProblemKind, string> = {
  unreadable: 'badgeWordUnreadable',
  'login-required': 'badgeWordSignedOut',
  'sent-by-you': 'badgeWordSentByYou',
  'rate-limited': 'badgeWordRetrying',
};

/** The one line for a message without a verdict; the inline padlock says the same. */
export function problemLine(problem: MessageProblemKind, t: Translate, reason?: unknown): string {
  // The reason crossed a message boundary: only our own reason keys are shown.
  const why = problem === 'unreadable' ? readUnreadableReason(reason) : null;
  if (why) return t('verdictUnreadableWhy', say(t, why));
  return t(PROBLEM_KEYS[problem]);
}

export function problemVerdict(
  problem: MessageProblemKind | { error: string },
  t: Translate,
  reason?: unknown,
): TabVerdict {
  const summary =
    typeof problem === 'object'
      ? t('verdictAssessFailed', problem.error)
      : problemLine(problem, t, reason);
  return { level: 'grey', badgeText: BADGE_TEXT.grey, summary, report: null };
}

export function reportVerdict(report: MessageReport, t: Translate): TabVerdict {
  const level: PadlockLevel = report.padlock.level;
  return {
    level,
    badgeText: BADGE_TEXT[level],
    summary: summaryLine(t, report.pending.length > 0, [
      t(LEVEL_KEYS[level]),
      say(t, report.padlock.text),
    ]),
    report,
  };
}

/**
 * "Level: reason" in the reader's language. The browser's i18n has been seen to answer "" for a
 * moment while a service worker starts; the title then still reads as words, never as a key.
 */
function summaryLine(t: Translate, checking: boolean, parts: [string, string]): string {
  const key = checking ? 'verdictSummaryChecking' : 'verdictSummary';
  const line = t(key, parts);
  return line === '' || line === key ? `${parts[0]}: ${parts[1]}` : line;
}
