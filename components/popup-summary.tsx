// The popup's summary: the verdict first (level and headline), the two signals (transport,
// sender), what the reader must know about the message, what was not checked, what an attacker
// could or could not do, and the provider stars.

import type { MessageReport, ProviderSummary } from '../lib/messaging/report.ts';
import { say, type Translate } from '../lib/messaging/say.ts';
import { LEVEL_KEYS } from '../lib/messaging/tab-verdict.ts';
import { PadlockIcon } from './padlock-icon.tsx';
import { SenderAlerts } from './sender-alerts.tsx';
import { Signals } from './signals.tsx';
import { StarRating } from './star-rating.tsx';

const CATEGORY_KEYS = {
  confidentiality: 'categoryConfidentiality',
  phishing: 'categoryPhishing',
  integrity: 'categoryIntegrity',
} as const;

function ProviderStars({ provider, t }: { provider: ProviderSummary; t: Translate }) {
  const role = t(provider.role === 'sender' ? 'popupSender' : 'popupRecipient');
  return (
    <section class="provider" aria-label={role} data-role={provider.role}>
      <h3>
        {role}
        {provider.domain && <span class="domain"> {provider.domain}</span>}
      </h3>
      {provider.notRated ? (
        <p class="not-rated-note" data-testid="provider-not-rated">
          {say(t, provider.notRated)}
        </p>
      ) : (
        <dl>
          {provider.stars.map((row) => (
            <div class="star-row" key={row.category}>
              <dt>{t(CATEGORY_KEYS[row.category])}</dt>
              <dd>
                <StarRating stars={row.stars} t={t} />
                <span class="why">{say(t, row.why)}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

export function PopupSummary({ report, t }: { report: MessageReport; t: Translate }) {
  const level = report.padlock.level;
  const checking = report.pending.length > 0;
  // The padlock is final; the stars and the standards table still refine.
  const refining = !checking && (report.refining?.length ?? 0) > 0;
  return (
    <section aria-labelledby="summary-title">
      <div class={`verdict level-${level}`} data-testid="verdict-summary">
        <PadlockIcon level={level} size={40} />
        <div>
          <h2 id="summary-title" class="headline">
            <span class="level-word">{t(LEVEL_KEYS[level])}</span>
            {': '}
            {say(t, report.padlock.text)}
          </h2>
          {checking && (
            <p class="still-checking" data-testid="still-checking">
              {t('stillChecking')}
            </p>
          )}
          {refining && (
            <p class="still-checking" data-testid="details-checking">
              {t('detailsStillChecking')}
            </p>
          )}
        </div>
      </div>
      <Signals padlock={report.padlock} t={t} />
      {report.notices.map((notice) => (
        <p class="notice" role="note" key={notice.key} data-testid="notice">
          {say(t, notice)}
        </p>
      ))}
      <SenderAlerts alerts={report.alerts ?? []} t={t} />
      {report.degraded && (
        <p class="degraded" role="note" data-testid="degraded">
          {say(t, report.degraded)}
        </p>
      )}
      {report.reasons.length > 0 && (
        <ul class="reasons">
          {report.reasons.map((reason) => (
            <li key={`${reason.key}|${reason.params.join('|')}`}>{say(t, reason)}</li>
          ))}
        </ul>
      )}
      <h2>{t('popupStars')}</h2>
      <div class="providers">
        {report.providers.map((provider) => (
          <ProviderStars key={provider.role} provider={provider} t={t} />
        ))}
      </div>
    </section>
  );
}
