// The popup's summary: the padlock, the one-line reason, the provider stars and the reasons.

import type { MessageReport, ProviderSummary } from '../lib/messaging/report.ts';
import type { Translate } from '../lib/messaging/tab-verdict.ts';
import { LEVEL_KEYS } from '../lib/messaging/tab-verdict.ts';
import { PadlockIcon } from './padlock-icon.tsx';

function Stars({
  stars,
  lowest,
  highest,
  t,
}: {
  stars: number | null;
  lowest: number;
  highest: number;
  t: Translate;
}) {
  const shown = stars ?? lowest;
  const label =
    stars === null
      ? `${t('popupNotRated')} (${lowest}–${highest})`
      : t('popupStarsValue', String(stars));
  const glyphs = Array.from({ length: 5 }, (_, i) =>
    shown >= i + 1 ? '★' : shown >= i + 0.5 ? '⯪' : '☆',
  ).join('');
  return (
    <span class="stars" role="img" aria-label={label} title={label}>
      {glyphs}
      <span class="stars-number">{stars === null ? '?' : stars}</span>
    </span>
  );
}

function ProviderStars({ provider, t }: { provider: ProviderSummary; t: Translate }) {
  return (
    <section
      class="provider"
      aria-label={t(provider.role === 'sender' ? 'popupSender' : 'popupRecipient')}
    >
      <h3>
        {t(provider.role === 'sender' ? 'popupSender' : 'popupRecipient')}
        {provider.domain && <span class="domain"> {provider.domain}</span>}
      </h3>
      <dl>
        {provider.stars.map((row) => (
          <div class="star-row" key={row.category}>
            <dt>{row.label}</dt>
            <dd title={row.why}>
              <Stars stars={row.stars} lowest={row.lowest} highest={row.highest} t={t} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function PopupSummary({ report, t }: { report: MessageReport; t: Translate }) {
  const level = report.padlock.level;
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title" class="visually-hidden">
        {t('popupSummary')}
      </h2>
      <div class={`verdict level-${level}`} data-testid="verdict-summary">
        <PadlockIcon level={level} size={40} />
        <div>
          <strong class="level-word">{t(LEVEL_KEYS[level])}</strong>
          <p class="reason">{report.padlock.reason}</p>
        </div>
      </div>
      {report.degraded && (
        <p class="degraded" role="note">
          {t('popupDegraded', report.degraded)}
        </p>
      )}
      {report.reasons.length > 1 && (
        <ul class="reasons">
          {report.reasons.slice(1).map((reason) => (
            <li key={reason}>{reason}</li>
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
