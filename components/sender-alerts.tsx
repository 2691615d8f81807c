// Downgrade alerts beside the report (docs/downgrade-alerts.md): where this message is worse
// than the way its sender's mail usually arrives. An additional signal, never the padlock's
// level; each can be dismissed for as long as the panel or popup is open.
import { useState } from 'preact/hooks';
import type { SenderAlertView } from '../lib/messaging/report.ts';
import { say, type Translate } from '../lib/messaging/say.ts';

export function SenderAlerts({ alerts, t }: { alerts: readonly SenderAlertView[]; t: Translate }) {
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  const shown = alerts.filter((a) => !dismissed.includes(a.kind));
  if (shown.length === 0) return null;
  return (
    <section class="sender-alerts" aria-label={t('alert_heading')}>
      {shown.map((alert) => (
        <div
          class={`sender-alert alert-${alert.tone}`}
          role="note"
          data-alert={alert.kind}
          key={alert.kind}
        >
          <strong class="alert-title">{say(t, alert.title)}</strong>
          <span class="alert-usually">{say(t, alert.usually)}</span>
          <span class="alert-meaning">{say(t, alert.meaning)}</span>
          <button
            type="button"
            class="alert-dismiss"
            onClick={() => setDismissed([...dismissed, alert.kind])}
          >
            {t('alert_dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}

export const SENDER_ALERTS_CSS = `
.sender-alerts { display: block; margin-top: 6px; }
.sender-alert { display: block; margin-top: 4px; padding: 4px 6px; border-left: 3px solid #9a6700; background: #fff8c5; color: #1f2328; }
.sender-alert.alert-info { border-left-color: #0969da; background: #ddf4ff; }
.alert-title, .alert-usually, .alert-meaning { display: block; overflow-wrap: anywhere; }
.alert-usually, .alert-meaning { margin-top: 2px; }
.alert-dismiss { margin-top: 4px; font: inherit; }
.alert-mark { font-weight: 700; margin-inline-start: 2px; }
:host([data-theme="dark"]) .sender-alert { background: #2b2111; color: #e6edf3; border-left-color: #d29922; }
:host([data-theme="dark"]) .sender-alert.alert-info { background: #0c2d4a; border-left-color: #58a6ff; }
`;
