// The delivery path, oldest hop first: a lock or open lock per hop, TLS version and cipher,
// the delay, and who recorded it (the user's provider = evidence, the sender's side = claim).

import type { PathHop } from '../lib/messaging/report.ts';
import type { Translate } from '../lib/messaging/tab-verdict.ts';
import { PadlockIcon } from './padlock-icon.tsx';

function hopLevel(hop: PathHop) {
  if (hop.encrypted === true) return 'green' as const;
  if (hop.encrypted === false) return 'red' as const;
  return 'grey' as const;
}

export function DeliveryPath({ path, t }: { path: PathHop[]; t: Translate }) {
  if (path.length === 0) return <p>{t('popupPathEmpty')}</p>;
  return (
    <ol class="path" data-testid="delivery-path">
      {path.map((hop, index) => {
        const level = hopLevel(hop);
        const state = t(
          hop.encrypted === true
            ? 'hopEncrypted'
            : hop.encrypted === false
              ? 'hopCleartext'
              : 'hopNoEvidence',
        );
        return (
          <li
            key={`${index}-${hop.byHost}`}
            class={`hop hop-${hop.recordedBy}${hop.handoff ? ' hop-handoff' : ''}`}
          >
            <span class={`hop-lock level-${level}`}>
              <PadlockIcon level={level} size={18} />
            </span>
            <div class="hop-body">
              <div class="hop-hosts">
                {hop.fromHost ?? t('hopUnknownHost')} → {hop.byHost ?? t('hopUnknownHost')}
              </div>
              <div class="hop-meta">
                <span>{state}</span>
                {hop.tlsVersion && <span> · {hop.tlsVersion}</span>}
                {hop.cipher && <span class="cipher"> · {hop.cipher}</span>}
                {hop.delaySeconds !== null && (
                  <span> · {t('hopDelay', String(hop.delaySeconds))}</span>
                )}
              </div>
              <div class="hop-trust">
                {t(hop.recordedBy === 'recipient' ? 'hopRecordedByProvider' : 'hopClaimedBySender')}
                {hop.handoff && <strong> · {t('hopHandoff')}</strong>}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
