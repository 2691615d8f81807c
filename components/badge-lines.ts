// What the inline padlock says for a state, shared by the closed padlock (plain DOM) and its
// details panel (Preact): its level, its one line, its word and its tooltip's lines.

import type { BadgeState } from '../lib/ext/webmail-content.ts';
import type { PageVerdict } from '../lib/messaging/content-port.ts';
import type { TabVerdict } from '../lib/messaging/protocol.ts';
import type { Translate } from '../lib/messaging/say.ts';
import { LEVEL_KEYS, PROBLEM_WORD_KEYS, problemLine } from '../lib/messaging/tab-verdict.ts';

export function describe(
  state: BadgeState,
  t: Translate,
): { level: TabVerdict['level']; line: string } {
  if (state.kind === 'checking') return { level: 'checking', line: t('verdictChecking') };
  if (state.kind === 'problem') {
    return { level: 'grey', line: problemLine(state.problem, t, state.reason) };
  }
  return { level: state.verdict.level, line: state.verdict.summary };
}

/** The word beside the glyph: the level, or which problem (colour is never the only signal). */
export function wordOf(state: BadgeState, level: TabVerdict['level'], t: Translate): string {
  return t(state.kind === 'problem' ? PROBLEM_WORD_KEYS[state.problem] : LEVEL_KEYS[level]);
}

export function reportOf(state: BadgeState): PageVerdict['report'] {
  return state.kind === 'verdict' ? state.verdict.report : null;
}

/** What the tooltip says: the reason, and what the marks inside the padlock mean. */
export function tipLines(line: string, report: PageVerdict['report'], t: Translate): string[] {
  const lines = [line];
  if ((report?.pending.length ?? 0) > 0) lines.push(t('stillChecking'));
  if ((report?.alerts?.length ?? 0) > 0) lines.push(t('alert_heading'));
  return lines;
}
