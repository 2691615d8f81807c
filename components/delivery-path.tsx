// The delivery path, oldest hop first, numbered from 1 as everywhere else: a closed lock only for
// a hop with evidence of encryption, an open lock for cleartext, a question mark without
// evidence; TLS version and cipher, the delay, and who recorded it (your provider = evidence,
// the sender's side = claim). A sending host known only by address shows the address.

import type { PathHop } from '../lib/messaging/report.ts';
import type { Translate } from '../lib/messaging/say.ts';
import { Glyph } from './glyph.tsx';
import { PadlockIcon } from './padlock-icon.tsx';

function NoEvidenceIcon() {
  return (
    <Glyph size={18}>
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
      <path
        d="M9.6 9.4a2.5 2.5 0 1 1 3.4 2.3c-.7.3-1 .8-1 1.5v.6M12 16.6v.2"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
      />
    </Glyph>
  );
}

function HopIcon({ hop }: { hop: PathHop }) {
  if (hop.encrypted === true) return <PadlockIcon level="green" size={18} />;
  if (hop.encrypted === false) return <PadlockIcon level="red" size={18} />;
  return <NoEvidenceIcon />;
}

export function DeliveryPath({ path, t }: { path: PathHop[]; t: Translate }) {
  if (path.length === 0) return <p>{t('popupPathEmpty')}</p>;
  return (
    <ol class="path" data-testid="delivery-path">
      {path.map((hop) => {
        const level = hop.encrypted === true ? 'green' : hop.encrypted === false ? 'red' : 'grey';
        const state = t(
          hop.encrypted === true
            ? 'hopEncrypted'
            : hop.encrypted === false
              ? 'hopCleartext'
              : 'hopNoEvidence',
        );
        const from = hop.fromHost ?? hop.fromIp ?? t('hopUnknownHost');
        return (
          <li
            key={hop.number}
            value={hop.number}
            data-hop={hop.number}
            class={`hop hop-${hop.recordedBy}${hop.handoff ? ' hop-handoff' : ''}`}
          >
            <span class={`hop-lock level-${level}`}>
              <HopIcon hop={hop} />
            </span>
            <div class="hop-body">
              <div class="hop-hosts">
                <span class="hop-number">{t('hopNumber', String(hop.number))} </span>
                <span class="host">{from}</span>
                {' → '}
                <span class="host">{hop.byHost ?? t('hopUnknownHost')}</span>
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
