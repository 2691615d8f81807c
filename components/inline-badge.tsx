// The inline padlock beside the sender. Hovering it or focusing it by keyboard shows the one-line
// reason in a tooltip of our own (a title attribute shows on hover only, never on focus or touch);
// Escape hides it. Click, tap, Enter or Space toggles a small details panel that says it all, and
// Escape closes that too. Everything is text nodes: header-derived strings never become markup.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { BadgeState } from '../lib/ext/webmail-content.ts';
import type { TabVerdict } from '../lib/messaging/protocol.ts';
import { say, type Translate } from '../lib/messaging/say.ts';
import { LEVEL_KEYS, PROBLEM_WORD_KEYS, problemLine } from '../lib/messaging/tab-verdict.ts';
import { PadlockIcon } from './padlock-icon.tsx';
import { SenderAlerts } from './sender-alerts.tsx';
import { Signals } from './signals.tsx';

function describe(state: BadgeState, t: Translate): { level: TabVerdict['level']; line: string } {
  if (state.kind === 'checking') return { level: 'checking', line: t('verdictChecking') };
  if (state.kind === 'problem') {
    return { level: 'grey', line: problemLine(state.problem, t, state.reason) };
  }
  return { level: state.verdict.level, line: state.verdict.summary };
}

/** What the tooltip says: the reason, and what the marks inside the padlock mean. */
function tipLines(line: string, report: TabVerdict['report'], t: Translate): string[] {
  const lines = [line];
  if ((report?.pending.length ?? 0) > 0) lines.push(t('stillChecking'));
  if ((report?.alerts?.length ?? 0) > 0) lines.push(t('alert_heading'));
  return lines;
}

let nextTipId = 0;

/** The padlock's newest state; read at each render, so an opening panel never shows an old one. */
export interface LatestBadgeState {
  readonly state: BadgeState;
}

export function InlineBadge({ latest, t }: { latest: LatestBadgeState; t: Translate }) {
  const { state } = latest;
  const [open, setOpen] = useState(false);
  // Escape hides the tooltip until the pointer or focus leaves (WCAG 2.2 SC 1.4.13).
  const [tipDismissed, setTipDismissed] = useState(false);
  const [tipId] = useState(() => `ms-tip-${nextTipId++}`);
  const lock = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLSpanElement>(null);
  const { level, line } = describe(state, t);
  const report = state.kind === 'verdict' ? state.verdict.report : null;
  // Focus moves into the panel when it opens; closing returns it to the padlock.
  useEffect(() => {
    const node = panel.current;
    if (!open || node === null) return;
    node.focus();
    // Keep the panel inside the viewport: a sender near the right edge shifts it left.
    const width = node.ownerDocument.defaultView?.innerWidth ?? 0;
    const rect = node.getBoundingClientRect();
    const over = rect.right - (width - 8);
    // Shift left by the overflow, but never past the left edge.
    if (width > 0 && over > 0) node.style.left = `${Math.min(0, Math.max(-over, 8 - rect.left))}px`;
  }, [open]);
  const close = () => {
    setOpen(false);
    setTipDismissed(true);
    lock.current?.focus();
  };
  return (
    <span class="root" data-level={level}>
      <button
        ref={lock}
        type="button"
        class={`lock level-${level}`}
        aria-label={t('badgeLabel', line)}
        aria-describedby={tipId}
        aria-expanded={open}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(!open);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          if (open) close();
          else setTipDismissed(true);
        }}
        onBlur={() => setTipDismissed(false)}
        onMouseLeave={() => setTipDismissed(false)}
      >
        <PadlockIcon level={level} />
        <span class="word">
          {t(state.kind === 'problem' ? PROBLEM_WORD_KEYS[state.problem] : LEVEL_KEYS[level])}
        </span>
        {(report?.alerts?.length ?? 0) > 0 && (
          <span class="alert-mark" aria-hidden="true">
            {'!'}
          </span>
        )}
        {report !== null && report.pending.length > 0 && (
          <span class="pending" data-testid="still-checking" aria-hidden="true">
            {'…'}
          </span>
        )}
      </button>
      <span
        id={tipId}
        role="tooltip"
        class={`tip${open || tipDismissed ? ' tip-hidden' : ''}`}
        data-testid="badge-tip"
      >
        {tipLines(line, report, t).map((text) => (
          <span class="tip-line" key={text}>
            {text}
          </span>
        ))}
      </span>
      {open && (
        <span
          ref={panel}
          class="panel"
          role="dialog"
          aria-label={line}
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
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
          <button type="button" class="close" onClick={close}>
            {t('badgeClose')}
          </button>
        </span>
      )}
    </span>
  );
}
