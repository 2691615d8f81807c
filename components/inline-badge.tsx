// The inline padlock beside the sender. Hover shows the one-line reason; click (or Enter/Space)
// opens a small details panel. Everything is text nodes: header-derived strings never become markup.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { BadgeState } from '../lib/ext/webmail-content.ts';
import type { TabVerdict } from '../lib/messaging/protocol.ts';
import { say, type Translate } from '../lib/messaging/say.ts';
import { LEVEL_KEYS, problemLine } from '../lib/messaging/tab-verdict.ts';
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

export function InlineBadge({ state, t }: { state: BadgeState; t: Translate }) {
  const [open, setOpen] = useState(false);
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
    lock.current?.focus();
  };
  return (
    <span class="root" data-level={level}>
      <button
        ref={lock}
        type="button"
        class={`lock level-${level}`}
        title={line}
        aria-label={t('badgeLabel', line)}
        aria-expanded={open}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(!open);
        }}
      >
        <PadlockIcon level={level} />
        <span class="word">{t(LEVEL_KEYS[level])}</span>
        {(report?.alerts?.length ?? 0) > 0 && (
          <span class="alert-mark" title={t('alert_heading')}>
            {'!'}
          </span>
        )}
        {report !== null && report.pending.length > 0 && (
          <span class="pending" data-testid="still-checking" title={t('stillChecking')}>
            {'…'}
          </span>
        )}
      </button>
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
