// The inline padlock's details panel, opened by click, tap, Enter or Space on the padlock
// (closed-padlock.ts): it says it all, and Escape or its close button closes it. Preact draws it
// (the closed padlock does without). Everything is text nodes: header-derived strings never
// become markup.

import type { BadgeState } from '../lib/ext/webmail-content.ts';
import { say, type Translate } from '../lib/messaging/say.ts';
import { describe, reportOf } from './badge-lines.ts';
import { SenderAlerts } from './sender-alerts.tsx';
import { Signals } from './signals.tsx';

export function BadgePanel({
  state,
  t,
  onClose,
}: {
  state: BadgeState;
  t: Translate;
  onClose: () => void;
}) {
  const { line } = describe(state, t);
  const report = reportOf(state);
  return (
    <span
      class="panel"
      role="dialog"
      aria-label={line}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <strong class="line">{report ? say(t, report.padlock.text) : line}</strong>
      {report !== null && report.pending.length > 0 && (
        <span class="still-checking">{t('stillChecking')}</span>
      )}
      {report && <Signals padlock={report.padlock} t={t} />}
      {report?.notices.map((notice) => (
        <span class="notice" key={notice.key}>
          {say(t, notice)}
        </span>
      ))}
      {report && <SenderAlerts alerts={report.alerts ?? []} t={t} />}
      {report && report.reasons.length > 0 && (
        <ul class="reasons">
          {report.reasons.slice(0, 3).map((reason) => (
            <li key={`${reason.key}|${reason.params.join('|')}`}>{say(t, reason)}</li>
          ))}
        </ul>
      )}
      <span class="hint">{t('badgeDetailsHint')}</span>
      <button type="button" class="close" onClick={onClose}>
        {t('badgeClose')}
      </button>
    </span>
  );
}
