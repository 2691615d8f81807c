// The toolbar popup: summary first, details (path, standards, threats, admin) one click away.

import { useEffect, useState } from 'preact/hooks';
import type { TabVerdict } from '../lib/messaging/protocol.ts';
import { awaitsAnswers, type MessageReport } from '../lib/messaging/report.ts';
import type { Translate } from '../lib/messaging/tab-verdict.ts';
import { DeliveryPath } from './delivery-path.tsx';
import { PadlockIcon } from './padlock-icon.tsx';
import { PopupSummary } from './popup-summary.tsx';
import { AdminView, StandardsTable, ThreatMatrixTable } from './report-tables.tsx';

export interface PopupDeps {
  t: Translate;
  /** The verdict of the active tab (null when it is not a webmail tab). */
  loadVerdict: () => Promise<TabVerdict | null>;
  copyText: (text: string) => Promise<void>;
  optionsUrl: string;
}

type PopupState = { kind: 'loading' } | { kind: 'ready'; verdict: TabVerdict | null };

function Details({ report, deps }: { report: MessageReport; deps: PopupDeps }) {
  const { t } = deps;
  const [copied, setCopied] = useState(false);
  return (
    <>
      <details open>
        <summary>{t('popupPath')}</summary>
        <DeliveryPath path={report.path} t={t} />
      </details>
      <details>
        <summary>{t('popupStandards')}</summary>
        <StandardsTable report={report} t={t} />
      </details>
      <details>
        <summary>{t('popupThreats')}</summary>
        <ThreatMatrixTable threats={report.threats} t={t} />
      </details>
      <details>
        <summary>{t('popupAdmin')}</summary>
        <AdminView report={report} t={t} />
      </details>
      <p>
        <button
          type="button"
          onClick={() =>
            void deps.copyText(JSON.stringify(report, null, 2)).then(() => setCopied(true))
          }
        >
          {t('popupCopyJson')}
        </button>{' '}
        <output aria-live="polite">{copied ? t('popupCopied') : ''}</output>
      </p>
    </>
  );
}

export function PopupApp({ deps }: { deps: PopupDeps }) {
  const { t } = deps;
  const [state, setState] = useState<PopupState>({ kind: 'loading' });

  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      const verdict = await deps.loadVerdict();
      if (stopped) return;
      setState({ kind: 'ready', verdict });
      // Keep following the tab while an assessment is under way or being refined.
      const refining = verdict?.report ? awaitsAnswers(verdict.report) : false;
      if (verdict?.level === 'checking' || refining) setTimeout(() => void refresh(), 500);
    };
    void refresh();
    return () => {
      stopped = true;
    };
  }, [deps]);

  const verdict = state.kind === 'ready' ? state.verdict : null;
  return (
    <main>
      <h1>{t('extName')}</h1>
      {state.kind === 'loading' && <p>{t('popupChecking')}</p>}
      {state.kind === 'ready' && verdict === null && <p>{t('popupNoMessage')}</p>}
      {verdict !== null && verdict.report === null && (
        <div class={`verdict level-${verdict.level}`} data-testid="verdict-summary">
          <PadlockIcon level={verdict.level} size={40} />
          <p class="reason">{verdict.summary}</p>
        </div>
      )}
      {verdict?.report && (
        <>
          <PopupSummary report={verdict.report} t={t} />
          <Details report={verdict.report} deps={deps} />
        </>
      )}
      <p>
        <a href={deps.optionsUrl} target="_blank" rel="noreferrer">
          {t('popupSettings')}
        </a>
      </p>
    </main>
  );
}
